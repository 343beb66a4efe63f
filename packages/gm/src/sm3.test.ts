import { hmacSm3, sm3 } from './sm3';
import { fromHex, toHex } from './bytes';

describe('SM3 (GB/T 32905 examples)', () => {
  it('example 1: "abc"', () => {
    expect(toHex(sm3(Buffer.from('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('example 2: "abcd" x 16 (512 bits)', () => {
    expect(toHex(sm3(Buffer.from('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
  it('HMAC-SM3 matches the RFC 2104 construction computed from sm3()', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f');
    const data = Buffer.from('yinxin');
    const k0 = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
    const ipad = Buffer.from(k0.map(b => b ^ 0x36));
    const opad = Buffer.from(k0.map(b => b ^ 0x5c));
    const expected = sm3(Buffer.concat([opad, sm3(Buffer.concat([ipad, data]))]));
    expect(toHex(hmacSm3(key, data))).toBe(toHex(expected));
  });
});
