/**
 * Error type of the pdf-doc library.
 *
 * Input problems (malformed specs, oversize documents, a missing or unusable font) are always
 * reported as {@link PdfDocError}; anything else escaping the library is a bug.
 */

/** Machine-readable reason of a {@link PdfDocError}. */
export type PdfDocErrorCode =
  /** The document exceeds a limit (table rows, characters, blocks or pages); see `PDF_LIMITS`. */
  | 'PDF_TOO_LARGE'
  /** The CJK font file does not exist, cannot be read, or is not a usable TrueType/OpenType font. */
  | 'PDF_FONT_MISSING'
  /** The spec is malformed: wrong types, unknown block kind, bad sizes, too many columns, ... */
  | 'PDF_BAD_INPUT';

/** The only error type this library throws (or rejects with) for bad input or environment. */
export class PdfDocError extends Error {
  /** Machine-readable reason. */
  readonly code: PdfDocErrorCode;

  /**
   * @param code - machine-readable reason
   * @param message - human-readable detail (English; names the offending field where possible)
   * @param options - optional underlying cause
   */
  constructor(code: PdfDocErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfDocError';
    this.code = code;
  }
}
