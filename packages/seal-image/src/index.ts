/**
 * `@yinxin/seal-image` — electronic seal impressions. Draws round (with star), oval and square
 * personal seals from templates as SVG (glyph outlines from a CJK TrueType font, no `<text>`) and
 * as transparent PNG (resvg, pHYs resolution); checks uploaded scans (seals, handwritten
 * signatures). A pure library: no database, no Backstage services.
 *
 * @packageDocumentation
 */
export { SealImageError, type SealImageErrorCode } from './errors';
export { DEFAULT_FONT_PATHS, loadSealFont, type SealFont } from './font';
export { boxCorners, convexOverlap, type Box, type Point } from './geometry';
export {
  TEXT_LIMITS,
  arcSpanDeg,
  squareGrid,
  type CharLayout,
  type FrameLayout,
  type OvalSealTemplate,
  type RingLayout,
  type RoundSealTemplate,
  type SealLayout,
  type SealTemplate,
  type SealTextRole,
  type SquareSealTemplate,
  type StarLayout,
} from './layout';
export { DEFAULT_SEAL_COLOR, renderSealSvg, type RenderOptions, type SealSvg } from './svg';
export { MAX_DPI, MIN_DPI, renderSealPng, type PngRenderOptions, type SealPng } from './render';
export { PNG_SIGNATURE, readPngDpi, withPngDpi, type PngDpi } from './pngChunks';
export {
  DEFAULT_UPLOAD_LIMITS,
  checkUploadedImpression,
  toTransparentPng,
  type TransparencyOptions,
  type UploadLimits,
  type UploadedImpression,
} from './upload';
