import type { Request } from 'express';
import { ApiError } from './ApiError';

/**
 * Reads a request body as bytes, refusing with `PAYLOAD_TOO_LARGE` as soon as it exceeds `limit`
 * (checked against Content-Length first, then while streaming) so that nothing oversized is
 * buffered or stored.
 */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new ApiError('PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new ApiError('PAYLOAD_TOO_LARGE', `Body larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
