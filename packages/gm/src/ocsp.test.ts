import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcCheck, bcCompile } from '@yinxin/pki-interop';
import { toHex } from './bytes';
import { parseCertificate } from './certificate';
import { derAlgorithm, derCtx, derOctets, derSeq } from './der';
import { GmError } from './errors';
import { ext, keyIdentifierOf } from './extensions';
import { encodeName } from './names';
import {
  buildOcspRequest,
  buildOcspResponse,
  certIdFor,
  certIdIssuerKey,
  certIdMatches,
  encodeCertId,
  ocspErrorResponse,
  ocspIssuerHashes,
  parseOcspRequest,
  parseOcspResponse,
  verifyOcspResponseSignature,
  type OcspSingleResponseInput,
} from './ocsp';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { verifySignature } from './signer';
import {
  hasOpenssl,
  makeLeaf,
  makeOcspResponder,
  makeRsaCa,
  makeSm2Ca,
  openssl,
  type TestCa,
} from './testing/fixtures';

jest.setTimeout(120_000);

const HOUR = 3600_000;
const pem = (der: Uint8Array) => pemEncode('CERTIFICATE', der);
const serialOf = (cert: Uint8Array) => parseCertificate(cert).serialHex;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof GmError ? e.code : `not a GmError: ${String(e)}`;
  }
  return 'no error';
};

let sm2Ca: TestCa;
let sm2Responder: TestCa;
let sm2Leaf: TestCa;
let rsaCa: TestCa;
let rsaResponder: TestCa;
let rsaLeaf: TestCa;
beforeAll(async () => {
  sm2Ca = await makeSm2Ca();
  sm2Responder = await makeOcspResponder(sm2Ca);
  sm2Leaf = await makeLeaf(sm2Ca, '张三');
  rsaCa = await makeRsaCa();
  rsaResponder = await makeOcspResponder(rsaCa);
  rsaLeaf = await makeLeaf(rsaCa);
});

describe('CertID', () => {
  it('hashes the issuer name and key; SHA-1 key hash is the RFC 5280 key identifier', () => {
    const c = parseCertificate(sm2Ca.cert);
    const h1 = ocspIssuerHashes(sm2Ca.cert, 'SHA-1');
    expect(h1.issuerKeyHash).toBe(toHex(keyIdentifierOf(sm2Ca.signer.spki)));
    expect(h1.issuerNameHash).toBe(createHash('sha1').update(c.subjectDer).digest('hex'));
    const h3 = ocspIssuerHashes(c, 'SM3');
    expect(h3.issuerNameHash).toBe(createHash('sm3').update(c.subjectDer).digest('hex'));
    expect(h3.issuerKeyHash).toHaveLength(64);
    expect(() => ocspIssuerHashes(c, 'SHA-384' as never)).toThrow(GmError);
  });

  it('certIdFor, certIdMatches and the issuer index key agree', () => {
    for (const alg of ['SHA-1', 'SHA-256', 'SM3'] as const) {
      const id = certIdFor({ issuerCert: sm2Ca.cert, serial: serialOf(sm2Leaf.cert), hashAlgorithm: alg });
      expect(id.serialHex).toBe(serialOf(sm2Leaf.cert));
      expect(certIdMatches(id, sm2Ca.cert)).toBe(true);
      expect(certIdMatches(id, ocspIssuerHashes(sm2Ca.cert, alg))).toBe(true);
      expect(certIdMatches(id, rsaCa.cert)).toBe(false);
      expect(certIdIssuerKey(id)).toBe(certIdIssuerKey(ocspIssuerHashes(sm2Ca.cert, alg)));
      // encodeCertId from the fields gives the same DER
      const { der, ...fields } = id;
      expect(Buffer.from(encodeCertId(fields))).toEqual(Buffer.from(der));
    }
    // serials as bytes, with leading zeros
    expect(certIdFor({ issuerCert: sm2Ca.cert, serial: Buffer.from('000080', 'hex') }).serialHex).toBe('80');
    expect(() => certIdFor({ issuerCert: sm2Ca.cert, serial: '11'.repeat(21) })).toThrow(GmError);
    expect(() => encodeCertId({ hashAlgorithm: 'SHA-1', issuerNameHash: '00', issuerKeyHash: '00', serialHex: '01' })).toThrow(GmError);
  });
});

describe('OCSP requests', () => {
  it('round trip: several CertIDs, RFC 8954 nonce, unsigned', async () => {
    const ids = (['SHA-1', 'SHA-256', 'SM3'] as const).map(h => certIdFor({ issuerCert: sm2Ca.cert, serial: serialOf(sm2Leaf.cert), hashAlgorithm: h }));
    const nonce = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const req = parseOcspRequest(await buildOcspRequest({ certIds: ids, nonce }));
    expect(req.signed).toBe(false);
    expect(req.certIds.map(c => c.hashAlgorithm)).toEqual(['SHA-1', 'SHA-256', 'SM3']);
    expect(req.certIds).toEqual(ids.map(i => ({ ...i, der: Buffer.from(i.der) })));
    expect(Buffer.from(req.nonce!.value)).toEqual(nonce);
    expect(Buffer.from(req.nonce!.extnValue)).toEqual(derOctets(nonce));
    const random = parseOcspRequest(await buildOcspRequest({ certIds: ids.slice(0, 1), nonce: true }));
    expect(random.nonce?.value).toHaveLength(32);
    expect(parseOcspRequest(await buildOcspRequest({ certIds: ids.slice(0, 1) })).nonce).toBeUndefined();
  });

  it('parses (but does not need) request signatures', async () => {
    const id = certIdFor({ issuerCert: rsaCa.cert, serial: serialOf(rsaLeaf.cert), hashAlgorithm: 'SHA-256' });
    const der = await buildOcspRequest({
      certIds: [id],
      nonce: true,
      requestorName: encodeName(rsaLeaf.name),
      signer: rsaLeaf.signer,
      signerCerts: [rsaLeaf.cert],
    });
    const req = parseOcspRequest(der);
    expect(req.signed).toBe(true);
    expect(req.signature?.algorithmOid).toBe(OIDS.sha256WithRsa);
    expect(req.signature?.certs).toEqual([Buffer.from(rsaLeaf.cert)]);
    expect(req.requestorName?.[0]).toBe(0xa4);
    expect(verifySignature(rsaLeaf.signer.spki, req.signature!.algorithmOid, req.tbsRequest, req.signature!.value)).toBe(true);
    await expect(buildOcspRequest({ certIds: [id], signer: rsaLeaf.signer })).rejects.toThrow(GmError);
  });

  it('refuses malformed and unsupported requests with GM_BAD_OCSP_REQUEST, oversize with GM_TOO_LARGE', async () => {
    const id = certIdFor({ issuerCert: sm2Ca.cert, serial: '01' });
    const good = await buildOcspRequest({ certIds: [id] });
    expect(code(() => parseOcspRequest(Buffer.from('garbage')))).toBe('GM_BAD_OCSP_REQUEST');
    expect(code(() => parseOcspRequest(Buffer.concat([good, Buffer.of(0)])))).toBe('GM_BAD_OCSP_REQUEST');
    // SHA-384 CertID
    const sha384 = derSeq(derAlgorithm(OIDS.sha384, true), derOctets(Buffer.alloc(48)), derOctets(Buffer.alloc(48)), Buffer.of(2, 1, 1));
    expect(code(() => parseOcspRequest(derSeq(derSeq(derSeq(derSeq(sha384))))))).toBe('GM_BAD_OCSP_REQUEST');
    // SHA-1 CertID with 32-byte hashes
    const wrongLen = derSeq(derAlgorithm(OIDS.sha1, true), derOctets(Buffer.alloc(32)), derOctets(Buffer.alloc(32)), Buffer.of(2, 1, 1));
    expect(code(() => parseOcspRequest(derSeq(derSeq(derSeq(derSeq(wrongLen))))))).toBe('GM_BAD_OCSP_REQUEST');
    // negative serial
    const neg = derSeq(derAlgorithm(OIDS.sha1, true), derOctets(Buffer.alloc(20)), derOctets(Buffer.alloc(20)), Buffer.of(2, 1, 0xff));
    expect(code(() => parseOcspRequest(derSeq(derSeq(derSeq(derSeq(neg))))))).toBe('GM_BAD_OCSP_REQUEST');
    // empty requestList, version v2, unknown critical extension
    expect(code(() => parseOcspRequest(derSeq(derSeq(derSeq()))))).toBe('GM_BAD_OCSP_REQUEST');
    expect(code(() => parseOcspRequest(derSeq(derSeq(derCtx(0, Buffer.of(2, 1, 1)), derSeq(derSeq(id.der))))))).toBe('GM_BAD_OCSP_REQUEST');
    const critical = derCtx(2, derSeq(derSeq(Buffer.from('06032a0304', 'hex'), Buffer.from('0101ff', 'hex'), derOctets(Buffer.of(5, 0)))));
    expect(code(() => parseOcspRequest(derSeq(derSeq(derSeq(derSeq(id.der)), critical))))).toBe('GM_BAD_OCSP_REQUEST');
    // a non-critical unknown extension is ignored
    const nonCritical = derCtx(2, derSeq(derSeq(Buffer.from('06032a0304', 'hex'), derOctets(Buffer.of(5, 0)))));
    expect(parseOcspRequest(derSeq(derSeq(derSeq(derSeq(id.der)), nonCritical))).extensions).toHaveLength(1);
    // limits
    const many = await buildOcspRequest({ certIds: Array.from({ length: 5 }, () => id) });
    expect(code(() => parseOcspRequest(many, { maxCertIds: 4 }))).toBe('GM_BAD_OCSP_REQUEST');
    expect(code(() => parseOcspRequest(good, { maxBytes: good.length - 1 }))).toBe('GM_TOO_LARGE');
    expect(code(() => parseOcspRequest('x' as never))).toBe('GM_BAD_OCSP_REQUEST');
  });
});

async function respond(
  ca: TestCa,
  responder: TestCa,
  responses: OcspSingleResponseInput[],
  extra: Partial<Parameters<typeof buildOcspResponse>[0]> = {},
): Promise<Uint8Array> {
  return buildOcspResponse(
    {
      responderCert: responder.cert,
      producedAt: new Date(),
      responses,
      ...(responder !== ca ? { certs: [responder.cert] } : {}),
      ...extra,
    },
    responder.signer,
  );
}

describe('OCSP responses', () => {
  it('round trip: good, revoked with reason, unknown, nonce echoed verbatim, byKey', async () => {
    const now = new Date('2026-03-01T08:00:00.789Z');
    const ids = (['SHA-1', 'SHA-256', 'SM3'] as const).map(h => certIdFor({ issuerCert: sm2Ca.cert, serial: serialOf(sm2Leaf.cert), hashAlgorithm: h }));
    const req = parseOcspRequest(await buildOcspRequest({ certIds: ids, nonce: true }));
    const der = await buildOcspResponse(
      {
        responderCert: sm2Responder.cert,
        producedAt: now,
        nonce: req.nonce,
        certs: [sm2Responder.cert],
        responses: [
          { certId: req.certIds[0], status: 'good', thisUpdate: now, nextUpdate: new Date(+now + HOUR) },
          { certId: req.certIds[1], status: { revoked: true, revocationTime: new Date('2026-02-01T00:00:00Z'), reason: 1 }, thisUpdate: now },
          { certId: req.certIds[2], status: 'unknown', thisUpdate: now },
        ],
      },
      sm2Responder.signer,
    );
    const r = parseOcspResponse(der);
    expect(r.status).toBe('successful');
    const b = r.basic!;
    expect(b.responderId).toEqual({ byKey: toHex(keyIdentifierOf(sm2Responder.signer.spki)) });
    expect(b.producedAt.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(b.responses.map(s => s.status)).toEqual([
      'good',
      { revoked: true, revocationTime: new Date('2026-02-01T00:00:00Z'), reason: 1 },
      'unknown',
    ]);
    expect(b.responses.map(s => Buffer.from(s.certId.der))).toEqual(req.certIds.map(c => Buffer.from(c.der)));
    expect(b.responses[0].nextUpdate?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(b.responses[1].nextUpdate).toBeUndefined();
    expect(Buffer.from(b.nonce!.extnValue)).toEqual(Buffer.from(req.nonce!.extnValue));
    expect(b.certs).toEqual([Buffer.from(sm2Responder.cert)]);
    expect(b.signatureAlgorithmOid).toBe(OIDS.sm3WithSm2);
    expect(verifyOcspResponseSignature(b, sm2Responder.signer.spki)).toBe(true);
    expect(verifyOcspResponseSignature(b, sm2Ca.signer.spki)).toBe(false);
    const tampered = Buffer.from(der);
    tampered[tampered.indexOf(Buffer.from(req.nonce!.value))] ^= 1;
    expect(verifyOcspResponseSignature(parseOcspResponse(tampered).basic!, sm2Responder.signer.spki)).toBe(false);
  });

  it('byName, reason 0 not encoded, a CertID repeated exactly as the client wrote it', async () => {
    const h = ocspIssuerHashes(rsaCa.cert, 'SHA-1');
    // a client that omits the NULL hash parameters
    const bare = derSeq(derAlgorithm(OIDS.sha1, false), derOctets(Buffer.from(h.issuerNameHash, 'hex')), derOctets(Buffer.from(h.issuerKeyHash, 'hex')), Buffer.of(2, 1, 5));
    const req = parseOcspRequest(derSeq(derSeq(derSeq(derSeq(bare)))));
    expect(req.certIds[0]).toMatchObject({ hashAlgorithm: 'SHA-1', serialHex: '05' });
    const der = await respond(rsaCa, rsaCa, [{ certId: req.certIds[0], status: { revoked: true, revocationTime: new Date(), reason: 0 }, thisUpdate: new Date() }], {
      responderId: 'byName',
    });
    const b = parseOcspResponse(der).basic!;
    expect(b.responderId).toMatchObject({ byName: rsaCa.name });
    expect(Buffer.from(b.responses[0].certId.der)).toEqual(bare);
    expect(b.responses[0].status).toEqual({ revoked: true, revocationTime: expect.any(Date) });
    expect(b.certs).toEqual([]);
    expect(b.signatureAlgorithmOid).toBe(OIDS.sha256WithRsa);
    expect(verifyOcspResponseSignature(b, rsaCa.signer.spki)).toBe(true);
  });

  it('refuses a signer that is not the responder and bad statuses', async () => {
    const id = certIdFor({ issuerCert: sm2Ca.cert, serial: '01' });
    const base = { responderCert: sm2Responder.cert, producedAt: new Date() };
    const now = new Date();
    await expect(buildOcspResponse({ ...base, responses: [{ certId: id, status: 'good', thisUpdate: now }] }, sm2Ca.signer)).rejects.toMatchObject({
      code: 'GM_KEY_MISMATCH',
    });
    for (const bad of [
      { certId: id, status: { revoked: true as const, revocationTime: now, reason: 7 }, thisUpdate: now },
      { certId: id, status: 'good' as const, thisUpdate: now, nextUpdate: new Date(+now - 1000) },
      { certId: id, status: 'maybe' as never, thisUpdate: now },
      { certId: id, status: 'good' as const, thisUpdate: new Date(NaN) },
    ]) {
      await expect(buildOcspResponse({ ...base, responses: [bad] }, sm2Responder.signer)).rejects.toThrow(GmError);
    }
    await expect(buildOcspResponse({ ...base, responses: [] }, sm2Responder.signer)).rejects.toThrow(GmError);
  });

  it('error responses', () => {
    expect(Buffer.from(ocspErrorResponse('malformedRequest')).toString('hex')).toBe('30030a0101');
    expect(Buffer.from(ocspErrorResponse('internalError')).toString('hex')).toBe('30030a0102');
    expect(Buffer.from(ocspErrorResponse('tryLater')).toString('hex')).toBe('30030a0103');
    expect(Buffer.from(ocspErrorResponse('sigRequired')).toString('hex')).toBe('30030a0105');
    expect(Buffer.from(ocspErrorResponse('unauthorized')).toString('hex')).toBe('30030a0106');
    expect(parseOcspResponse(ocspErrorResponse('unauthorized'))).toMatchObject({ status: 'unauthorized' });
    expect(parseOcspResponse(ocspErrorResponse('unauthorized')).basic).toBeUndefined();
    expect(() => ocspErrorResponse('successful' as never)).toThrow(GmError);
    expect(code(() => parseOcspResponse(Buffer.from('30030a0104', 'hex')))).toBe('GM_DECODE');
    expect(code(() => parseOcspResponse(Buffer.alloc(10), { maxBytes: 5 }))).toBe('GM_TOO_LARGE');
  });
});

(hasOpenssl ? describe : describe.skip)('OpenSSL reads our RSA OCSP and we read its requests', () => {
  const files = () => ({ 'ca.pem': pem(rsaCa.cert), 'leaf.pem': pem(rsaLeaf.cert) });

  /** an OpenSSL-made request */
  const opensslRequest = (args: string[]) => {
    const r = openssl([['ocsp', ...args, '-reqout', 'req.der'], ['base64', '-A', '-in', 'req.der']], files());
    expect(r.status).toBe(0);
    return Buffer.from(r.out.trim(), 'base64');
  };

  it('parses OpenSSL requests: SHA-256 with nonce, SHA-1 without', () => {
    const leafSerial = serialOf(rsaLeaf.cert);
    for (const [digestArgs, alg] of [[['-sha256'], 'SHA-256'], [[], 'SHA-1']] as const) {
      const withNonce = parseOcspRequest(opensslRequest([...digestArgs, '-issuer', 'ca.pem', '-cert', 'leaf.pem']));
      expect(withNonce.certIds).toHaveLength(1);
      expect(withNonce.certIds[0]).toMatchObject({ hashAlgorithm: alg, serialHex: leafSerial });
      expect(certIdMatches(withNonce.certIds[0], rsaCa.cert)).toBe(true);
      expect(withNonce.nonce?.value).toHaveLength(16);
      expect(Buffer.from(withNonce.nonce!.extnValue).subarray(0, 2)).toEqual(Buffer.of(0x04, 0x10));
      const plain = parseOcspRequest(opensslRequest([...digestArgs, '-issuer', 'ca.pem', '-cert', 'leaf.pem', '-no_nonce']));
      expect(plain.nonce).toBeUndefined();
      expect(plain.extensions).toEqual([]);
      expect(plain.certIds[0]).toMatchObject({ hashAlgorithm: alg, serialHex: leafSerial });
      // OpenSSL writes the NULL parameters we write
      expect(Buffer.from(plain.certIds[0].der)).toEqual(Buffer.from(certIdFor({ issuerCert: rsaCa.cert, serial: leafSerial, hashAlgorithm: alg }).der));
    }
  });

  it('verifies our delegated-responder response to its request: signature, authority, nonce, each status', async () => {
    const leafSerial = serialOf(rsaLeaf.cert);
    const reqDer = opensslRequest(['-sha256', '-issuer', 'ca.pem', '-cert', 'leaf.pem']);
    const req = parseOcspRequest(reqDer);
    const now = new Date();
    const cases: Array<[OcspSingleResponseInput['status'], RegExp]> = [
      ['good', /leaf\.pem: good/],
      [{ revoked: true, revocationTime: new Date(+now - HOUR), reason: 1 }, /leaf\.pem: revoked[\s\S]*Reason: keyCompromise/],
      [{ revoked: true, revocationTime: new Date(+now - HOUR), reason: 4 }, /leaf\.pem: revoked[\s\S]*Reason: superseded/],
      ['unknown', /leaf\.pem: unknown/],
    ];
    for (const [status, expected] of cases) {
      const resp = await respond(rsaCa, rsaResponder, [{ certId: req.certIds[0], status, thisUpdate: now, nextUpdate: new Date(+now + HOUR) }], { nonce: req.nonce });
      // -reqin: OpenSSL checks the signature, the responder's authority (-CAfile) and the nonce
      const v = openssl(['ocsp', '-respin', 'resp.der', '-reqin', 'req.der', '-CAfile', 'ca.pem'], { ...files(), 'resp.der': resp, 'req.der': reqDer });
      expect(v.out).toMatch(/Response verify OK/);
      expect(v.out).not.toMatch(/Nonce Verify error|WARNING/);
      expect(v.status).toBe(0);
      // -cert: the status of the certificate, with the response text
      const s = openssl(['ocsp', '-respin', 'resp.der', '-CAfile', 'ca.pem', '-issuer', 'ca.pem', '-sha256', '-cert', 'leaf.pem', '-no_nonce', '-resp_text'], {
        ...files(),
        'resp.der': resp,
      });
      expect(s.status).toBe(0);
      expect(s.out).toMatch(expected);
      expect(s.out).toContain(`Serial Number: ${leafSerial.toUpperCase()}`);
      expect(s.out).toContain(`OCSP Nonce: \n            ${Buffer.from(req.nonce!.extnValue).toString('hex').toUpperCase()}`);
    }
  });

  it('a CA-signed byName response verifies; a wrong nonce, a changed byte and an unauthorised responder do not', async () => {
    const reqDer = opensslRequest(['-issuer', 'ca.pem', '-cert', 'leaf.pem']);
    const req = parseOcspRequest(reqDer);
    const now = new Date();
    const single = [{ certId: req.certIds[0], status: 'good' as const, thisUpdate: now, nextUpdate: new Date(+now + HOUR) }];
    const byName = await respond(rsaCa, rsaCa, single, { nonce: req.nonce, responderId: 'byName' });
    const ok = openssl(['ocsp', '-respin', 'resp.der', '-reqin', 'req.der', '-VAfile', 'ca.pem'], { ...files(), 'resp.der': byName, 'req.der': reqDer });
    expect(ok.out).toMatch(/Response verify OK/);
    expect(ok.status).toBe(0);

    const otherNonce = await respond(rsaCa, rsaResponder, single, { nonce: Buffer.alloc(16, 7) });
    const n = openssl(['ocsp', '-respin', 'resp.der', '-reqin', 'req.der', '-CAfile', 'ca.pem'], { ...files(), 'resp.der': otherNonce, 'req.der': reqDer });
    expect(n.out).toMatch(/Nonce Verify error/);

    const good = await respond(rsaCa, rsaResponder, single, { nonce: req.nonce });
    const changed = Buffer.from(good);
    changed[changed.indexOf(Buffer.from(req.certIds[0].der)) + 10] ^= 1; // inside the signed CertID
    const c = openssl(['ocsp', '-respin', 'resp.der', '-reqin', 'req.der', '-CAfile', 'ca.pem'], { ...files(), 'resp.der': changed, 'req.der': reqDer });
    expect(c.out).toMatch(/Response Verify Failure/);

    // a certificate of the CA without id-kp-OCSPSigning may not answer for it
    const plain = await makeOcspResponder(rsaCa, { extensions: [ext.basicConstraints(false), ext.keyUsage(['digitalSignature'])] });
    const unauth = await respond(rsaCa, plain, single, { nonce: req.nonce });
    const u = openssl(['ocsp', '-respin', 'resp.der', '-reqin', 'req.der', '-CAfile', 'ca.pem'], { ...files(), 'resp.der': unauth, 'req.der': reqDer });
    expect(u.out).toMatch(/Response Verify Failure/);
  });

  it('we read and verify what an OpenSSL responder answers to a three-certificate request', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-ocsp-'));
    try {
      const run = (...args: string[]) => {
        const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
      };
      writeFileSync(join(dir, 'ocsp.ext'), 'extendedKeyUsage=OCSPSigning\n');
      writeFileSync(
        join(dir, 'index.txt'),
        'R\t301231000000Z\t260101000000Z,superseded\t1001\tunknown\t/CN=leaf\nV\t301231000000Z\t\t1002\tunknown\t/CN=other\n',
      );
      run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=OpenSSL CA', '-days', '2',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
      for (const [n, serial, ...extra] of [['leaf', '0x1001'], ['ocsp', '0x2002', '-extfile', 'ocsp.ext']]) {
        run('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${n}.key`, '-out', `${n}.csr`, '-subj', `/CN=${n}`);
        run('x509', '-req', '-in', `${n}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '1', ...extra, '-out', `${n}.pem`);
      }
      run('ocsp', '-sha256', '-issuer', 'ca.pem', '-cert', 'leaf.pem', '-serial', '0x1002', '-serial', '0x3003', '-reqout', 'req.der');
      run('ocsp', '-index', 'index.txt', '-rsigner', 'ocsp.pem', '-rkey', 'ocsp.key', '-CA', 'ca.pem', '-reqin', 'req.der', '-respout', 'resp.der', '-ndays', '1');
      const ca = readFileSync(join(dir, 'ca.pem'));
      const req = parseOcspRequest(readFileSync(join(dir, 'req.der')));
      expect(req.certIds.map(c => c.serialHex)).toEqual(['1001', '1002', '3003']);
      expect(req.certIds.every(c => certIdMatches(c, ca))).toBe(true);
      const r = parseOcspResponse(readFileSync(join(dir, 'resp.der')));
      expect(r.status).toBe('successful');
      const b = r.basic!;
      expect(b.responderId).toMatchObject({ byName: [{ type: 'CN', value: 'ocsp' }] });
      expect(b.responses.map(x => [x.certId.serialHex, x.status])).toEqual([
        ['1001', { revoked: true, revocationTime: new Date('2026-01-01T00:00:00Z'), reason: 4 }],
        ['1002', 'good'],
        ['3003', 'unknown'],
      ]);
      expect(b.responses.map(x => Buffer.from(x.certId.der))).toEqual(req.certIds.map(c => Buffer.from(c.der)));
      expect(Buffer.from(b.nonce!.extnValue)).toEqual(Buffer.from(req.nonce!.extnValue));
      expect(b.certs).toHaveLength(1);
      const responder = parseCertificate(b.certs[0]);
      expect(responder.extKeyUsage).toEqual([OIDS.ocspSigning]);
      expect(verifyOcspResponseSignature(b, responder.publicKey.spki)).toBe(true);
      expect(verifyOcspResponseSignature(b, parseCertificate(ca).publicKey.spki)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('OpenSSL reads our requests and (unverified) our SM2 responses', async () => {
    const id = certIdFor({ issuerCert: rsaCa.cert, serial: serialOf(rsaLeaf.cert), hashAlgorithm: 'SHA-256' });
    const reqDer = await buildOcspRequest({ certIds: [id], nonce: Buffer.alloc(32, 0xab) });
    const r = openssl(['ocsp', '-reqin', 'req.der', '-req_text'], { 'req.der': reqDer });
    expect(r.status).toBe(0);
    expect(r.out).toContain(`Serial Number: ${id.serialHex.toUpperCase()}`);
    expect(r.out).toContain('Hash Algorithm: sha256');
    expect(r.out).toContain(`0420${'AB'.repeat(32)}`);
    const sm2Id = certIdFor({ issuerCert: sm2Ca.cert, serial: serialOf(sm2Leaf.cert), hashAlgorithm: 'SM3' });
    const sm2Resp = await respond(sm2Ca, sm2Responder, [{ certId: sm2Id, status: 'good', thisUpdate: new Date() }]);
    // OpenSSL 3.0 cannot check SM2 OCSP signatures (design §7); it must at least read the response
    const t = openssl(['ocsp', '-respin', 'resp.der', '-resp_text', '-noverify'], { 'resp.der': sm2Resp });
    expect(t.status).toBe(0);
    expect(t.out).toMatch(/Hash Algorithm: sm3[\s\S]*Cert Status: good/);
    expect(t.out).toMatch(/Signature Algorithm: SM2-with-SM3/);
  });
});

describe('BouncyCastle validates our SM2 OCSP responses', () => {
  beforeAll(() => bcCompile());
  const now = () => new Date();

  it('delegated responder: signature, authority, CertIDs of every hash, statuses, reason and nonce', async () => {
    const serial = serialOf(sm2Leaf.cert);
    // BouncyCastle prints a serial as a number: no leading zero digit (one serial in sixteen has one)
    const bcSerial = BigInt(`0x${serial}`).toString(16);
    const ids = (['SHA-1', 'SHA-256', 'SM3'] as const).map(h => certIdFor({ issuerCert: sm2Ca.cert, serial, hashAlgorithm: h }));
    const reqDer = await buildOcspRequest({ certIds: ids, nonce: true });
    const req = parseOcspRequest(reqDer);
    const t = now();
    const resp = await respond(
      sm2Ca,
      sm2Responder,
      [
        { certId: req.certIds[0], status: 'good', thisUpdate: t, nextUpdate: new Date(+t + HOUR) },
        { certId: req.certIds[1], status: { revoked: true, revocationTime: new Date('2026-01-02T03:04:05Z'), reason: 5 }, thisUpdate: t },
        { certId: req.certIds[2], status: 'unknown', thisUpdate: t },
      ],
      { nonce: req.nonce },
    );
    const r = await bcCheck('ocsp-response', ['--issuer', 'ca.pem', '--request', 'req.der', 'resp.der'], {
      files: { 'ca.pem': pem(sm2Ca.cert), 'req.der': reqDer, 'resp.der': resp },
    });
    expect(r.result).toMatchObject({
      ok: true,
      responseStatus: 'successful',
      signatureAlgorithm: OIDS.sm3WithSm2,
      signatureValid: true,
      delegated: true,
      responderAuthorized: true,
      responderNoCheck: true,
      allMatchIssuer: true,
      requestNonceEchoed: true,
      requestCertIdsAnswered: true,
      nonceHex: toHex(req.nonce!.value),
      responses: [
        { serial: bcSerial, hashAlgorithm: OIDS.sha1, matchesIssuer: true, status: 'good' },
        { serial: bcSerial, hashAlgorithm: OIDS.sha256, status: 'revoked', revocationTime: '2026-01-02T03:04:05Z', reason: 'cessationOfOperation' },
        { serial: bcSerial, hashAlgorithm: OIDS.sm3, status: 'unknown', nextUpdate: null },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('CA as responder (byName); fails on a changed byte, a foreign issuer and an unauthorised responder', async () => {
    const id = certIdFor({ issuerCert: sm2Ca.cert, serial: serialOf(sm2Leaf.cert), hashAlgorithm: 'SM3' });
    const single = [{ certId: id, status: 'good' as const, thisUpdate: now() }];
    const byName = await respond(sm2Ca, sm2Ca, single, { responderId: 'byName' });
    const files = { 'ca.pem': pem(sm2Ca.cert), 'resp.der': byName };
    const ok = await bcCheck('ocsp-response', ['--issuer', 'ca.pem', 'resp.der'], { files });
    expect(ok.result).toMatchObject({ ok: true, delegated: false, responderId: expect.stringMatching(/^byName:/) });

    const changed = Buffer.from(byName);
    changed[changed.indexOf(Buffer.from(id.der)) + 8] ^= 1;
    const c = await bcCheck('ocsp-response', ['--issuer', 'ca.pem', 'resp.der'], { files: { ...files, 'resp.der': changed } });
    expect(c).toMatchObject({ ok: false, result: { signatureValid: false } });

    const other = await makeSm2Ca('别的 CA');
    const f = await bcCheck('ocsp-response', ['--issuer', 'other.pem', '--responder', 'ca.pem', 'resp.der'], { files: { ...files, 'other.pem': pem(other.cert) } });
    expect(f.ok).toBe(false);

    const plain = await makeOcspResponder(sm2Ca, { extensions: [ext.basicConstraints(false), ext.keyUsage(['digitalSignature'])] });
    const u = await bcCheck('ocsp-response', ['--issuer', 'ca.pem', 'resp.der'], { files: { ...files, 'resp.der': await respond(sm2Ca, plain, single) } });
    expect(u).toMatchObject({ ok: false, result: { signatureValid: true, responderHasOcspSigning: false, responderAuthorized: false } });
  });

  it('an error response is read as such', async () => {
    const r = await bcCheck('ocsp-response', ['--issuer', 'ca.pem', 'resp.der'], {
      files: { 'ca.pem': pem(sm2Ca.cert), 'resp.der': ocspErrorResponse('tryLater') },
    });
    expect(r).toMatchObject({ ok: false, result: { responseStatus: 'tryLater' } });
  });
});
