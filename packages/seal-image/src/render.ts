/**
 * PNG output via resvg: transparent background, pHYs chunk with the resolution.
 */
import { Resvg } from '@resvg/resvg-js';
import { SealImageError } from './errors';
import type { SealLayout, SealTemplate } from './layout';
import { withPngDpi } from './pngChunks';
import { renderSealSvg, type RenderOptions } from './svg';

/** Lowest accepted resolution. */
export const MIN_DPI = 72;
/** Highest accepted resolution. */
export const MAX_DPI = 1200;

/** Options of {@link renderSealPng}. */
export interface PngRenderOptions extends RenderOptions {
  /** Resolution in dots per inch, 72–1200 (default 300). */
  dpi?: number;
}

/** Result of {@link renderSealPng}. */
export interface SealPng {
  /** RGBA PNG with a transparent background and a pHYs chunk holding the dpi. */
  png: Buffer;
  /** pixel width: the width in mm at the dpi, rounded */
  widthPx: number;
  /** pixel height */
  heightPx: number;
  /** the dpi the PNG was rendered at */
  dpi: number;
  /** The geometry drawn, in mm. */
  layout: SealLayout;
  /** The SVG that was rasterised. */
  svg: string;
}

/**
 * Renders a seal template to PNG.
 *
 * @param template - what to draw
 * @param options - dpi (default 300), colour and font
 * @throws SealImageError as {@link renderSealSvg}; `OPTION_INVALID` for a dpi outside 72–1200
 */
export function renderSealPng(template: SealTemplate, options: PngRenderOptions = {}): SealPng {
  const dpi = options.dpi ?? 300;
  if (typeof dpi !== 'number' || !Number.isFinite(dpi) || dpi < MIN_DPI || dpi > MAX_DPI) {
    throw new SealImageError('OPTION_INVALID', `dpi must be from ${MIN_DPI} to ${MAX_DPI}`);
  }
  const { svg, layout } = renderSealSvg(template, options);
  const widthPx = Math.max(1, Math.round((layout.widthMm / 25.4) * dpi));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    font: { loadSystemFonts: false },
    shapeRendering: 2,
    logLevel: 'off',
  });
  const image = resvg.render();
  const png = withPngDpi(image.asPng(), dpi);
  return { png, widthPx: image.width, heightPx: image.height, dpi, layout, svg };
}
