import fc from 'fast-check';
import { MAX_TOKEN_LENGTH, parseStreamClaims, signStreamToken, splitStreamToken, streamKey, verifyStreamToken, type StreamClaims } from './streamToken';

const key = streamKey();
const claims: StreamClaims = { materialId: '6f0c1b9e-3a52-4c1e-9d7a-2b8f0e4c5d61', version: 2, userRef: 'user:default/requester', staff: false, expiresAt: 1_800_000_000_000 };
const now = claims.expiresAt - 60_000;

const claimsArb = fc.record({
  materialId: fc.uuid().map(u => u.toLowerCase()),
  version: fc.integer({ min: 1, max: 1_000_000 }),
  userRef: fc.tuple(fc.stringMatching(/^[a-z0-9_-]{1,64}$/), fc.stringMatching(/^[A-Za-z0-9_.@-]{1,100}$/)).map(([ns, name]) => `user:${ns}/${name}`),
  staff: fc.boolean(),
  expiresAt: fc.integer({ min: 1, max: 4_000_000_000_000 }),
});

describe('signed stream tokens', () => {
  it('verify what they sign, until they expire', () => {
    const token = signStreamToken(key, claims);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyStreamToken(key, token, now)).toEqual({ ok: true, claims });
    expect(verifyStreamToken(key, token, claims.expiresAt)).toEqual({ ok: false, refusal: 'expired' });
    expect(verifyStreamToken(streamKey(), token, now)).toEqual({ ok: false, refusal: 'bad-signature' });
  });

  it('derive the same key from the same configured secret on every replica', () => {
    const a = streamKey('a secret shared by the replicas');
    const b = streamKey('a secret shared by the replicas');
    expect(a.equals(b)).toBe(true);
    expect(verifyStreamToken(b, signStreamToken(a, claims), now).ok).toBe(true);
    expect(streamKey('another secret of the replicas').equals(a)).toBe(false);
    expect(() => streamKey('short')).toThrow(/16 characters/);
  });

  it('round-trip any claims (property)', () => {
    fc.assert(
      fc.property(claimsArb, c => {
        const r = verifyStreamToken(key, signStreamToken(key, c), c.expiresAt - 1);
        expect(r).toEqual({ ok: true, claims: c });
      }),
    );
  });

  it('refuse any other string without throwing (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.stringMatching(/^v1\.[A-Za-z0-9_-]{0,80}\.[A-Za-z0-9_-]{0,60}$/)), s => {
        const r = verifyStreamToken(key, s, now);
        expect(r.ok).toBe(false);
      }),
    );
    for (const bad of [undefined, null, 42, {}, '', 'v1..', 'v2.e30.AAAA', `v1.${'A'.repeat(MAX_TOKEN_LENGTH)}.x`]) {
      expect(verifyStreamToken(key, bad, now)).toEqual({ ok: false, refusal: 'malformed' });
    }
  });

  it('refuse a token with any one character changed (property)', () => {
    const token = signStreamToken(key, claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...alphabet), (i, c) => {
        fc.pre(token[i] !== c);
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        const r = verifyStreamToken(key, changed, now);
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('refuse well-signed payloads that are not claims', () => {
    const { createHmac } = require('node:crypto') as typeof import('node:crypto');
    const forge = (value: unknown) => {
      const payload = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
      return `v1.${payload}.${createHmac('sha256', key).update(`v1.${payload}`).digest('base64url')}`;
    };
    const base = { m: claims.materialId, n: 2, u: claims.userRef, s: 0, e: claims.expiresAt };
    expect(verifyStreamToken(key, forge(base), now)).toEqual({ ok: true, claims });
    for (const bad of [
      'not json',
      [],
      null,
      { ...base, n: 0 },
      { ...base, n: 1.5 },
      { ...base, n: '2' },
      { ...base, m: 'x' },
      { ...base, u: 'user:default/a b' },
      { ...base, u: '' },
      { ...base, s: true },
      { ...base, e: -1 },
      { ...base, extra: 1 },
    ]) {
      expect([bad, verifyStreamToken(key, forge(bad), now)]).toEqual([bad, { ok: false, refusal: 'malformed' }]);
    }
    expect(parseStreamClaims('%%%')).toBeUndefined();
    expect(splitStreamToken(`v1.abc.${'A'.repeat(42)}B`)).toBeUndefined();
  });
});
