import { GmError } from './errors';
import { pemDecode, pemDecodeAll, pemEncode, toDer } from './pem';

describe('PEM', () => {
  const der = Buffer.from(Array.from({ length: 100 }, (_, i) => i));

  it('encodes with 64-character lines and decodes back', () => {
    const pem = pemEncode('CERTIFICATE', der);
    const lines = pem.trim().split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[lines.length - 1]).toBe('-----END CERTIFICATE-----');
    expect(lines.slice(1, -1).every(l => l.length <= 64)).toBe(true);
    expect(Buffer.from(pemDecode(pem)).equals(der)).toBe(true);
    expect(Buffer.from(pemDecode(pem.replace(/\n/g, '\r\n'), 'CERTIFICATE')).equals(der)).toBe(true);
  });

  it('finds blocks by label, ignores surrounding text, decodes all blocks', () => {
    const text = `Certificate:\n  Data: ...\n${pemEncode('EC PARAMETERS', Buffer.of(6, 1, 0))}${pemEncode(
      'PRIVATE KEY',
      der,
    )}trailing\n${pemEncode('PRIVATE KEY', Buffer.of(1, 2, 3))}`;
    expect(Buffer.from(pemDecode(text, 'PRIVATE KEY')).equals(der)).toBe(true);
    expect(pemDecodeAll(text, 'PRIVATE KEY')).toHaveLength(2);
    expect(pemDecodeAll(text)).toHaveLength(3);
    expect(pemDecodeAll('no pem here')).toHaveLength(0);
  });

  it('rejects missing, mismatched, unterminated, encrypted and non-base64 blocks with GmError', () => {
    const bad = [
      'nothing',
      '-----BEGIN X-----\nAAAA\n',
      '-----BEGIN X-----\nAA!A\n-----END X-----',
      '-----BEGIN X-----\nAAA\n-----END X-----',
      '-----BEGIN X-----\n\n-----END X-----',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES\n\nAAAA\n-----END RSA PRIVATE KEY-----',
    ];
    for (const b of bad) expect(() => pemDecode(b)).toThrow(GmError);
    expect(() => pemDecode(pemEncode('A', der), 'B')).toThrow(expect.objectContaining({ code: 'GM_DECODE' }));
  });

  it('enforces the size limit', () => {
    const pem = pemEncode('A', Buffer.alloc(1000));
    expect(() => pemDecode(pem, undefined, { maxBytes: 100 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => pemDecode(' '.repeat(64 * 1024 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('toDer accepts PEM text, PEM bytes, DER bytes and base64', () => {
    const d = Buffer.concat([Buffer.of(0x30, 3), Buffer.of(1, 2, 3)]);
    const pem = pemEncode('CERTIFICATE', d);
    expect(Buffer.from(toDer(pem)).equals(d)).toBe(true);
    expect(Buffer.from(toDer(Buffer.from(pem))).equals(d)).toBe(true);
    expect(toDer(d)).toBe(d);
    expect(Buffer.from(toDer(d.toString('base64'))).equals(d)).toBe(true);
    expect(() => toDer('not base64!')).toThrow(GmError);
  });
});
