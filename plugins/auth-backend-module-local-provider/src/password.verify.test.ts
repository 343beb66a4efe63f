/*
 * Password hashing (scrypt), verification against stored hashes of any valid cost, refusal of
 * damaged hashes as a plain mismatch, and the password policy at its boundaries.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { generatePassword, hashPassword, passwordPolicyViolation, verifyPassword } from './password';

jest.setTimeout(60_000);

/** A stored hash made independently of hashPassword, with chosen cost parameters. */
function storedWith(password: string, N: number, r: number, p: number, keyLen = 32): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, keyLen, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('hashPassword and verifyPassword', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('签章-Passw0rd!');
  });

  it('stores scrypt with its parameters, a 16-byte salt and a 32-byte key', () => {
    const [alg, N, r, p, salt, key] = stored.split('$');
    expect([alg, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(stored).not.toContain('Passw0rd');
  });

  it('accepts the password it was made from', async () => {
    expect(await verifyPassword('签章-Passw0rd!', stored)).toBe(true);
  });

  it.each([
    ['one character changed', '签章-Passw0rd?'],
    ['different case', '签章-passw0rd!'],
    ['a trailing space', '签章-Passw0rd! '],
    ['a prefix', '签章-Passw0rd'],
    ['empty', ''],
  ])('rejects the password with %s', async (_name, attempt) => {
    expect(await verifyPassword(attempt, stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const again = await hashPassword('签章-Passw0rd!');
    expect(again).not.toBe(stored);
    expect(await verifyPassword('签章-Passw0rd!', again)).toBe(true);
  });

  it('treats full-width input typed through an IME like its ASCII form (NFKC)', async () => {
    const ascii = await hashPassword('Abc-12345xyz');
    expect(await verifyPassword('Ａｂｃ－１２３４５ｘｙｚ', ascii)).toBe(true);
  });

  it('verifies hashes stored with other valid costs, taking the cost from the hash', async () => {
    expect(await verifyPassword('Legacy-Pa55', storedWith('Legacy-Pa55', 1024, 8, 1))).toBe(true);
    expect(await verifyPassword('Legacy-Pa55', storedWith('Legacy-Pa55', 16384, 4, 2, 64))).toBe(true);
    expect(await verifyPassword('legacy-Pa55', storedWith('Legacy-Pa55', 1024, 8, 1))).toBe(false);
  });

  it('rejects a hash whose key or salt was altered', async () => {
    const parts = stored.split('$');
    const key = Buffer.from(parts[5], 'base64');
    key[31] ^= 1;
    expect(await verifyPassword('签章-Passw0rd!', [...parts.slice(0, 5), key.toString('base64')].join('$'))).toBe(false);
    const salt = Buffer.from(parts[4], 'base64');
    salt[0] ^= 0x80;
    expect(await verifyPassword('签章-Passw0rd!', [...parts.slice(0, 4), salt.toString('base64'), parts[5]].join('$'))).toBe(false);
    const weaker = ['scrypt', '16384', ...parts.slice(2)].join('$');
    expect(await verifyPassword('签章-Passw0rd!', weaker)).toBe(false);
  });

  const key32 = Buffer.alloc(32, 7).toString('base64');
  it.each([
    ['empty', ''],
    ['another algorithm', `bcrypt$32768$8$1$c2FsdHNhbHRzYWx0$${key32}`],
    ['too few fields', `scrypt$32768$8$1$${key32}`],
    ['too many fields', `scrypt$32768$8$1$c2FsdA==$${key32}$x`],
    ['non-numeric cost', `scrypt$N$8$1$c2FsdA==$${key32}`],
    ['fractional cost', `scrypt$1024.5$8$1$c2FsdA==$${key32}`],
    ['N not a power of two', `scrypt$1000$8$1$c2FsdA==$${key32}`],
    ['N = 1', `scrypt$1$8$1$c2FsdA==$${key32}`],
    ['negative N', `scrypt$-1024$8$1$c2FsdA==$${key32}`],
    ['r = 0', `scrypt$1024$0$1$c2FsdA==$${key32}`],
    ['p = 0', `scrypt$1024$8$0$c2FsdA==$${key32}`],
    ['cost beyond the memory limit', `scrypt$1048576$8$1$c2FsdA==$${key32}`],
    ['absurd cost', `scrypt$4294967296$8$1$c2FsdA==$${key32}`],
    ['a key under 16 bytes', `scrypt$1024$8$1$c2FsdA==$${Buffer.alloc(8).toString('base64')}`],
    ['an empty key', 'scrypt$1024$8$1$c2FsdA==$'],
  ])('answers false, without throwing, for a malformed hash: %s', async (_name, bad) => {
    await expect(verifyPassword('anything', bad)).resolves.toBe(false);
  });
});

describe('passwordPolicyViolation', () => {
  it.each([
    ['Abcdefgh1', /10/], // 9 characters, three classes
    ['abcdefghij', /three/], // one class
    ['abcdefgh12', /three/], // two classes
    ['ABCDEF-!@#', /three/], // upper case and symbols only
    ['Aa1' + 'x'.repeat(254), /long|长/], // 257 characters
  ])('refuses %#: %s', (password, reason) => {
    expect(passwordPolicyViolation(password)).toMatch(reason);
  });

  it.each([
    'Abcdefgh12', // exactly 10, upper + lower + digit
    'abcdefgh1!', // lower + digit + symbol
    'ABCDEFGH1!', // upper + digit + symbol
    '签章系统Abc-xyz', // Chinese counts as "other"
    'Aa1' + 'x'.repeat(253), // exactly 256
  ])('accepts %#: %s', password => {
    expect(passwordPolicyViolation(password)).toBeUndefined();
  });

  it('gives reasons in English and Chinese', () => {
    expect(passwordPolicyViolation('short')).toMatch(/characters .*密码/);
  });

  it('generates distinct passwords that pass the policy', () => {
    const generated = Array.from({ length: 200 }, generatePassword);
    expect(new Set(generated).size).toBe(200);
    for (const p of generated) expect(passwordPolicyViolation(p)).toBeUndefined();
  });
});
