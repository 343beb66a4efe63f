/**
 * `@yinxin/pdf-doc` — simple Chinese PDF documents: exports (rosters, attendance reports,
 * training records) made of headings, paragraphs, tables and key/value lists with page numbers,
 * and one-page certificates of completion. Text is set in an embedded subset of the WenQuanYi
 * Micro Hei font (pdfkit). A pure library: no database, no Backstage services.
 *
 * @packageDocumentation
 */
export { PdfDocError, type PdfDocErrorCode } from './errors';
export { CJK_FONT_ENV, DEFAULT_CJK_FONT_FAMILY, DEFAULT_CJK_FONT_PATH, type FontOptions } from './font';
export {
  PARAGRAPH_SIZE_RANGE,
  PDF_LIMITS,
  type PdfAlign,
  type PdfBlock,
  type PdfDocSpec,
  type PdfLimits,
  type PdfTableColumn,
  type RenderOptions,
} from './spec';
export { renderPdf } from './document';
export { renderCertificate, type CertificateSpec } from './certificate';
