import { randomSerial } from './bytes';
import { encodeName } from './names';
import { encodeTbsCertificate } from './certificate';

describe('randomSerial', () => {
  it('always has 16 significant octets and differs every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const s = randomSerial();
      expect(s).toHaveLength(16);
      expect(s[0]).not.toBe(0);
      seen.add(Buffer.from(s).toString('hex'));
    }
    expect(seen.size).toBe(5000);
  });

  it('is encoded as a positive DER INTEGER even when the top bit is set', () => {
    const serial = Uint8Array.from([0x80, ...Array(15).fill(1)]);
    const name = encodeName([{ type: 'CN', value: 'x' }]);
    const tbs = encodeTbsCertificate({
      serialNumber: serial,
      issuer: name,
      subject: name,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
      subjectPublicKeyInfo: Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200' + '04' + '11'.repeat(64), 'hex'),
      extensions: [],
      signatureAlgorithm: { oid: '1.2.156.10197.1.501', nullParams: false },
    });
    expect(Buffer.from(tbs).toString('hex')).toContain(`0211008001${'01'.repeat(14)}`);
  });
});
