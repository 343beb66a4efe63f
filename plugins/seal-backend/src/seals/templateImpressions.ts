import { ApiError } from '@yinxin/ops-node';
import type { SealTemplate } from '@yinxin/plugin-seal-common';
import {
  SealImageError,
  checkUploadedImpression,
  loadSealFont,
  renderSealPng,
  renderSealSvg,
  type SealFont,
  type SealTemplate as DrawnTemplate,
} from '@yinxin/seal-image';
import type { Impression, ImpressionMaker } from './impressions';

/** Largest uploaded scan (bytes). */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** The drawing template for an API template; the text defaults to the owner's name. */
export function drawnTemplate(t: SealTemplate, defaults: { name: string; code?: string }): DrawnTemplate {
  const text = t.text ?? defaults.name;
  const code = t.code ?? defaults.code;
  switch (t.kind) {
    case 'round':
      return { kind: 'round', text, sizeMm: t.sizeMm, lowerText: t.lowerText, code };
    case 'oval':
      return { kind: 'oval', text, sizeMm: t.sizeMm, lowerText: t.lowerText, code };
    case 'square':
      return { kind: 'square', text, sizeMm: t.sizeMm, addYin: text.length < 4 && text.length > 1 };
    default:
      throw new ApiError('VALIDATION_FAILED', `template.kind: round, oval or square`);
  }
}

function asApiError(e: unknown): never {
  if (e instanceof SealImageError) {
    if (e.code === 'IMAGE_TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', e.message);
    if (e.code.startsWith('IMAGE_')) throw new ApiError('BAD_IMAGE', e.message);
    if (e.code === 'FONT_MISSING' || e.code === 'FONT_INVALID') throw new ApiError('INTERNAL', e.message);
    throw new ApiError('VALIDATION_FAILED', `template: ${e.message}`);
  }
  throw e;
}

/**
 * Impressions drawn by @yinxin/seal-image: red, transparent, 300 dpi PNG and an SVG of glyph
 * outlines from a CJK TrueType font; or an uploaded scanned PNG, checked (size, dimensions,
 * integrity) and made transparent when it is opaque. The font is loaded once, on first use.
 */
export function templateImpressions(opts: { font?: string }): ImpressionMaker {
  let font: SealFont | undefined;
  return {
    async fromTemplate(t, defaults): Promise<Impression> {
      try {
        font ??= loadSealFont(opts.font);
        const drawn = renderSealPng(drawnTemplate(t, defaults), { dpi: 300, font });
        return { png: drawn.png, svg: drawn.svg, widthMm: Math.round(drawn.layout.widthMm), heightMm: Math.round(drawn.layout.heightMm) };
      } catch (e) {
        return asApiError(e);
      }
    },
    previewSvg(t, defaults): string {
      try {
        font ??= loadSealFont(opts.font);
        return renderSealSvg(drawnTemplate(t, defaults), { font }).svg;
      } catch (e) {
        return asApiError(e);
      }
    },
    fromUpload(png): Impression {
      try {
        const u = checkUploadedImpression(png, { maxBytes: UPLOAD_MAX_BYTES });
        return { png: u.png, widthMm: Math.max(1, Math.round(u.widthMm)), heightMm: Math.max(1, Math.round(u.heightMm)) };
      } catch (e) {
        return asApiError(e);
      }
    },
  };
}
