import { copyFile, open, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileFormat } from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import type { FileStore } from './FileStore';
import { runBounded } from './tools';

/** Office formats that are converted to PDF for preview. */
export const OFFICE_FORMATS: readonly FileFormat[] = ['docx', 'pptx', 'doc', 'ppt'];

/**
 * PDF previews of office files, made with LibreOffice (`soffice --headless --convert-to pdf`) when
 * it is installed, one conversion at a time (LibreOffice is heavy, and one user profile cannot be
 * shared by two running instances), cached beside the stored file. Without LibreOffice,
 * {@link OfficePreview.available} is false and {@link OfficePreview.pdfOf} refuses with
 * `PREVIEW_UNAVAILABLE`.
 */
export class OfficePreview {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Map<string, Promise<string>>();

  constructor(
    private readonly store: FileStore,
    /** the soffice executable, or undefined when LibreOffice is not installed */
    readonly soffice: string | undefined,
    private readonly timeoutMs = 180_000,
  ) {}

  /** Whether office files can be previewed. */
  get available(): boolean {
    return !!this.soffice;
  }

  /**
   * The path of the PDF preview of a stored office file, converting it on first use.
   * @throws ApiError `PREVIEW_UNAVAILABLE` without LibreOffice, or when the conversion fails
   */
  async pdfOf(key: string, format: FileFormat): Promise<string> {
    if (!this.soffice) throw refuse('PREVIEW_UNAVAILABLE', { cause: 'not-installed' }, { cause: 'not-installed' });
    const target = this.store.previewPathOf(key);
    if (await stat(target).then(s => s.size > 0, () => false)) return target;
    let job = this.running.get(key);
    if (!job) {
      job = this.enqueue(() => this.convert(key, format, target)).finally(() => this.running.delete(key));
      this.running.set(key, job);
    }
    return job;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async convert(key: string, format: FileFormat, target: string): Promise<string> {
    const dir = await this.store.workDir();
    try {
      const input = join(dir, `document.${format}`);
      await copyFile(this.store.pathOf(key), input);
      const run = await runBounded(
        this.soffice!,
        [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', dir, input],
        { timeoutMs: this.timeoutMs, maxOutput: 64 * 1024, cwd: dir, env: { ...process.env, HOME: dir } },
      ).catch(e => {
        throw refuse('PREVIEW_UNAVAILABLE', { cause: 'failed', detail: String((e as Error).message ?? e) }, { cause: 'failed' });
      });
      const produced = join(dir, 'document.pdf');
      const ok = await isPdf(produced);
      if (!ok) {
        const files = await readdir(dir).catch(() => []);
        throw refuse('PREVIEW_UNAVAILABLE', { cause: 'failed', detail: `exit ${run.code}${run.timedOut ? ', timed out' : ''}; ${files.join(' ')}` }, { cause: 'failed' });
      }
      await rename(produced, target);
      return target;
    } finally {
      await this.store.discard(dir);
    }
  }
}

async function isPdf(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => undefined);
  if (!fh) return false;
  try {
    const buf = Buffer.alloc(5);
    await fh.read(buf, 0, 5, 0);
    return buf.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}
