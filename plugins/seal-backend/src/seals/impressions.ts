import type { SealTemplate } from '@yinxin/plugin-seal-common';

/** A seal impression: a transparent 300 dpi PNG, an SVG when drawn from a template, its size. */
export interface Impression {
  png: Uint8Array;
  svg?: string;
  widthMm: number;
  heightMm: number;
}

/** Makes impressions from templates and checks uploaded scans. */
export interface ImpressionMaker {
  /** Draws `template`; its text defaults to `defaults.name`. Throws ApiError BAD_IMAGE / VALIDATION_FAILED. */
  fromTemplate(template: SealTemplate, defaults: { name: string; code?: string }): Promise<Impression>;
  /** Draws `template` as SVG only (a preview while the application is filled in). */
  previewSvg(template: SealTemplate, defaults: { name: string; code?: string }): string;
  /** Checks an uploaded PNG scan (size, format, integrity). Throws ApiError BAD_IMAGE / PAYLOAD_TOO_LARGE. */
  fromUpload(png: Uint8Array): Impression;
}
