import { sm2 as smCrypto } from 'sm-crypto';
import { fromHex, toHex, bigintToBytes } from './bytes';
import { GmError } from './errors';
import { sm3 } from './sm3';
import {
  SM2_CURVE_PARAMS,
  decryptCore,
  encryptCore,
  isValidSm2PublicKey,
  makeSm2Curve,
  signCore,
  sm2CipherFromRaw,
  sm2CipherToRaw,
  sm2Decrypt,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  sm2Sign,
  sm2SignDigest,
  sm2Verify,
  sm2VerifyDigest,
  sm2Z,
  verifyCore,
  zCore,
} from './sm2';

const big = (h: string) => BigInt(`0x${h.replace(/\s|_/g, '')}`);
const hex = (h: string) => h.replace(/\s|_/g, '').toLowerCase();

/*
 * GB/T 32918 Annex A examples on the 256-bit test curve ("Fp-256"), numbers as reproduced in the
 * unit tests of ww-rm/gmalg (tests/test_gmalg.py: test_sign1, test_encrypt2); ZA and e as
 * printed in the standard (cross-checked in several public implementations' tests).
 */
const TEST_CURVE = makeSm2Curve(
  {
    p: big('8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3'),
    a: big('787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498'),
    b: big('63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A'),
    Gx: big('421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D'),
    Gy: big('0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2'),
    n: big('8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7'),
  },
  4,
);

describe('SM2 standard examples (GB/T 32918 Annex A, Fp-256 test curve)', () => {
  it('signature with ID ALICE123@YAHOO.COM, message "message digest", fixed k', () => {
    const d = big('128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263');
    const xA = big('0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A');
    const yA = big('7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857');
    const k = big('6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F');
    const P = TEST_CURVE.Point.BASE.multiply(d).toAffine();
    expect([P.x, P.y]).toEqual([xA, yA]);
    const z = zCore(TEST_CURVE, bigintToBytes(xA, 32), bigintToBytes(yA, 32), Buffer.from('ALICE123@YAHOO.COM'));
    expect(toHex(z)).toBe(hex('F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A'));
    const e = sm3(Buffer.concat([z, Buffer.from('message digest')]));
    expect(toHex(e)).toBe(hex('B524F552CD82B8B028476E005C377FB19A87E6FC682D48BB5D42E3D9B9EFFE76'));
    const { r, s } = signCore(TEST_CURVE, d, big(toHex(e)), () => k);
    expect(r).toBe(big('40F1EC59 F793D9F4 9E09DCEF 49130D41 94F79FB1 EED2CAA5 5BACDB49 C4E755D1'));
    expect(s).toBe(big('6FC6DAC3 2C5D5CF1 0C77DFB2 0F7C2EB6 67A45787 2FB09EC5 6327A67E C7DEEBE7'));
    const Pt = TEST_CURVE.Point.fromAffine({ x: xA, y: yA });
    expect(verifyCore(TEST_CURVE, Pt, big(toHex(e)), r, s)).toBe(true);
    expect(verifyCore(TEST_CURVE, Pt, big(toHex(e)) + 1n, r, s)).toBe(false);
    expect(verifyCore(TEST_CURVE, Pt, big(toHex(e)), r, s + 1n)).toBe(false);
  });

  it('encryption of "encryption standard", fixed k (C1, C2, C3 and decryption)', () => {
    const d = big('1649AB77 A00637BD 5E2EFE28 3FBF3535 34AA7F7C B89463F2 08DDBC29 20BB0DA0');
    const k = big('4C62EEFD 6ECFC2B9 5B92FD6C 3D957514 8AFA1742 5546D490 18E5388D 49DD7B4F');
    const P = TEST_CURVE.Point.BASE.multiply(d);
    expect(P.toAffine().x).toBe(big('435B39CC A8F3B508 C1488AFC 67BE491A 0F7BA07E 581A0E48 49A5CF70 628A7E0A'));
    const c = encryptCore(TEST_CURVE, P, Buffer.from('encryption standard'), () => k);
    expect(toHex(c.x)).toBe(hex('245C26FB 68B1DDDD B12C4B6B F9F2B6D5 FE60A383 B0D18D1C 4144ABF1 7F6252E7'));
    expect(toHex(c.y)).toBe(hex('76CB9264 C2A7E88E 52B19903 FDC47378 F605E368 11F5C074 23A24B84 400F01B8'));
    expect(toHex(c.c2)).toBe(hex('650053 A89B41C4 18B0C3AA D00D886C 00286467'));
    expect(toHex(c.c3)).toBe(hex('9C3D7360 C30156FA B7C80A02 76712DA9 D8094A63 4B766D3A 285E0748 0653426D'));
    expect(decryptCore(TEST_CURVE, d, c).toString()).toBe('encryption standard');
    const bad = { ...c, c2: Buffer.from(c.c2) };
    bad.c2[0] ^= 1;
    expect(() => decryptCore(TEST_CURVE, d, bad)).toThrow(expect.objectContaining({ code: 'GM_VERIFY' }));
  });
});

describe('SM2 on the recommended curve', () => {
  // GM/T 0003.5 / GB/T 32918.5 style example on the SM2 curve with the default ID, as reproduced in
  // ww-rm/gmalg tests (test_sign2, test_encrypt3).
  const d = fromHex('3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8');
  const pub = fromHex(
    '04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020 CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13',
  );
  const k = big('59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21');
  const curve = makeSm2Curve(SM2_CURVE_PARAMS, 4);

  it('known-answer signature with the default ID', () => {
    expect(toHex(sm2PublicKeyOf(d))).toBe(toHex(pub));
    const e = sm3(Buffer.concat([sm2Z(pub), Buffer.from('message digest')]));
    const { r, s } = signCore(curve, big(toHex(d)), big(toHex(e)), () => k);
    expect(r).toBe(big('F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3'));
    expect(s).toBe(big('B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA'));
    const raw = Buffer.concat([bigintToBytes(r, 32), bigintToBytes(s, 32)]);
    expect(sm2Verify(pub, Buffer.from('message digest'), raw)).toBe(true);
    expect(sm2Verify(pub, Buffer.from('message digest'), raw, { id: 'ALICE123@YAHOO.COM' })).toBe(false);
  });

  it('known-answer encryption (C1C3C2) decrypts with ours', () => {
    const c = encryptCore(curve, curve.Point.fromBytes(pub), Buffer.from('encryption standard'), () => k);
    const raw = Buffer.concat([Buffer.of(4), c.x, c.y, c.c3, c.c2]);
    expect(toHex(raw)).toBe(
      hex(`04 04EBFC71 8E8D1798 62043226 8E77FEB6 415E2EDE 0E073C0F 4F640ECD 2E149A73
           E858F9D8 1E5430A5 7B36DAAB 8F950A3C 64E6EE6A 63094D99 283AFF76 7E124DF0
           59983C18 F809E262 923C53AE C295D303 83B54E39 D609D160 AFCB1908 D0BD8766
           21886C A989CA9C 7D580873 07CA9309 2D651EFA`),
    );
    expect(Buffer.from(sm2Decrypt(d, sm2CipherFromRaw(raw))).toString()).toBe('encryption standard');
  });

  it('sign/verify round trip; tampering fails; DER and raw accepted', () => {
    const pair = sm2GenerateKeyPair();
    const msg = Buffer.from('国密 SM2 签名');
    const sig = sm2Sign(pair.privateKey, msg);
    expect(sig[0]).toBe(0x30);
    expect(sm2Verify(pair.publicKey, msg, sig)).toBe(true);
    expect(sm2Verify(pair.publicKey, Buffer.from('other'), sig)).toBe(false);
    const other = sm2GenerateKeyPair();
    expect(sm2Verify(other.publicKey, msg, sig)).toBe(false);
    const withId = sm2Sign(pair.privateKey, msg, { id: 'alice', publicKey: pair.publicKey });
    expect(sm2Verify(pair.publicKey, msg, withId, { id: 'alice' })).toBe(true);
    expect(sm2Verify(pair.publicKey, msg, withId)).toBe(false);
    // never throws
    expect(sm2Verify(Buffer.alloc(3), msg, sig)).toBe(false);
    expect(sm2Verify(pair.publicKey, msg, Buffer.alloc(0))).toBe(false);
    expect(sm2Verify(pair.publicKey, msg, Buffer.from([0x30, 0x80]))).toBe(false);
    expect(sm2Verify(pair.publicKey, msg, Buffer.alloc(64))).toBe(false);
  });

  it('digest API (SKF style) agrees with the message API', () => {
    const pair = sm2GenerateKeyPair();
    const msg = Buffer.from('abc');
    const e = sm3(Buffer.concat([sm2Z(pair.publicKey), msg]));
    const sig = sm2SignDigest(pair.privateKey, e);
    expect(sm2VerifyDigest(pair.publicKey, e, sig)).toBe(true);
    expect(sm2Verify(pair.publicKey, msg, sig)).toBe(true);
    expect(sm2VerifyDigest(pair.publicKey, sm3(msg), sig)).toBe(false);
    expect(sm2VerifyDigest(pair.publicKey, Buffer.alloc(31), sig)).toBe(false);
  });

  it('encryption round trip; wrong key and tampering raise GmError', () => {
    const pair = sm2GenerateKeyPair();
    for (const len of [1, 31, 32, 33, 100, 1000]) {
      const m = Buffer.alloc(len, len);
      const c = sm2Encrypt(pair.publicKey, m);
      expect(Buffer.from(sm2Decrypt(pair.privateKey, c)).equals(m)).toBe(true);
      expect(Buffer.from(sm2Decrypt(pair.privateKey, sm2CipherFromRaw(sm2CipherToRaw(c)))).equals(m)).toBe(true);
    }
    const c = sm2Encrypt(pair.publicKey, Buffer.from('hello'));
    expect(() => sm2Decrypt(sm2GenerateKeyPair().privateKey, c)).toThrow(GmError);
    const t = Buffer.from(c);
    t[t.length - 1] ^= 1;
    expect(() => sm2Decrypt(pair.privateKey, t)).toThrow(expect.objectContaining({ code: 'GM_VERIFY' }));
    expect(() => sm2Decrypt(pair.privateKey, c, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => sm2Encrypt(pair.publicKey, Buffer.alloc(0))).toThrow(GmError);
  });

  it('public key validation', () => {
    const pair = sm2GenerateKeyPair();
    expect(isValidSm2PublicKey(pair.publicKey)).toBe(true);
    const off = Buffer.from(pair.publicKey);
    off[64] ^= 1;
    expect(isValidSm2PublicKey(off)).toBe(false);
    expect(isValidSm2PublicKey(Buffer.concat([Buffer.of(4), Buffer.alloc(64)]))).toBe(false);
    expect(isValidSm2PublicKey(pair.publicKey.subarray(0, 33))).toBe(false);
    expect(() => sm2PublicKeyOf(Buffer.alloc(32))).toThrow(GmError);
  });
});

describe('cross-check with sm-crypto 0.5.8', () => {
  it('our signatures verify in sm-crypto, and sm-crypto signatures verify in ours', () => {
    for (let i = 0; i < 5; i++) {
      const pair = sm2GenerateKeyPair();
      const pubHex = toHex(pair.publicKey);
      const msg = Buffer.from(`message ${i} 中文`);
      const ours = sm2Sign(pair.privateKey, msg, { publicKey: pair.publicKey });
      expect(smCrypto.doVerifySignature(Array.from(msg), toHex(ours), pubHex, { der: true, hash: true })).toBe(true);
      const theirs = smCrypto.doSignature(Array.from(msg), toHex(pair.privateKey), { der: true, hash: true, publicKey: pubHex });
      expect(sm2Verify(pair.publicKey, msg, fromHex(theirs))).toBe(true);
      // and a corrupted one is rejected by both
      const bad = Buffer.from(ours);
      bad[bad.length - 1] ^= 1;
      expect(smCrypto.doVerifySignature(Array.from(msg), toHex(bad), pubHex, { der: true, hash: true })).toBe(false);
    }
  });

  it('sm-crypto key pairs match our public-key derivation', () => {
    const kp = smCrypto.generateKeyPairHex();
    expect(toHex(sm2PublicKeyOf(fromHex(kp.privateKey.padStart(64, '0'))))).toBe(kp.publicKey.padStart(130, '0'));
  });

  it('sm-crypto ciphertext (C1C3C2, raw hex without 04) decrypts with ours and vice versa', () => {
    for (let i = 0; i < 5; i++) {
      const pair = sm2GenerateKeyPair();
      const msg = Buffer.from(`secret ${i} `.repeat(i * 10 + 1));
      const theirs = smCrypto.doEncrypt(Array.from(msg), toHex(pair.publicKey), 1);
      expect(Buffer.from(sm2Decrypt(pair.privateKey, sm2CipherFromRaw(fromHex(theirs)))).equals(msg)).toBe(true);
      expect(Buffer.from(sm2Decrypt(pair.privateKey, sm2CipherFromRaw(fromHex(`04${theirs}`)))).equals(msg)).toBe(true);
      const ours = sm2CipherToRaw(sm2Encrypt(pair.publicKey, msg));
      const out = smCrypto.doDecrypt(toHex(ours.subarray(1)), toHex(pair.privateKey), 1, { output: 'array' }) as number[];
      expect(Buffer.from(out).equals(msg)).toBe(true);
    }
  });
});
