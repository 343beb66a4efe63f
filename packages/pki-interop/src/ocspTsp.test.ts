import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bcCheck, bcCompile } from './bouncyCastle';
import { interopFile, interopPath } from './interop';
import { runOpenssl } from './openssl';
import { scratchDir } from './testUtil';

jest.setTimeout(120_000);

// The new subcommands checked on artifacts that yinxin did not make: RFC 3161 tokens from the
// esig/dss test corpus and an OCSP response from OpenSSL acting as responder.

const s = scratchDir('ocsp-tsp');
const o = async (...args: string[]) => {
  const r = await runOpenssl(args, undefined, { cwd: s.dir });
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r;
};
const file = (name: string) => join(s.dir, name);
const pemBlocks = (text: string) =>
  text.match(
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
  ) ?? [];

beforeAll(async () => {
  await bcCompile();
  // The TSA certificate of each DSS token (picked by subject from the certificates it carries)
  for (const [token, out] of [
    ['dss-archive_timestamp.tst', 'dss-archive-tsa.pem'],
    ['dss-d-trust.tsr', 'd-trust-tsa.pem'],
  ]) {
    const certs = await runOpenssl(
      ['pkcs7', '-inform', 'DER', '-print_certs'],
      interopFile(token),
    );
    const entry = certs.stdout
      .split(/\n(?=subject=)/)
      .find(e => /^subject=.*(CN = TSA|TSU)/.test(e));
    const [pem] = pemBlocks(entry ?? '');
    if (!pem) throw new Error(`no TSA certificate in ${token}`);
    writeFileSync(file(out), pem);
  }

  // A small OpenSSL PKI and an OpenSSL OCSP responder
  await o(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=Interop OCSP CA',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  writeFileSync(file('ocsp.ext'), 'extendedKeyUsage=OCSPSigning\n');
  for (const [name, serial, extra] of [
    ['leaf', '0x1001', []],
    ['other', '0x1002', []],
    ['ocsp', '0x2002', ['-extfile', 'ocsp.ext']],
  ] as const) {
    await o(
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    );
    await o(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      serial,
      '-days',
      '1',
      ...extra,
      '-out',
      `${name}.pem`,
    );
  }
  writeFileSync(
    file('index.txt'),
    'R\t301231000000Z\t260101000000Z,keyCompromise\t1001\tunknown\t/CN=leaf\n' +
      'V\t301231000000Z\t\t1002\tunknown\t/CN=other\n',
  );
  await o(
    'ocsp',
    '-issuer',
    'ca.pem',
    '-cert',
    'leaf.pem',
    '-cert',
    'other.pem',
    '-serial',
    '0x3003',
    '-reqout',
    'req.der',
  );
  await o(
    'ocsp',
    '-index',
    'index.txt',
    '-rsigner',
    'ocsp.pem',
    '-rkey',
    'ocsp.key',
    '-CA',
    'ca.pem',
    '-reqin',
    'req.der',
    '-respout',
    'resp.der',
    '-ndays',
    '1',
  );
  await o(
    'ocsp',
    '-issuer',
    'ca.pem',
    '-cert',
    'leaf.pem',
    '-reqout',
    'req2.der',
  );
});
afterAll(() => s.cleanup());

describe('tsp-token on third-party tokens (esig/dss)', () => {
  it('validates the DSS archive timestamp (RSA, fractional genTime, nonce) and prints its TSTInfo', async () => {
    const r = await bcCheck('tsp-token', [
      '--tsa-cert',
      file('dss-archive-tsa.pem'),
      interopPath('dss-archive_timestamp.tst'),
    ]);
    expect(r.result).toMatchObject({
      ok: true,
      input: 'TimeStampToken',
      contentType: '1.2.840.113549.1.7.2',
      genTime: '2016-11-28T13:16:26.266Z',
      genTimeText: '20161128131626.266Z',
      serial: '34979aca3c4bf2',
      policy: '1.3.6.1.4.1.2706.2.2.5.2.1.1.1',
      nonce: '8c56fb2415bd274b',
      accuracy: { seconds: 1, millis: 1, micros: 1 },
      signingCertificateV2: true,
      essHashAlgorithmEncoded: false,
      valid: true,
    });
  });

  it('validates the D-Trust token (RSASSA-PSS); refuses another TSA certificate and a changed byte', async () => {
    const ok = await bcCheck('tsp-token', [
      '--tsa-cert',
      file('d-trust-tsa.pem'),
      interopPath('dss-d-trust.tsr'),
    ]);
    expect(ok.result).toMatchObject({
      ok: true,
      signatureAlgorithm: '1.2.840.113549.1.1.10',
      valid: true,
    });
    expect(ok.result.tsa).toMatch(/CN=D-TRUST TSU 12 2017/);

    const wrong = await bcCheck('tsp-token', [
      '--tsa-cert',
      file('d-trust-tsa.pem'),
      interopPath('dss-archive_timestamp.tst'),
    ]);
    expect(wrong).toMatchObject({
      ok: false,
      exitCode: 1,
      result: { valid: false },
    });
    expect(wrong.result.error).toMatch(/certificate hash does not match/);

    const changed = Buffer.from(interopFile('dss-archive_timestamp.tst'));
    changed[changed.indexOf(Buffer.from('20161128131626.266Z'))] ^= 1;
    const c = await bcCheck(
      'tsp-token',
      ['--tsa-cert', file('dss-archive-tsa.pem'), 'tst.der'],
      { files: { 'tst.der': changed } },
    );
    expect(c).toMatchObject({ ok: false, result: { valid: false } });
  });

  it('--data-hex compares the imprint', async () => {
    const r = await bcCheck('tsp-token', [
      '--tsa-cert',
      file('dss-archive-tsa.pem'),
      '--data-hex',
      '00',
      interopPath('dss-archive_timestamp.tst'),
    ]);
    expect(r).toMatchObject({
      ok: false,
      result: { valid: true, imprintMatchesData: false },
    });
  });
});

describe('ocsp-response on an OpenSSL responder', () => {
  it('reads every status and checks signature, delegation, nonce and CertIDs', async () => {
    const r = await bcCheck('ocsp-response', [
      '--issuer',
      file('ca.pem'),
      '--request',
      file('req.der'),
      file('resp.der'),
    ]);
    expect(r.result).toMatchObject({
      ok: true,
      responseStatus: 'successful',
      signatureValid: true,
      delegated: true,
      responderAuthorized: true,
      responderHasOcspSigning: true,
      allMatchIssuer: true,
      requestNonceEchoed: true,
      requestCertIdsAnswered: true,
      responses: [
        {
          serial: '1001',
          status: 'revoked',
          reason: 'keyCompromise',
          revocationTime: '2026-01-01T00:00:00Z',
        },
        { serial: '1002', status: 'good' },
        { serial: '3003', status: 'unknown' },
      ],
    });
    expect(r.result.nonceHex).toMatch(/^[0-9a-f]{32}$/);
  });

  it('fails for another request (nonce), another issuer, and a changed byte', async () => {
    const other = await bcCheck('ocsp-response', [
      '--issuer',
      file('ca.pem'),
      '--request',
      file('req2.der'),
      file('resp.der'),
    ]);
    expect(other).toMatchObject({
      ok: false,
      result: { signatureValid: true, requestNonceEchoed: false },
    });

    const issuer = await bcCheck('ocsp-response', [
      '--issuer',
      file('leaf.pem'),
      '--responder',
      file('ocsp.pem'),
      file('resp.der'),
    ]);
    expect(issuer).toMatchObject({
      ok: false,
      result: { allMatchIssuer: false, responderAuthorized: false },
    });

    const der = readFileSync(file('resp.der'));
    der[der.indexOf(Buffer.from('02021001', 'hex')) + 3] ^= 1; // CertID serial 0x1001 -> 0x1000, inside the signed data
    const c = await bcCheck(
      'ocsp-response',
      ['--issuer', file('ca.pem'), 'resp.der'],
      { files: { 'resp.der': der } },
    );
    expect(c).toMatchObject({ ok: false, result: { signatureValid: false } });
  });
});

describe('usage errors of the new subcommands', () => {
  it('throw instead of reporting a failed check', async () => {
    await expect(bcCheck('ocsp-response', [file('resp.der')])).rejects.toThrow(
      /--issuer is required/,
    );
    await expect(
      bcCheck('ocsp-response', ['--issuer', file('ca.pem')]),
    ).rejects.toThrow(/usage: ocsp-response/);
    await expect(
      bcCheck('ocsp-response', ['--issuer', 'missing.pem', file('resp.der')]),
    ).rejects.toThrow(/no such file/);
    await expect(
      bcCheck('ocsp-response', [
        '--issuer',
        file('ca.pem'),
        '--nonce',
        'x',
        file('resp.der'),
      ]),
    ).rejects.toThrow(/unknown option --nonce/);
    await expect(
      bcCheck('tsp-token', [interopPath('dss-d-trust.tsr')]),
    ).rejects.toThrow(/--tsa-cert is required/);
    await expect(
      bcCheck('tsp-token', ['--tsa-cert', file('d-trust-tsa.pem')]),
    ).rejects.toThrow(/usage: tsp-token/);
    await expect(
      bcCheck('tsp-token', [
        '--tsa-cert',
        file('d-trust-tsa.pem'),
        '--data-hex',
        'xyz',
        interopPath('dss-d-trust.tsr'),
      ]),
    ).rejects.toThrow(/--data-hex is not hex/);
    // --request needs a TimeStampResp, not a bare token
    await expect(
      bcCheck('tsp-token', [
        '--tsa-cert',
        file('d-trust-tsa.pem'),
        '--request',
        file('req.der'),
        interopPath('dss-d-trust.tsr'),
      ]),
    ).rejects.toThrow(/--request needs a TimeStampResp/);
  });

  it('lists the new subcommands in the usage of an unknown one', async () => {
    await expect(bcCheck('ocsp', [])).rejects.toThrow(
      /ocsp-response --issuer ISSUER-CERT.*tsp-token --tsa-cert CERT/,
    );
  });
});
