import { generateKeyPairSync } from 'node:crypto';
import { fromHex, toHex } from './bytes';
import { derBitString, derNull, derOid, derSeq } from './der';
import { GmError } from './errors';
import {
  decodePublicKeySpki,
  decodeSm2PrivateKey,
  encodeSm2PrivateKeyPkcs8,
  encodeSm2PrivateKeySec1,
  encodeSm2PublicKeySpki,
} from './keys';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { sm2GenerateKeyPair, sm2PublicKeyOf } from './sm2';
import { hasOpenssl, interop, openssl } from './testing/fixtures';
import { AsnConvert } from '@peculiar/asn1-schema';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { ECPrivateKey } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';

describe('SM2 private keys', () => {
  it('PKCS#8 and SEC1 round trip (DER and PEM)', () => {
    const pair = sm2GenerateKeyPair();
    for (const der of [encodeSm2PrivateKeyPkcs8(pair), encodeSm2PrivateKeySec1(pair)]) {
      const back = decodeSm2PrivateKey(der);
      expect(toHex(back.privateKey)).toBe(toHex(pair.privateKey));
      expect(toHex(back.publicKey)).toBe(toHex(pair.publicKey));
    }
    expect(toHex(decodeSm2PrivateKey(pemEncode('PRIVATE KEY', encodeSm2PrivateKeyPkcs8(pair))).privateKey)).toBe(
      toHex(pair.privateKey),
    );
    expect(toHex(decodeSm2PrivateKey(pemEncode('EC PRIVATE KEY', encodeSm2PrivateKeySec1(pair))).privateKey)).toBe(
      toHex(pair.privateKey),
    );
  });

  it('independent ASN.1 readers agree with our encodings', () => {
    const pair = sm2GenerateKeyPair();
    const p8 = AsnConvert.parse(Buffer.from(encodeSm2PrivateKeyPkcs8(pair)), PrivateKeyInfo);
    expect(p8.privateKeyAlgorithm.algorithm).toBe(OIDS.ecPublicKey);
    const inner = AsnConvert.parse(p8.privateKey.buffer, ECPrivateKey);
    expect(toHex(Buffer.from(inner.privateKey.buffer))).toBe(toHex(pair.privateKey));
    const sec1 = AsnConvert.parse(Buffer.from(encodeSm2PrivateKeySec1(pair)), ECPrivateKey);
    expect(sec1.parameters?.namedCurve).toBe(OIDS.sm2);
    expect(toHex(Buffer.from(sec1.publicKey ?? new ArrayBuffer(0)))).toBe(toHex(pair.publicKey));
  });

  it('refuses to encode an inconsistent pair', () => {
    const a = sm2GenerateKeyPair();
    const b = sm2GenerateKeyPair();
    expect(() => encodeSm2PrivateKeyPkcs8({ privateKey: a.privateKey, publicKey: b.publicKey })).toThrow(
      expect.objectContaining({ code: 'GM_KEY_MISMATCH' }),
    );
  });

  it('decodes the interop keys (PKCS#8 by Tongsuo/Kona/tjfoc, SEC1 by ofdrw)', () => {
    for (const f of [
      'kona-ee-sm2sm2-sm2sm2-sm2sm2.key',
      'kona-tlcp-server-sign.key',
      'tongsuo-sm2.key',
      'tongsuo-sm2-client-sign.key',
      'tjfoc-sm2-sign-key.pem',
      'tjfoc-sm2-enc-key.pem',
      'ofdrw-sign_key.pem',
    ]) {
      const pair = decodeSm2PrivateKey(interop(f).toString('utf8'));
      expect(toHex(sm2PublicKeyOf(pair.privateKey))).toBe(toHex(pair.publicKey));
    }
  });

  it('reports a mismatching embedded public key as GM_KEY_MISMATCH', () => {
    const pair = sm2GenerateKeyPair();
    const der = Buffer.from(encodeSm2PrivateKeySec1(pair));
    const other = sm2GenerateKeyPair().publicKey;
    Buffer.from(other).copy(der, der.length - 65);
    expect(() => decodeSm2PrivateKey(der)).toThrow(expect.objectContaining({ code: 'GM_KEY_MISMATCH' }));
  });

  it('rejects non-SM2 and garbage keys with GmError', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(() => decodeSm2PrivateKey(p256)).toThrow(expect.objectContaining({ code: 'GM_UNSUPPORTED' }));
    expect(() => decodeSm2PrivateKey(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]))).toThrow(GmError);
    expect(() => decodeSm2PrivateKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(GmError);
    expect(() => decodeSm2PrivateKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----')).toThrow(
      expect.objectContaining({ code: 'GM_UNSUPPORTED' }),
    );
  });

  (hasOpenssl ? it : it.skip)('openssl reads our PKCS#8 key and derives the same SPKI', () => {
    const pair = sm2GenerateKeyPair();
    const r2 = openssl(['pkey', '-in', 'k.pem', '-pubout'], { 'k.pem': pemEncode('PRIVATE KEY', encodeSm2PrivateKeyPkcs8(pair)) });
    expect(r2.status).toBe(0);
    expect(r2.out).toContain(pemEncode('PUBLIC KEY', encodeSm2PublicKeySpki(pair.publicKey)).trim());
  });
});

describe('SubjectPublicKeyInfo', () => {
  it('SM2 round trip (id-ecPublicKey + sm2 curve)', () => {
    const pair = sm2GenerateKeyPair();
    const spki = encodeSm2PublicKeySpki(pair.publicKey);
    const info = decodePublicKeySpki(spki);
    expect(info.algorithm).toBe('SM2');
    expect(info.algorithm === 'SM2' && toHex(info.publicKey)).toBe(toHex(pair.publicKey));
    expect(toHex(info.spki)).toBe(toHex(spki));
  });

  it('accepts the variant with algorithm 1.2.156.10197.1.301 (gm-standards §4) and compressed points', () => {
    const pair = sm2GenerateKeyPair();
    for (const alg of [derSeq(derOid(OIDS.sm2), derOid(OIDS.sm2)), derSeq(derOid(OIDS.sm2)), derSeq(derOid(OIDS.sm2), derNull())]) {
      const info = decodePublicKeySpki(derSeq(alg, derBitString(pair.publicKey)));
      expect(info.algorithm === 'SM2' && toHex(info.publicKey)).toBe(toHex(pair.publicKey));
    }
    const y = pair.publicKey[64];
    const compressed = Buffer.concat([Buffer.of(y & 1 ? 3 : 2), pair.publicKey.subarray(1, 33)]);
    const info = decodePublicKeySpki(derSeq(derSeq(derOid(OIDS.ecPublicKey), derOid(OIDS.sm2)), derBitString(compressed)));
    expect(info.algorithm === 'SM2' && toHex(info.publicKey)).toBe(toHex(pair.publicKey));
  });

  it('RSA, other EC curves and other algorithms', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
    expect(decodePublicKeySpki(rsa)).toMatchObject({ algorithm: 'RSA', modulusBits: 2048 });
    const spki = AsnConvert.parse(rsa, SubjectPublicKeyInfo);
    const modulus = Buffer.from(AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey).modulus);
    expect(modulus.length).toBe(257); // sign byte + 2048 bits
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
    expect(decodePublicKeySpki(p256)).toMatchObject({ algorithm: 'EC-OTHER', oid: OIDS.prime256v1 });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
    expect(decodePublicKeySpki(ed)).toMatchObject({ algorithm: 'OTHER', oid: '1.3.101.112' });
  });

  it('rejects an SM2 point that is not on the curve', () => {
    const pub = Buffer.from(sm2GenerateKeyPair().publicKey);
    pub[40] ^= 1;
    const spki = derSeq(derSeq(derOid(OIDS.ecPublicKey), derOid(OIDS.sm2)), derBitString(pub));
    expect(() => decodePublicKeySpki(spki)).toThrow(expect.objectContaining({ code: 'GM_DECODE' }));
    expect(() => encodeSm2PublicKeySpki(pub)).toThrow(GmError);
    expect(() => decodePublicKeySpki(fromHex('3000'))).toThrow(GmError);
  });
});
