import { renderCertificate, renderPdf } from '@yinxin/pdf-doc';
import { ApiError } from '@yinxin/ops-node';
import { refuse } from '../errors';

/** What a certificate of completion shows (the `@yinxin/pdf-doc` `renderCertificate` input). */
export interface CertificateInput {
  title: string;
  recipient: string;
  body: string;
  issuer: string;
  date: string;
  serial: string;
}

/** A table block of a PDF document (the `@yinxin/pdf-doc` `renderPdf` input). */
export interface PdfTableBlock {
  kind: 'table';
  columns: { title: string }[];
  /** cells are text */
  rows: string[][];
}

/** A PDF document: a title and blocks. */
export interface PdfDocumentInput {
  title: string;
  blocks: PdfTableBlock[];
}

/** The two renderers the training plugin uses. */
export interface PdfRenderers {
  renderCertificate?: (input: CertificateInput) => Promise<Buffer>;
  renderPdf?: (input: PdfDocumentInput) => Promise<Buffer>;
}

/** The renderers of `@yinxin/pdf-doc` (tests may hand the routes others). */
export function pdfDocRenderers(): Required<PdfRenderers> {
  return { renderCertificate: input => renderCertificate(input), renderPdf: input => renderPdf(input) };
}

/**
 * Calls a renderer, refusing with `RENDERER_UNAVAILABLE` when none is given or the CJK font is missing, and
 * answering the library's input errors (`PdfDocError`) as 4xx: a document over the library's
 * limits with `PAYLOAD_TOO_LARGE` (export CSV, or a shorter period), other input with
 * `VALIDATION_FAILED`.
 */
export async function render<I>(renderer: ((input: I) => Promise<Buffer>) | undefined, name: string, input: I): Promise<Buffer> {
  if (!renderer) throw refuse('RENDERER_UNAVAILABLE', { detail: `no ${name} renderer` });
  try {
    return await renderer(input);
  } catch (e) {
    const code = (e as { name?: string; code?: string }).name === 'PdfDocError' ? (e as { code?: string }).code : undefined;
    if (code === 'PDF_TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', `Too much for one PDF (${(e as Error).message}); choose a shorter period or export CSV`);
    if (code === 'PDF_FONT_MISSING') throw refuse('RENDERER_UNAVAILABLE', { detail: (e as Error).message });
    if (code) throw new ApiError('VALIDATION_FAILED', `Cannot render the PDF: ${(e as Error).message}`);
    throw e;
  }
}
