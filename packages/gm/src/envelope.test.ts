import { toHex } from './bytes';
import { TAG, children, derAlgorithm, derBitString, derSeq, rawOf, readRoot } from './der';
import { buildSm2EnvelopedKey, envelopedKeyToSkfBlob, openSm2EnvelopedKey } from './envelope';
import { GmError } from './errors';
import { OIDS } from './oids';
import { sm2CipherToRaw, sm2GenerateKeyPair } from './sm2';
import { sm4EcbDecrypt } from './sm4';

function fields(der: Uint8Array) {
  return children(der, readRoot(der, TAG.SEQUENCE)).map(t => Buffer.from(rawOf(der, t)));
}

describe('SM2EnvelopedKey (GM/T 0009 §7.4)', () => {
  const signing = sm2GenerateKeyPair(); // the user's signing key: the recipient
  const enc = sm2GenerateKeyPair(); // the escrowed encryption key pair being delivered

  it('round trips with the right key; structure is symAlgID, SM2Cipher, public key, 32-byte ciphertext', () => {
    const der = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey });
    const f = fields(der);
    expect(f).toHaveLength(4);
    expect(f[0]).toEqual(derAlgorithm(OIDS.sm4Ecb, true));
    expect(f[1][0]).toBe(0x30);
    expect(f[2]).toEqual(derBitString(enc.publicKey));
    expect(f[3].length).toBe(2 + 1 + 32);
    const opened = openSm2EnvelopedKey(der, signing.privateKey);
    expect(toHex(opened.privateKey)).toBe(toHex(enc.privateKey));
    expect(toHex(opened.publicKey)).toBe(toHex(enc.publicKey));
    // the 64-byte (GmSSL-style) variant opens too
    const der64 = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey, encryptedPrivateKeyLength: 64 });
    expect(toHex(openSm2EnvelopedKey(der64, signing.privateKey).privateKey)).toBe(toHex(enc.privateKey));
  });

  it('a wrong recipient key gives GmError', () => {
    const der = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey });
    expect(() => openSm2EnvelopedKey(der, sm2GenerateKeyPair().privateKey)).toThrow(GmError);
    expect(() => openSm2EnvelopedKey(der, enc.privateKey)).toThrow(GmError);
  });

  it('a replaced (valid) public key gives GM_KEY_MISMATCH', () => {
    const der = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey });
    const f = fields(der);
    const swapped = derSeq(f[0], f[1], derBitString(sm2GenerateKeyPair().publicKey), f[3]);
    expect(() => openSm2EnvelopedKey(swapped, signing.privateKey)).toThrow(expect.objectContaining({ code: 'GM_KEY_MISMATCH' }));
    const encTampered = Buffer.from(der);
    encTampered[encTampered.length - 1] ^= 1;
    expect(() => openSm2EnvelopedKey(encTampered, signing.privateKey)).toThrow(expect.objectContaining({ code: 'GM_KEY_MISMATCH' }));
  });

  it('accepts symAlgID 1.2.156.10197.1.104; refuses other algorithms, garbage and oversize', () => {
    const der = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey });
    const f = fields(der);
    const bare = derSeq(derAlgorithm(OIDS.sm4, false), f[1], f[2], f[3]);
    expect(toHex(openSm2EnvelopedKey(bare, signing.privateKey).privateKey)).toBe(toHex(enc.privateKey));
    const cbc = derSeq(derAlgorithm(OIDS.sm4Cbc, true), f[1], f[2], f[3]);
    expect(() => openSm2EnvelopedKey(cbc, signing.privateKey)).toThrow(expect.objectContaining({ code: 'GM_UNSUPPORTED' }));
    expect(() => openSm2EnvelopedKey(Buffer.from('garbage'), signing.privateKey)).toThrow(expect.objectContaining({ code: 'GM_DECODE' }));
    expect(() => openSm2EnvelopedKey(Buffer.alloc(5000), signing.privateKey)).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('refuses to envelope an inconsistent pair', () => {
    expect(() =>
      buildSm2EnvelopedKey({ keyPair: { privateKey: enc.privateKey, publicKey: signing.publicKey }, recipientPublicKey: signing.publicKey }),
    ).toThrow(expect.objectContaining({ code: 'GM_KEY_MISMATCH' }));
  });
});

describe('ENVELOPEDKEYBLOB (GM/T 0016)', () => {
  const signing = sm2GenerateKeyPair();
  const enc = sm2GenerateKeyPair();
  const der = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey });
  const f = fields(der);
  const cipherRaw = Buffer.from(sm2CipherToRaw(f[1])); // 04 ‖ x ‖ y ‖ C3 ‖ C2
  const encPri = f[3].subarray(3);

  it('lays out the blob (little-endian ULONGs, right-aligned coordinates)', () => {
    const blob = Buffer.from(envelopedKeyToSkfBlob(der));
    expect(blob.length).toBe(388);
    expect(blob.readUInt32LE(0)).toBe(1); // Version
    expect(blob.readUInt32LE(4)).toBe(0x401); // SGD_SM4_ECB
    expect(blob.readUInt32LE(8)).toBe(256); // ulBits
    expect(blob.subarray(12, 44)).toEqual(Buffer.alloc(32)); // '32-right': zeros first
    expect(blob.subarray(44, 76)).toEqual(encPri);
    expect(blob.readUInt32LE(76)).toBe(256); // PubKey.BitLen
    expect(blob.subarray(80, 112)).toEqual(Buffer.alloc(32));
    expect(blob.subarray(112, 144)).toEqual(Buffer.from(enc.publicKey.subarray(1, 33)));
    expect(blob.subarray(176, 208)).toEqual(Buffer.from(enc.publicKey.subarray(33, 65)));
    const c = 208; // ECCCIPHERBLOB
    expect(blob.subarray(c + 32, c + 64)).toEqual(cipherRaw.subarray(1, 33));
    expect(blob.subarray(c + 96, c + 128)).toEqual(cipherRaw.subarray(33, 65));
    expect(blob.subarray(c + 128, c + 160)).toEqual(cipherRaw.subarray(65, 97)); // HASH
    expect(blob.readUInt32LE(c + 160)).toBe(16); // CipherLen
    expect(blob.subarray(c + 164)).toEqual(cipherRaw.subarray(97));
  });

  it('other private-key layouts', () => {
    const left = Buffer.from(envelopedKeyToSkfBlob(der, { privateKeyLayout: '32-left' }));
    expect(left.subarray(12, 44)).toEqual(encPri);
    expect(left.subarray(44, 76)).toEqual(Buffer.alloc(32));
    expect(() => envelopedKeyToSkfBlob(der, { privateKeyLayout: '64' })).toThrow(GmError);
    const der64 = buildSm2EnvelopedKey({ keyPair: enc, recipientPublicKey: signing.publicKey, encryptedPrivateKeyLength: 64 });
    const b64 = Buffer.from(envelopedKeyToSkfBlob(der64, { privateKeyLayout: '64' }));
    expect(b64.subarray(12, 76)).toEqual(fields(der64)[3].subarray(3));
  });

  it('what a token would do with the blob recovers d (simulated with our primitives)', () => {
    const blob = Buffer.from(envelopedKeyToSkfBlob(der));
    // the token decrypts the SM4 key with the container's signing key, then ECB-decrypts cbEncryptedPriKey
    const c = 208;
    const raw = Buffer.concat([Buffer.of(4), blob.subarray(c + 32, c + 64), blob.subarray(c + 96, c + 128), blob.subarray(c + 128, c + 160), blob.subarray(c + 164)]);
    const { sm2CipherFromRaw, sm2Decrypt } = jest.requireActual('./sm2') as typeof import('./sm2');
    const key = sm2Decrypt(signing.privateKey, sm2CipherFromRaw(raw));
    expect(toHex(sm4EcbDecrypt(key, blob.subarray(44, 76)))).toBe(toHex(enc.privateKey));
  });
});
