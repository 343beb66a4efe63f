import { DEFAULT_SIZE_LIMITS, FORMAT_INFO, FILE_FORMATS, formatOfFileName, type MaterialKind, type TrainingCapabilities } from '@yinxin/plugin-training-common';

/** A size for people: bytes, KB, MB or GB (1024-based, one decimal). */
export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 0) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 ** 2) return `${(size / 1024).toFixed(1)} KB`;
  if (size < 1024 ** 3) return `${(size / 1024 ** 2).toFixed(1)} MB`;
  return `${(size / 1024 ** 3).toFixed(1)} GB`;
}

/** Why a chosen file is not sent: a message id of `messages.ts`. */
export type FileProblem = 'fileEmpty' | 'fileTooLarge' | 'fileTypeNotAllowed';

/** The size limits per kind the server announces, else the defaults. */
export function limitsOf(caps: Pick<TrainingCapabilities, 'limits'> | undefined): Record<MaterialKind, number> {
  return { ...DEFAULT_SIZE_LIMITS, ...caps?.limits };
}

/**
 * Checks a chosen file before it is sent: an accepted extension and a size within the limit of
 * its kind. The server still sniffs the content (a disguised file is refused there).
 */
export function fileProblem(file: { name: string; size: number }, limits: Record<MaterialKind, number>): { problem: FileProblem; max?: number } | undefined {
  const format = formatOfFileName(file.name);
  if (!format) return { problem: 'fileTypeNotAllowed' };
  if (file.size <= 0) return { problem: 'fileEmpty' };
  const max = limits[FORMAT_INFO[format].kind];
  return file.size > max ? { problem: 'fileTooLarge', max } : undefined;
}

/** The `accept` attribute of the file input: every accepted extension. */
export function acceptAttribute(): string {
  return FILE_FORMATS.flatMap(f => FORMAT_INFO[f].extensions.map(e => `.${e}`)).join(',');
}

/** Upload progress in whole percent (0–100). */
export function uploadPercent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}
