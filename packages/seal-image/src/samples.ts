/**
 * The sample impressions kept in `docs/seals/` (regenerate with `YINXIN_UPDATE_SAMPLES=1`, see
 * README.md). Organisation names and codes are made up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SealTemplate } from './layout';
import { renderSealPng, type PngRenderOptions } from './render';

/** File name (without extension) → template. */
export const SAMPLE_SEALS: ReadonlyArray<{ file: string; title: string; template: SealTemplate }> = [
  {
    file: 'round-40-official',
    title: '公章 (法定名称章), round 40 mm, star and 13-digit code',
    template: { kind: 'round', text: '某某市人力资源和社会保障局', code: '3501000012345' },
  },
  {
    file: 'round-42-finance',
    title: '财务专用章, round 42 mm, lower text and code',
    template: { kind: 'round', sizeMm: 42, text: '某某科技发展有限公司', lowerText: '财务专用章', code: '3501000012346' },
  },
  {
    file: 'oval-40x30-invoice',
    title: '发票专用章 style, oval 40×30 mm, centre and lower text',
    template: { kind: 'oval', text: '某某科技发展有限公司', centreText: '91350100MA2Y000001', lowerText: '发票专用章' },
  },
  {
    file: 'square-20-personal-4',
    title: '个人名章, square 20 mm, 3-character name + 印',
    template: { kind: 'square', text: '王小明', addYin: true },
  },
  {
    file: 'square-20-personal-2',
    title: '个人名章, square 20 mm, 2-character name',
    template: { kind: 'square', text: '李娜' },
  },
];

/**
 * Renders every sample into `dir` as `<file>.png` and `<file>.svg`.
 *
 * @returns the paths written
 */
export function writeSamples(dir: string, options: PngRenderOptions = {}): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const s of SAMPLE_SEALS) {
    const r = renderSealPng(s.template, options);
    const png = path.join(dir, `${s.file}.png`);
    const svg = path.join(dir, `${s.file}.svg`);
    fs.writeFileSync(png, r.png);
    fs.writeFileSync(svg, r.svg);
    written.push(png, svg);
  }
  return written;
}
