/**
 * `renderCertificate`: a certificate of completion on one landscape A4 page.
 */
import { PdfDocError } from './errors';
import { loadCjkFont } from './font';
import { InputChecker, effectiveLimits, type RenderOptions } from './spec';
import { cleanText } from './text';
import { PdfWriter, type Align } from './writer';

/** A certificate for {@link renderCertificate}. All text fields except `body` must not be empty. */
export interface CertificateSpec {
  /** the large title, e.g. 培训结业证书 (one line; shrunk to fit) */
  title: string;
  /** who receives it (one line, under the title) */
  recipient: string;
  /** the statement; `\n` starts a new paragraph; shrinks from 16 to 10 pt, so up to about 500 Chinese characters fit */
  body: string;
  /** issuing organisation (bottom right; up to two lines) */
  issuer: string;
  /** date of issue as it should be printed, e.g. 二〇二六年十二月三十一日 */
  date: string;
  /** certificate number, printed bottom left as 证书编号：… */
  serial: string;
  /** document information CreationDate (default now); fix it for byte-identical output */
  createdAt?: Date;
}

const ACCENT = '#9b1c1c';
const GOLD = '#b8860b';

/** Page of a certificate: A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28 };

interface Fitted {
  size: number;
  lines: string[];
}

/** The largest size from `max` down to `min` (0.5 pt steps) at which text fits `maxLines` lines. */
function fit(w: PdfWriter, text: string, width: number, max: number, min: number, maxLines: number): Fitted | undefined {
  for (let size = max; size >= min - 1e-9; size -= 0.5) {
    const lines = w.wrap(text, width, size);
    if (lines.length <= maxLines) return { size, lines };
  }
  return undefined;
}

/**
 * Renders a certificate of completion: one landscape A4 page with a double border, the title
 * large and centred, the recipient, the body text, the issuer and date at the bottom right (room
 * is left for a seal) and the serial number at the bottom left. Fields are shrunk to fit.
 *
 * @param spec - the certificate
 * @param options - font path/face
 * @returns the PDF file
 * @throws PdfDocError `PDF_BAD_INPUT` when a field is missing, empty or too long to fit,
 *   `PDF_TOO_LARGE` over the character limit, `PDF_FONT_MISSING` without a usable font
 */
export async function renderCertificate(spec: CertificateSpec, options: RenderOptions = {}): Promise<Buffer> {
  if (typeof spec !== 'object' || spec === null) throw new PdfDocError('PDF_BAD_INPUT', 'the spec must be an object');
  const c = new InputChecker(effectiveLimits(options.limits));
  const raw = {
    title: c.text(spec.title, 'title'),
    recipient: c.text(spec.recipient, 'recipient'),
    body: c.text(spec.body, 'body'),
    issuer: c.text(spec.issuer, 'issuer'),
    date: c.text(spec.date, 'date'),
    serial: c.text(spec.serial, 'serial'),
  };
  const createdAt = spec.createdAt;
  if (createdAt !== undefined && (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime()))) {
    throw new PdfDocError('PDF_BAD_INPUT', 'createdAt must be a valid Date');
  }
  for (const k of ['title', 'recipient', 'issuer', 'date', 'serial'] as const) {
    if (cleanText(raw[k], false) === '') throw new PdfDocError('PDF_BAD_INPUT', `${k} must not be empty`);
  }
  const font = loadCjkFont(options);
  const w = new PdfWriter({
    landscape: true,
    margins: { top: 40, right: 40, bottom: 40, left: 40 },
    info: {
      Title: cleanText(raw.title, false),
      Author: cleanText(raw.issuer, false),
      Subject: cleanText(raw.recipient, false),
      Keywords: cleanText(raw.serial, false),
      Creator: 'yinxin pdf-doc',
      CreationDate: createdAt ?? new Date(),
    },
    font,
    maxPages: 1,
  });
  const tooLong = (field: string) =>
    new PdfDocError('PDF_BAD_INPUT', `certificate ${field} is too long to fit on the page`);
  const title = w.prepare(raw.title, false);
  const recipient = w.prepare(raw.recipient, false);
  const body = w.prepare(raw.body, true).replace(/^\s+|\s+$/g, '');
  const issuer = w.prepare(raw.issuer, false);
  const date = w.prepare(raw.date, false);
  const serial = `证书编号：${w.prepare(raw.serial, false)}`;

  const { width: pw, height: ph } = PAGE;
  // borders
  w.rect(22, 22, pw - 44, ph - 44, { stroke: ACCENT, lineWidth: 2.5 });
  w.rect(30, 30, pw - 60, ph - 60, { stroke: ACCENT, lineWidth: 0.8 });

  const centred = (f: Fitted, x: number, top: number, width: number, lh: number, color: string, align: Align = 'center') =>
    f.lines.forEach((line, i) => w.text(line, x, top + i * lh, width, { size: f.size, lineHeight: lh, color, align }));

  // title
  const t = fit(w, title, 640, 40, 20, 1);
  if (!t) throw tooLong('title');
  const tlh = t.size * 1.3;
  centred(t, 100, 112 - tlh / 2, pw - 200, tlh, ACCENT);
  w.rule(pw / 2 - 70, pw / 2 + 70, 150, 1, GOLD);

  // recipient, underlined
  const r = fit(w, recipient, 600, 26, 14, 1);
  if (!r) throw tooLong('recipient');
  const rlh = r.size * 1.4;
  centred(r, 100, 196 - rlh / 2, pw - 200, rlh, '#111111');
  const rw = Math.min(w.widthOf(r.lines[0], r.size) + 40, 620);
  w.rule(pw / 2 - rw / 2, pw / 2 + rw / 2, 196 + rlh / 2 + 3, 0.8, '#333333');

  // body: paragraphs with a two-character first-line indent; a single short line is centred
  if (body !== '') {
    const bx = 130;
    const bw = pw - 2 * bx;
    const room = 430 - 238;
    let placed: { size: number; lines: string[]; align: Align } | undefined;
    for (let size = 16; size >= 10; size -= 0.5) {
      const oneLine = !body.includes('\n') && w.widthOf(body, size) <= bw;
      const lines = oneLine ? [body] : w.wrap(body, bw, size, 2 * size);
      if (lines.length * size * 1.8 <= room) {
        placed = { size, lines, align: oneLine ? 'center' : 'left' };
        break;
      }
    }
    if (!placed) throw tooLong('body');
    const { size, lines, align } = placed;
    const lh = size * 1.8;
    // lines starting a paragraph carry the indent
    const starts = new Set<number>();
    if (align === 'left') {
      let i = 0;
      for (const para of body.split('\n')) {
        starts.add(i);
        i += w.wrap(para, bw, size, 2 * size).length;
      }
    }
    lines.forEach((line, i) => {
      const indent = starts.has(i) ? 2 * size : 0;
      w.text(line, bx + indent, 238 + i * lh, bw - indent, { size, lineHeight: lh, color: '#222222', align });
    });
  }

  // issuer and date, bottom right, centred on each other
  const ix = 440;
  const iw = 340;
  const is = fit(w, issuer, iw, 15, 10, 2);
  if (!is) throw tooLong('issuer');
  const ilh = is.size * 1.5;
  const dateFit = fit(w, date, iw, 14, 10, 1);
  if (!dateFit) throw tooLong('date');
  const dlh = dateFit.size * 1.5;
  const blockTop = 500 - is.lines.length * ilh - dlh;
  centred(is, ix, blockTop, iw, ilh, '#111111');
  centred(dateFit, ix, blockTop + is.lines.length * ilh + 4, iw, dlh, '#111111');

  // serial, bottom left
  const sf = fit(w, serial, 360, 10, 7, 1);
  if (!sf) throw tooLong('serial');
  centred(sf, 60, 520, 360, sf.size * 1.4, '#555555', 'left');

  return w.finish();
}
