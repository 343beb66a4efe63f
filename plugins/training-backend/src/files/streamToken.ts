import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What a signed stream URL grants: one version of one material, to the user it was issued to,
 * as they could see it then (`staff`: writers and reviewers see unpublished versions; learners
 * only the published one, checked again when the file is served), until `expiresAt` (ms).
 */
export interface StreamClaims {
  materialId: string;
  version: number;
  userRef: string;
  staff: boolean;
  /** milliseconds since the epoch */
  expiresAt: number;
}

/** Why a token was refused: not a token at all / a signature that does not match / too late. */
export type StreamTokenRefusal = 'malformed' | 'bad-signature' | 'expired';

/** Longest token looked at (a token is about 200 characters). */
export const MAX_TOKEN_LENGTH = 1024;
/** Default lifetime of a stream URL: 10 minutes. */
export const DEFAULT_STREAM_TTL_MS = 10 * 60_000;

const VERSION = 'v1';
const B64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** the caller's ref: a user entity ref (or the actor of another principal), printable ASCII */
const USER_REF = /^[\x21-\x7e]{1,300}$/;

/**
 * The HMAC key of stream tokens: derived from `secret` (`yinxin.training.streamSecret`, so that
 * every replica of the backend accepts the others' URLs), or 32 random bytes for this process.
 */
export function streamKey(secret?: string): Buffer {
  if (secret === undefined) return randomBytes(32);
  if (secret.length < 16) throw new Error('yinxin.training.streamSecret: at least 16 characters');
  return createHmac('sha256', secret).update('yinxin.training.stream-url.v1').digest();
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(`${VERSION}.${payload}`).digest();

/** The token of `claims`: `v1.<base64url JSON>.<base64url HMAC-SHA256>`. */
export function signStreamToken(key: Buffer, claims: StreamClaims): string {
  const payload = Buffer.from(JSON.stringify({ m: claims.materialId, n: claims.version, u: claims.userRef, s: claims.staff ? 1 : 0, e: claims.expiresAt })).toString('base64url');
  return `${VERSION}.${payload}.${mac(key, payload).toString('base64url')}`;
}

/**
 * Splits a token into its payload and signature, or undefined when it is not shaped like one.
 * Never throws.
 */
export function splitStreamToken(token: unknown): { payload: string; signature: Buffer } | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return undefined;
  const [, payload, sig] = parts;
  if (!B64URL.test(payload) || !B64URL.test(sig) || sig.length !== 43) return undefined;
  const signature = Buffer.from(sig, 'base64url');
  // a canonical encoding only (no second spelling of the same signature)
  if (signature.length !== 32 || signature.toString('base64url') !== sig) return undefined;
  return { payload, signature };
}

/** The claims in a (signature-checked) payload, or undefined when they are not well formed. Never throws. */
export function parseStreamClaims(payload: string): StreamClaims | undefined {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).sort().join(',') !== 'e,m,n,s,u') return undefined;
  if (typeof o.m !== 'string' || !UUID.test(o.m)) return undefined;
  if (typeof o.n !== 'number' || !Number.isSafeInteger(o.n) || o.n < 1 || o.n > 1_000_000) return undefined;
  if (typeof o.u !== 'string' || !USER_REF.test(o.u)) return undefined;
  if (o.s !== 0 && o.s !== 1) return undefined;
  if (typeof o.e !== 'number' || !Number.isSafeInteger(o.e) || o.e < 0) return undefined;
  return { materialId: o.m, version: o.n, userRef: o.u, staff: o.s === 1, expiresAt: o.e };
}

/**
 * Checks a token: its shape, then its signature (compared in constant time), then its claims,
 * then its expiry against `now` (ms). Never throws.
 */
export function verifyStreamToken(key: Buffer, token: unknown, now: number): { ok: true; claims: StreamClaims } | { ok: false; refusal: StreamTokenRefusal } {
  const parts = splitStreamToken(token);
  if (!parts) return { ok: false, refusal: 'malformed' };
  const expected = mac(key, parts.payload);
  if (!timingSafeEqual(expected, parts.signature)) return { ok: false, refusal: 'bad-signature' };
  const claims = parseStreamClaims(parts.payload);
  if (!claims) return { ok: false, refusal: 'malformed' };
  if (now >= claims.expiresAt) return { ok: false, refusal: 'expired' };
  return { ok: true, claims };
}
