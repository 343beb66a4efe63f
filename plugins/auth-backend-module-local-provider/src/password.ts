import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters (N = 2^15, r = 8, p = 1: ~32 MiB, tens of ms per hash). */
const PARAMS = { N: 1 << 15, r: 8, p: 1, keyLen: 32, maxmem: 64 * 1024 * 1024 };

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, keyLen: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, keyLen, { N, r, p, maxmem: PARAMS.maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.N, PARAMS.r, PARAMS.p, PARAMS.keyLen);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password against a stored hash in constant time; false on any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every(Number.isSafeInteger)) return false;
  // scrypt needs N a power of two > 1 and r, p >= 1; reject costs beyond the memory limit here
  // rather than letting node throw, so that a damaged stored hash is a mismatch, not an error.
  if (N < 2 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  if (128 * N * r > PARAMS.maxmem / 2) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length < 16 || expected.length > 64) return false;
  try {
    const actual = await scrypt(password, salt, N, r, p, expected.length);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/**
 * Password policy: at least 10 characters with three of: lower case, upper case, digit, other.
 * Returns a reason in English and Chinese, or undefined when acceptable.
 */
export function passwordPolicyViolation(password: string): string | undefined {
  if (password.length < 10) return 'password must have at least 10 characters / 密码至少 10 位';
  if (password.length > 256) return 'password too long / 密码过长';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter(re => re.test(password)).length;
  if (classes < 3)
    return 'password needs three of: lower case, upper case, digits, symbols / 密码须包含大写、小写、数字、符号中的三类';
  return undefined;
}

/** A random password that satisfies {@link passwordPolicyViolation}. */
export function generatePassword(): string {
  const body = randomBytes(12).toString('base64url');
  return `Yx-${body}9a`;
}
