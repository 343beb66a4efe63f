import { readFile } from 'node:fs/promises';
import { FORMAT_INFO, type FileFormat, type TextStatus } from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import { Detected, refineOle, refineZip, sniffHead } from './sniff';
import { MAX_TEXT_CHARS, cleanText, docxText, pptxText } from './text';
import { runBounded } from './tools';
import { DEFAULT_ZIP_LIMITS, ZipError, ZipLimits, ZipReader } from './zip';

/** What inspecting an upload found. */
export interface Inspection {
  format: FileFormat;
  /** extracted text, cleaned, for the search index */
  text: string;
  textStatus: TextStatus;
}

/** The tools and limits inspection uses. */
export interface InspectOptions {
  /** pdftotext, or undefined when it is not installed */
  pdftotext?: string;
  zipLimits?: ZipLimits;
  /** most characters of text kept */
  maxTextChars?: number;
  /** seconds pdftotext may run (default 60) */
  pdftotextTimeoutSeconds?: number;
}

/**
 * Checks that an uploaded file is what its name says, by its content: the magic bytes, and for
 * office files the parts inside the ZIP (`[Content_Types].xml` and `word/` or `ppt/`) or the
 * streams of the OLE2 file; a PDF must also be readable by pdftotext. Then extracts its text for
 * search. Refuses (an `ApiError` with a reason) with `FILE_EMPTY`, `FILE_TYPE_MISMATCH` (naming
 * what the file really is), `FILE_UNREADABLE` or `ARCHIVE_LIMITS` (zip bombs).
 */
export async function inspectFile(
  file: { path: string; size: number; head: Buffer },
  fileName: string,
  expected: FileFormat,
  options: InspectOptions = {},
): Promise<Inspection> {
  if (file.size === 0) throw refuse('FILE_EMPTY');
  const maxChars = options.maxTextChars ?? MAX_TEXT_CHARS;
  const mismatch = (detected: Detected) => refuse('FILE_TYPE_MISMATCH', { fileName, expected, detected });
  const isDocument = FORMAT_INFO[expected].kind === 'document';
  let detected: Detected = sniffHead(file.head);
  let zip: ZipReader | undefined;

  // Containers are opened only when a document is expected (documents have the smallest limit).
  if (detected === 'zip' && isDocument) {
    try {
      zip = ZipReader.open(await readFile(file.path), options.zipLimits ?? DEFAULT_ZIP_LIMITS);
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      if (expected !== 'docx' && expected !== 'pptx') throw mismatch('zip');
      throw e.kind === 'limits' ? refuse('ARCHIVE_LIMITS', { detail: e.message }) : refuse('FILE_UNREADABLE', { detail: e.message });
    }
    detected = refineZip(zip);
  } else if (detected === 'ole' && isDocument) {
    detected = refineOle(await readFile(file.path));
  }
  if (detected !== expected) throw mismatch(detected);

  try {
    switch (expected) {
      case 'pdf':
        return await pdfText(file.path, options, maxChars);
      case 'docx':
        return withText(docxText(zip!, maxChars));
      case 'pptx':
        return withText(pptxText(zip!, maxChars));
      default:
        return { format: expected, text: '', textStatus: 'unsupported' };
    }
  } catch (e) {
    if (e instanceof ZipError) {
      throw e.kind === 'limits' ? refuse('ARCHIVE_LIMITS', { detail: e.message }) : refuse('FILE_UNREADABLE', { detail: e.message });
    }
    throw e;
  }

  function withText(text: string): Inspection {
    return { format: expected, text, textStatus: text ? 'extracted' : 'empty' };
  }
}

async function pdfText(path: string, options: InspectOptions, maxChars: number): Promise<Inspection> {
  if (!options.pdftotext) return { format: 'pdf', text: '', textStatus: 'unavailable' };
  let run;
  try {
    run = await runBounded(options.pdftotext, ['-q', '-enc', 'UTF-8', '-eol', 'unix', path, '-'], {
      timeoutMs: (options.pdftotextTimeoutSeconds ?? 60) * 1000,
      // UTF-8 takes at most 4 bytes a character; page breaks and spaces are collapsed afterwards
      maxOutput: maxChars * 4 + 65536,
    });
  } catch {
    return { format: 'pdf', text: '', textStatus: 'unavailable' };
  }
  if (run.timedOut) return { format: 'pdf', text: '', textStatus: 'failed' };
  // exit 3: copying text is not permitted by the document — a valid PDF whose text we may not index
  if (run.code === 3) return { format: 'pdf', text: '', textStatus: 'failed' };
  // exit 1: pdftotext could not open the file as a PDF (poppler: "error opening PDF file")
  if (!run.truncated && run.code !== 0) throw refuse('FILE_UNREADABLE', { detail: `pdftotext exit ${run.code}` });
  const text = cleanText(run.stdout, maxChars);
  return { format: 'pdf', text, textStatus: text ? 'extracted' : 'empty' };
}
