import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { ApiError } from '@yinxin/ops-node';
import { refuse } from '../errors';
import { parseRange } from './range';

/** A `Content-Disposition` value with an ASCII fallback name and the UTF-8 name (RFC 6266, 5987). */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** What to serve. */
export interface ServeOptions {
  path: string;
  /** the Content-Type */
  mime: string;
  fileName: string;
  inline: boolean;
  /** a strong validator (the content's SHA-256) */
  etag?: string;
  /** the Cache-Control header (default `private, max-age=300`) */
  cacheControl?: string;
}

/**
 * Serves a file with HTTP range requests: `Accept-Ranges: bytes`; a single satisfiable range is
 * answered 206 with `Content-Range`; a bad or unsatisfiable one 416 with `Content-Range: bytes
 * *\/size` and the JSON error body; otherwise 200 with the whole file. `If-None-Match` with the
 * ETag is answered 304. Files are streamed from disk, never read whole.
 */
export async function serveFile(req: Request, res: Response, o: ServeOptions): Promise<void> {
  const s = await stat(o.path).catch(() => undefined);
  if (!s?.isFile()) throw new ApiError('NOT_FOUND', 'The file is missing from storage');
  const size = s.size;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', o.cacheControl ?? 'private, max-age=300');
  if (o.etag) res.setHeader('ETag', `"${o.etag}"`);
  if (o.etag && req.headers['if-none-match'] === `"${o.etag}"` && !req.headers.range) {
    res.status(304).end();
    return;
  }
  const range = parseRange(typeof req.headers.range === 'string' ? req.headers.range : undefined, size);
  if (range.kind === 'unsatisfiable') {
    const e = refuse('RANGE_NOT_SATISFIABLE', {}, { size });
    res.status(416).setHeader('Content-Range', `bytes */${size}`);
    res.json(e.toBody());
    return;
  }
  res.setHeader('Content-Type', o.mime);
  res.setHeader('Content-Disposition', contentDisposition(o.inline ? 'inline' : 'attachment', o.fileName));
  let stream;
  if (range.kind === 'partial') {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
    stream = createReadStream(o.path, { start: range.start, end: range.end });
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(size));
    stream = createReadStream(o.path);
  }
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return;
  }
  // a client that stops reading (seeking in a video) is not an error
  await pipeline(stream, res).catch(() => undefined);
}
