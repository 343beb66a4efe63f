import { renderPdf } from '@yinxin/pdf-doc';

/** A block of a PDF document (the `@yinxin/pdf-doc` `renderPdf` input). */
export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: { title: string; width?: number }[]; rows: string[][] }
  | { kind: 'keyValues'; items: [string, string][] };

/** A PDF document: `renderPdf(spec)` of `@yinxin/pdf-doc`. */
export interface PdfSpec {
  title: string;
  subtitle?: string;
  landscape?: boolean;
  footer?: string;
  blocks: PdfBlock[];
}

/** Renders a {@link PdfSpec} to PDF bytes. */
export type PdfRenderer = (spec: PdfSpec) => Promise<Buffer>;

/** `renderPdf` of `@yinxin/pdf-doc` (tests may hand the routes another renderer). */
export function pdfDocRenderer(): PdfRenderer {
  return spec => renderPdf(spec);
}
