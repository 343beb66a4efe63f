import { GmError } from './errors';
import { derBitString, derCtx, derOctets, derSeq, children, readRoot, rawOf, TAG } from './der';
import { sm3 } from './sm3';
import { OIDS } from './oids';
import { buildTimeStampToken } from './tsp';
import { digest } from './hashes';
import {
  buildSeal,
  buildSesSignature,
  parseSeal,
  parseSesSignature,
  verifySeal,
  verifySesSignature,
  type SealInfoInput,
  prepareSesSignature,
  assembleSesSignature,
} from './seal';
import { interop, makeLeaf, makeRsaCa, makeSm2Ca, makeTsa, type TestCa } from './testing/fixtures';
import { unzip } from './testing/zip';

const DAY = 86_400_000;

describe('interop seals (verdicts as in PROVENANCE.md)', () => {
  it.each([
    ['ofdrw-UserV1.esl', 1, 'OFDR&WTest'],
    ['ofdrw-UserV4.esl', 4, 'OFDR&WTest'],
    ['ofdrw-draw_param_ref-GOMAIN-Seal.esl', 4, 'GOMAIN'],
    ['ofdrw-keyword-tongz-Seal.esl', 4, 'SHANDONG.TONGZHIWEIYE'],
  ])('%s decodes as v%d from %s and its maker signature verifies', (file, version, vid) => {
    const seal = parseSeal(interop(file));
    expect(seal.version).toBe(version);
    expect(seal.header).toMatchObject({ id: 'ES', version, vid });
    expect(seal.property.certificates.length + seal.property.certDigests.length).toBeGreaterThan(0);
    const v = verifySeal(seal);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ valid: true, makerSignatureValid: true });
  });

  it('GOMAIN seal: type 3, OFD picture, seal code 50011200000001', () => {
    const seal = parseSeal(interop('ofdrw-draw_param_ref-GOMAIN-Seal.esl'));
    expect(seal.esId).toBe('50011200000001');
    expect(seal.property.type).toBe(3);
    expect(seal.picture.type.toLowerCase()).toBe('ofd');
    expect(Buffer.from(seal.picture.data.subarray(0, 2)).toString('latin1')).toBe('PK');
  });

  it.each([
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-1-GOMAIN-Signature.xml', true],
    ['ofdrw-draw_param_ref-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', true],
    ['ofdrw-keyword-tongz-Sign1-SignedValue.dat', 'ofdrw-keyword-tongz-Sign1-Signature.xml', true],
    // dataHash is 32 zero bytes (an ofdrw test placeholder): valid on its own, FAILS with the data
    ['ofdrw-SignedValueV4.dat', 'ofdrw-SignedValueV4-Signature.xml', false],
    // the right signature with the wrong data
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', false],
  ])('%s with %s: data hash matches = %s; signature, seal and list binding valid', (file, data, matches) => {
    const sig = parseSesSignature(interop(file));
    expect(sig.version).toBe(4);
    expect(sig.propertyInfo).toMatch(/^\/Doc_0\/Signs\/Sign_\d\/Signature\.xml$/);
    const alone = verifySesSignature(sig);
    expect(alone.problems).toEqual([]);
    expect(alone).toMatchObject({ valid: true, signatureValid: true, signerInSealList: true });
    expect(alone.seal.makerSignatureValid).toBe(true);
    const withData = verifySesSignature(sig, { data: interop(data) });
    expect(withData.dataHashMatches).toBe(matches);
    expect(withData.valid).toBe(matches);
  });

  it('the tongz signature carries TBS_Sign extDatas as EXPLICIT [0] and a raw r‖s signature value', () => {
    const sig = parseSesSignature(interop('ofdrw-keyword-tongz-Sign1-SignedValue.dat'));
    expect(sig.extensions.length).toBeGreaterThan(0);
    expect(sig.variants).toContain('signature-raw');
    expect(sig.signTime?.toISOString()).toBe('2020-06-20T09:18:49.000Z');
  });
});

interface Fixture {
  ca: TestCa;
  maker: TestCa;
  holder: TestCa;
  other: TestCa;
}

async function fixture(rsa = false): Promise<Fixture> {
  const ca = rsa ? await makeRsaCa() : await makeSm2Ca();
  return { ca, maker: await makeLeaf(ca, '制章人'), holder: await makeLeaf(ca, '张三'), other: await makeLeaf(ca, '李四') };
}

function sealInfo(f: Fixture, over: Partial<SealInfoInput> = {}): SealInfoInput {
  const now = Date.now();
  return {
    vid: 'YINXIN',
    esId: '3501000012345',
    type: 1,
    name: '某某市人力资源和社会保障局',
    certificates: [f.holder.cert],
    createDate: new Date(now - 1000),
    validStart: new Date(now - DAY),
    validEnd: new Date(now + 30 * DAY),
    picture: { type: 'PNG', data: Buffer.from('89504e470d0a1a0a', 'hex'), widthMm: 40, heightMm: 40 },
    ...over,
  };
}

describe.each([
  [1, false],
  [4, false],
  [4, true],
] as const)('seal v%d (RSA %s): build, parse, verify, sign', (version, rsa) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(rsa);
  });

  it('round-trips every field and the maker signature verifies', async () => {
    const info = sealInfo(f, { extensions: [{ oid: '1.2.156.112562.99.1', critical: false, value: Buffer.from('ext') }] });
    const der = await buildSeal(version, info, { certificate: f.maker.cert, signer: f.maker.signer });
    const seal = parseSeal(der);
    expect(seal.version).toBe(version);
    expect(seal.header).toEqual({ id: 'ES', version, vid: 'YINXIN' });
    expect(seal.esId).toBe(info.esId);
    expect(seal.property).toMatchObject({ type: 1, name: info.name, certListType: 1 });
    expect(seal.property.certificates.map(c => Buffer.from(c))).toEqual([Buffer.from(f.holder.cert)]);
    expect(seal.property.validEnd.getTime()).toBe(Math.floor(info.validEnd.getTime() / 1000) * 1000);
    expect(seal.picture).toMatchObject({ type: 'PNG', widthMm: 40, heightMm: 40 });
    expect(seal.extensions).toHaveLength(1);
    expect(seal.variants).toEqual([]);
    expect(Buffer.from(seal.makerCertificate)).toEqual(Buffer.from(f.maker.cert));
    expect(seal.signatureAlgorithmOid).toBe(rsa ? OIDS.sha256WithRsa : OIDS.sm3WithSm2);
    // v1 signs SEQUENCE{sealInfo, cert, alg}; v4 signs SES_SealInfo alone
    expect(seal.signedBytes.length > seal.sealInfoDer.length).toBe(version === 1);
    expect(verifySeal(seal, { at: new Date() })).toMatchObject({ valid: true, validAt: true, makerCertificateValidAtCreate: true });
    expect(verifySeal(seal, { at: new Date(Date.now() + 60 * DAY) }).validAt).toBe(false);
  });

  it('a changed picture breaks the maker signature', async () => {
    const der = Buffer.from(await buildSeal(version, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer }));
    const at = der.indexOf(Buffer.from('89504e470d0a1a0a', 'hex'));
    der[at + 3] ^= 1;
    expect(verifySeal(der)).toMatchObject({ valid: false, makerSignatureValid: false });
  });

  it('signs data; the signature verifies, binds the listed signer and the data hash', async () => {
    const seal = await buildSeal(version, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const data = Buffer.from('合同正文 v1');
    const signTime = new Date(Math.floor(Date.now() / 1000) * 1000 + 250);
    const der = await buildSesSignature({ seal, data, propertyInfo: 'doc:123', signTime, signerCertificate: f.holder.cert, signer: f.holder.signer });
    const sig = parseSesSignature(der);
    expect(sig.version).toBe(version);
    // v4: to the millisecond (GeneralizedTime fraction); v1: whole seconds
    expect(sig.signTime?.getTime()).toBe(version === 4 ? signTime.getTime() : signTime.getTime() - 250);
    expect(sig.tbsVersion).toBe(version);
    expect(sig.propertyInfo).toBe('doc:123');
    expect(sig.signTime).toBeDefined();
    expect(Buffer.from(sig.dataHash)).toEqual(digest(rsa ? 'SHA-256' : 'SM3', data));
    expect(sig.variants).toEqual([]);
    const v = verifySesSignature(sig, { data });
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ valid: true, timeValid: true, signatureValid: true, signerInSealList: true, dataHashMatches: true });
    expect(verifySesSignature(sig, { data: Buffer.from('合同正文 v2') })).toMatchObject({ valid: false, dataHashMatches: false });
  });

  it('a changed propertyInfo breaks the signature', async () => {
    const seal = await buildSeal(version, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const der = Buffer.from(await buildSesSignature({ seal, data: Buffer.from('x'), propertyInfo: 'doc:AAAA', signTime: new Date(), signerCertificate: f.holder.cert, signer: f.holder.signer }));
    der[der.indexOf(Buffer.from('doc:AAAA')) + 4] = 0x42;
    const v = verifySesSignature(der);
    expect(v).toMatchObject({ valid: false, signatureValid: false });
    expect(parseSesSignature(der).propertyInfo).toBe('doc:BAAA');
  });

  it('refuses a signer not in the list, a time outside the seal validity, a broken seal', async () => {
    const seal = await buildSeal(version, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const base = { seal, data: Buffer.from('x'), propertyInfo: 'p', signTime: new Date() };
    await expect(buildSesSignature({ ...base, signerCertificate: f.other.cert, signer: f.other.signer })).rejects.toMatchObject({ code: 'GM_SEAL_REFUSED' });
    await expect(buildSesSignature({ ...base, signTime: new Date(Date.now() + 40 * DAY), signerCertificate: f.holder.cert, signer: f.holder.signer })).rejects.toMatchObject({ code: 'GM_SEAL_REFUSED' });
    await expect(buildSesSignature({ ...base, signerCertificate: f.holder.cert, signer: f.other.signer })).rejects.toMatchObject({ code: 'GM_KEY_MISMATCH' });
    const broken = Buffer.from(seal);
    broken[broken.indexOf(Buffer.from('89504e470d0a1a0a', 'hex')) + 3] ^= 1;
    await expect(buildSesSignature({ ...base, seal: broken, signerCertificate: f.holder.cert, signer: f.holder.signer })).rejects.toMatchObject({ code: 'GM_SEAL_REFUSED' });
  });
});

describe('v4 specifics', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });

  it('certListType 2 lists SM3 hashes of the certificates; signer matching uses the hash', async () => {
    const seal = await buildSeal(4, sealInfo(f, { certListType: 2 }), { certificate: f.maker.cert, signer: f.maker.signer });
    const parsed = parseSeal(seal);
    expect(parsed.property.certListType).toBe(2);
    expect(parsed.property.certDigests).toEqual([{ type: 'sm3', value: expect.anything() }]);
    expect(Buffer.from(parsed.property.certDigests[0].value)).toEqual(Buffer.from(sm3(f.holder.cert)));
    const der = await buildSesSignature({ seal, data: Buffer.from('x'), propertyInfo: 'p', signTime: new Date(), signerCertificate: f.holder.cert, signer: f.holder.signer });
    expect(verifySesSignature(der)).toMatchObject({ valid: true, signerInSealList: true });
    await expect(buildSesSignature({ seal, data: Buffer.from('x'), propertyInfo: 'p', signTime: new Date(), signerCertificate: f.other.cert, signer: f.other.signer })).rejects.toMatchObject({ code: 'GM_SEAL_REFUSED' });
  });

  it('a timestamp over the signature value verifies; one over other bytes does not', async () => {
    const tsa = await makeTsa(f.ca);
    const seal = await buildSeal(4, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const stamp = (over: (sig: Uint8Array) => Uint8Array) => async (sig: Uint8Array) =>
      buildTimeStampToken(
        { tstInfo: { policy: '1.2.3.4', imprint: { hashAlgorithm: 'SM3', hashedMessage: sm3(over(sig)) }, serial: 7n, genTime: new Date() }, tsaCert: tsa.cert, includeCerts: true },
        tsa.signer,
      );
    const base = { seal, data: Buffer.from('x'), propertyInfo: 'p', signTime: new Date(), signerCertificate: f.holder.cert, signer: f.holder.signer };
    const good = parseSesSignature(await buildSesSignature({ ...base, timeStamp: stamp(s => s) }));
    expect(good.timeStamp).toBeDefined();
    expect(good.variants).toEqual([]);
    const v = verifySesSignature(good);
    expect(v.timeStamp).toMatchObject({ valid: true, imprintMatches: true });
    expect(v.valid).toBe(true);
    const bad = verifySesSignature(await buildSesSignature({ ...base, timeStamp: stamp(() => Buffer.from('other')) }));
    expect(bad.timeStamp).toMatchObject({ valid: false, imprintMatches: false });
    expect(bad.valid).toBe(false);
  });

  it('reads the vendor variants: [0]-tagged and OCTET-wrapped seal extDatas, implicit/untagged timeStamp', async () => {
    const info = sealInfo(f, { extensions: [{ oid: '1.2.3', critical: true, value: Buffer.from('v') }] });
    const der = await buildSeal(4, info, { certificate: f.maker.cert, signer: f.maker.signer });
    const root = readRoot(der);
    const [sealInfoTlv, ...rest] = children(der, root);
    const sealInfoParts = children(der, sealInfoTlv).map(t => rawOf(der, t));
    const ext = sealInfoParts[4];
    for (const [wrapped, variant] of [
      [derCtx(0, ext), 'extDatas-context-tagged'],
      [derOctets(ext), 'extDatas-octet-wrapped'],
    ] as const) {
      const variantDer = derSeq(derSeq(...sealInfoParts.slice(0, 4), wrapped), ...rest.map(t => rawOf(der, t)));
      const seal = parseSeal(variantDer);
      expect(seal.variants).toContain(variant);
      expect(seal.extensions).toEqual([{ oid: '1.2.3', critical: true, value: expect.anything() }]);
      // the maker signed the standard form, so the re-wrapped seal no longer verifies: decoding is tolerant, verification is not
      expect(verifySeal(seal).makerSignatureValid).toBe(false);
    }
    const tsa = await makeTsa(f.ca);
    const sigDer = await buildSesSignature({
      seal: der,
      data: Buffer.from('x'),
      propertyInfo: 'p',
      signTime: new Date(),
      signerCertificate: f.holder.cert,
      signer: f.holder.signer,
      timeStamp: sig =>
        buildTimeStampToken({ tstInfo: { policy: '1.2.3.4', imprint: { hashAlgorithm: 'SM3', hashedMessage: sm3(sig) }, serial: 8n, genTime: new Date() }, tsaCert: tsa.cert, includeCerts: true }, tsa.signer),
    });
    const sRoot = readRoot(sigDer);
    const parts = children(sigDer, sRoot);
    const token = parseSesSignature(sigDer).timeStamp!;
    const bits = derBitString(token);
    for (const [field, variant] of [
      [Buffer.concat([Buffer.of(0x80), bits.subarray(1)]), 'timeStamp-implicit'],
      [bits, 'timeStamp-untagged'],
    ] as const) {
      const v = parseSesSignature(derSeq(...parts.slice(0, 4).map(t => rawOf(sigDer, t)), field));
      expect(v.variants).toContain(variant);
      expect(Buffer.from(v.timeStamp!)).toEqual(Buffer.from(token));
      expect(verifySesSignature(v).valid).toBe(true);
    }
  });
});

describe('v1 timeInfo forms', () => {
  it('reads UTCTime text, "yyyy-MM-dd HH:mm:ss" (China time) and a DER time', async () => {
    const f = await fixture();
    const seal = await buildSeal(1, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const der = await buildSesSignature({ seal, data: Buffer.from('x'), propertyInfo: 'p', signTime: new Date('2026-11-29T01:02:03Z'), signerCertificate: f.holder.cert, signer: f.holder.signer });
    const sig = parseSesSignature(der);
    expect(sig.signTimeForm).toBe('utcTime');
    expect(sig.signTime?.toISOString()).toBe('2026-11-29T01:02:03.000Z');
    // rebuild the TBS with other timeInfo forms (signature no longer valid, but the time must read)
    const tbs = children(der, readRoot(der))[0];
    const t = children(der, tbs).map(x => rawOf(der, x));
    for (const [content, iso, form] of [
      [Buffer.from('2026-11-29 09:02:03'), '2026-11-29T01:02:03.000Z', 'text'],
      [Buffer.from('20261129010203Z'), '2026-11-29T01:02:03.000Z', 'generalizedTime'],
      [Buffer.concat([Buffer.of(TAG.UTC_TIME, 13), Buffer.from('261129010203Z')]), '2026-11-29T01:02:03.000Z', 'utcTime'],
      [Buffer.from('yesterday'), undefined, 'unreadable'],
    ] as const) {
      const other = derSeq(derSeq(t[0], t[1], derBitString(content), ...t.slice(3)), derBitString(Buffer.alloc(8)));
      const p = parseSesSignature(other);
      expect(p.signTimeForm).toBe(form);
      expect(p.signTime?.toISOString()).toBe(iso);
    }
  });
});

describe('malformed input gives clear errors', () => {
  it('wrong structures, versions, truncation and size', async () => {
    const f = await fixture();
    const seal = await buildSeal(4, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const expectCode = (fn: () => unknown, code: string, msg?: RegExp) => {
      try {
        fn();
        throw new Error('expected a GmError');
      } catch (e) {
        expect(e).toBeInstanceOf(GmError);
        expect((e as GmError).code).toBe(code);
        if (msg) expect((e as GmError).message).toMatch(msg);
      }
    };
    expectCode(() => parseSeal(derSeq(derOctets(Buffer.from('x')))), 'GM_DECODE', /1 elements/);
    expectCode(() => parseSeal(seal.subarray(0, seal.length - 10)), 'GM_DECODE');
    expectCode(() => parseSeal(Buffer.from('not a seal')), 'GM_DECODE');
    expectCode(() => parseSeal(seal, { maxBytes: 100 }), 'GM_TOO_LARGE');
    expectCode(() => parseSesSignature(seal), 'GM_DECODE');
    // a header ID other than "ES"
    const bad = Buffer.from(seal);
    bad[bad.indexOf(Buffer.from('1602', 'hex').toString('latin1') + 'ES', 0, 'latin1') + 2] = 0x46;
    expectCode(() => parseSeal(bad), 'GM_DECODE', /"FS"/);
    await expect(buildSeal(3 as 4, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer })).rejects.toMatchObject({ code: 'GM_UNSUPPORTED' });
    await expect(buildSeal(4, sealInfo(f, { certificates: [] }), { certificate: f.maker.cert, signer: f.maker.signer })).rejects.toMatchObject({ code: 'GM_UNSUPPORTED' });
    await expect(buildSeal(4, sealInfo(f, { esId: '印章' }), { certificate: f.maker.cert, signer: f.maker.signer })).rejects.toMatchObject({ code: 'GM_UNSUPPORTED' });
    await expect(buildSeal(4, sealInfo(f), { certificate: f.maker.cert, signer: f.holder.signer })).rejects.toMatchObject({ code: 'GM_KEY_MISMATCH' });
  });
});

describe('signing with a key held elsewhere (prepare, sign on the device, assemble)', () => {
  it('assembles a verifiable signature from a raw r‖s SM2 signature; refuses a wrong one', async () => {
    const f = await fixture();
    const seal = await buildSeal(4, sealInfo(f), { certificate: f.maker.cert, signer: f.maker.signer });
    const data = Buffer.from('申请表');
    const prepared = prepareSesSignature({ seal, data, propertyInfo: 'doc:9', signTime: new Date(), signerCertificate: f.holder.cert });
    expect(prepared.version).toBe(4);
    expect(prepared.signatureAlgorithmOid).toBe(OIDS.sm3WithSm2);
    // the device signs with sm-crypto's raw r‖s output form
    const der = Buffer.from(await f.holder.signer.sign(prepared.tbs));
    const rs = decodeSignatureForTest(der);
    const assembled = assembleSesSignature(prepared, rs);
    expect(verifySesSignature(assembled, { data })).toMatchObject({ valid: true, dataHashMatches: true });
    expect(parseSesSignature(assembled).variants).toEqual([]); // re-encoded as DER
    const other = await f.other.signer.sign(prepared.tbs);
    expect(() => assembleSesSignature(prepared, other)).toThrow(expect.objectContaining({ code: 'GM_VERIFY' }));
    expect(() => prepareSesSignature({ seal, dataHash: Buffer.alloc(20), propertyInfo: 'p', signTime: new Date(), signerCertificate: f.holder.cert })).toThrow(expect.objectContaining({ code: 'GM_UNSUPPORTED' }));
  });
});

function decodeSignatureForTest(der: Uint8Array): Uint8Array {
  const root = readRoot(der);
  const [r, s] = children(der, root).map(t => Buffer.from(der.subarray(t.valueStart, t.end)));
  const fix = (b: Buffer) => Buffer.concat([Buffer.alloc(32), b.subarray(b.length > 32 ? b.length - 32 : 0)]).subarray(-32);
  return Buffer.concat([fix(r), fix(s)]);
}

describe('seal signatures inside the interop OFD packages', () => {
  // every Type="Seal" signature of these packages: PROVENANCE.md says each SES_Signature verifies
  // over its Signature.xml (the tampered package changed other parts, not the signed bytes)
  const packages = [
    'easyofd-rust-gen_14_digital_sign.ofd',
    'ofdrw-1-GOMAIN-invoice.ofd',
    'ofdrw-999-KingGrid.ofd',
    'ofdrw-SESV4SignDoc.ofd',
    'ofdrw-allprotected.ofd',
    'ofdrw-draw_param_ref-GOMAIN.ofd',
    'ofdrw-keyword-tongz-tampered.ofd',
    'ofdrw-keyword2-GOMAIN-invoice.ofd',
    'ofdrw-v4signed-BW.ofd',
  ];
  it.each(packages)('%s', file => {
    const members = unzip(interop(file));
    let checked = 0;
    // Signatures.xml lists each signature with its Type (Seal: SES_Signature; Sign: CMS) and BaseLoc
    for (const [listName, list] of members) {
      if (!/Signatures\.xml$/i.test(listName)) continue;
      const listDir = listName.slice(0, listName.lastIndexOf('/') + 1);
      for (const tag of list.toString('utf8').match(/<ofd:Signature\b[^>]*>/g) ?? []) {
        const type = /\bType="([^"]*)"/.exec(tag)?.[1] ?? 'Seal'; // GB/T 33190: Seal is the default
        const base = /\bBaseLoc="([^"]*)"/.exec(tag)![1];
        if (type !== 'Seal') continue;
        const xmlName = base.startsWith('/') ? base.slice(1) : `${listDir}${base}`;
        const xml = members.get(xmlName)!;
        expect([file, xmlName, !!xml]).toEqual([file, xmlName, true]);
        const value = /<ofd:SignedValue>([^<]*)<\/ofd:SignedValue>/.exec(xml.toString('utf8'))![1].trim();
        const valueName = value.startsWith('/') ? value.slice(1) : `${xmlName.slice(0, xmlName.lastIndexOf('/') + 1)}${value}`;
        const sig = parseSesSignature(members.get(valueName)!);
        expect(sig.version).toBe(4);
        const v = verifySesSignature(sig, { data: xml });
        expect([file, xmlName, v.problems]).toEqual([file, xmlName, []]);
        expect(v.valid).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
