/**
 * Error type of the seal-image library.
 *
 * Every function that takes outside input (template text, options, uploaded bytes, font files)
 * throws only {@link SealImageError}; lower-level failures (pngjs, zlib, fontkit) are converted.
 */

/** Machine-readable reason of a {@link SealImageError}. */
export type SealImageErrorCode =
  /** The upload is larger than the byte limit. */
  | 'IMAGE_TOO_LARGE'
  /** The upload does not start with the PNG signature. */
  | 'IMAGE_NOT_PNG'
  /** The PNG ends before its last chunk (IEND) or inside a chunk or the compressed data. */
  | 'IMAGE_TRUNCATED'
  /** The PNG is complete but malformed (bad CRC, bad header, bad compressed data, ...). */
  | 'IMAGE_CORRUPT'
  /** The PNG's width or height is outside the allowed pixel range. */
  | 'IMAGE_DIMENSIONS'
  /** The PNG is fully opaque and the caller asked for transparency to be required, not made. */
  | 'IMAGE_OPAQUE'
  /** The PNG has no visible pixel (fully transparent, or only white that was made transparent). */
  | 'IMAGE_EMPTY'
  /** A text field has more characters than the template allows. */
  | 'TEXT_TOO_LONG'
  /** A character has no glyph in the font (glyph id 0). */
  | 'GLYPH_MISSING'
  /** No usable CJK font file was found. */
  | 'FONT_MISSING'
  /** A font file exists but cannot be read as a TrueType/OpenType font. */
  | 'FONT_INVALID'
  /** The template is malformed: unknown kind, size out of range, empty or unfit text, bad code. */
  | 'TEMPLATE_INVALID'
  /** A render or check option is out of range (dpi, colour, limits). */
  | 'OPTION_INVALID';

/** The only error type thrown by this library for bad input. */
export class SealImageError extends Error {
  /** Machine-readable reason. */
  readonly code: SealImageErrorCode;

  /**
   * @param code - machine-readable reason
   * @param message - human-readable detail
   * @param options - optional underlying cause
   */
  constructor(code: SealImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SealImageError';
    this.code = code;
  }
}
