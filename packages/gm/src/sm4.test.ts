import { GmError } from './errors';
import { fromHex, toHex } from './bytes';
import { sm4CbcDecrypt, sm4CbcEncrypt, sm4EcbDecrypt, sm4EcbEncrypt, sm4GcmOpen, sm4GcmSeal } from './sm4';

const K = fromHex('0123456789abcdeffedcba9876543210');

describe('SM4 (GB/T 32907 examples)', () => {
  it('example 1: one block', () => {
    expect(toHex(sm4EcbEncrypt(K, K))).toBe('681edf34d206965e86b3e94f536e4246');
    expect(toHex(sm4EcbDecrypt(K, fromHex('681edf34d206965e86b3e94f536e4246')))).toBe(toHex(K));
  });
  it('example 2: 1,000,000 encryptions', () => {
    // One call over 1,000,000 identical blocks would not iterate; chain through a 16-byte buffer.
    let b: Uint8Array = K;
    for (let i = 0; i < 1_000_000; i++) b = sm4EcbEncrypt(K, b);
    expect(toHex(b)).toBe('595298c7c6fd271f0402f804c33d3f66');
  }, 120_000);
  it('ECB padding option', () => {
    const c = sm4EcbEncrypt(K, Buffer.from('abc'), { padding: true });
    expect(c.length).toBe(16);
    expect(Buffer.from(sm4EcbDecrypt(K, c, { padding: true })).toString()).toBe('abc');
    expect(() => sm4EcbEncrypt(K, Buffer.from('abc'))).toThrow(GmError);
    expect(() => sm4EcbDecrypt(K, Buffer.alloc(15))).toThrow(GmError);
  });
  it('CBC round trip and bad padding', () => {
    const iv = Buffer.alloc(16, 7);
    const c = sm4CbcEncrypt(K, iv, Buffer.from('hello world, hello SM4'));
    expect(c.length).toBe(32);
    expect(Buffer.from(sm4CbcDecrypt(K, iv, c)).toString()).toBe('hello world, hello SM4');
    const bad = Buffer.from(c);
    bad[31] ^= 1;
    expect(() => sm4CbcDecrypt(K, iv, bad)).toThrow(GmError);
  });
  it('GCM seal/open; tampering gives GM_VERIFY', () => {
    const aad = Buffer.from('header');
    const s = sm4GcmSeal(K, Buffer.from('secret'), aad);
    expect(s.length).toBe(12 + 6 + 16);
    expect(Buffer.from(sm4GcmOpen(K, s, aad)).toString()).toBe('secret');
    for (const i of [0, 13, s.length - 1]) {
      const t = Buffer.from(s);
      t[i] ^= 0x80;
      expect(() => sm4GcmOpen(K, t, aad)).toThrow(expect.objectContaining({ code: 'GM_VERIFY' }));
    }
    expect(() => sm4GcmOpen(K, s, Buffer.from('other'))).toThrow(expect.objectContaining({ code: 'GM_VERIFY' }));
    expect(() => sm4GcmOpen(K, s.subarray(0, 20))).toThrow(expect.objectContaining({ code: 'GM_DECODE' }));
    // a fresh IV every time
    expect(toHex(sm4GcmSeal(K, Buffer.from('x')).subarray(0, 12))).not.toBe(toHex(sm4GcmSeal(K, Buffer.from('x')).subarray(0, 12)));
  });
});
