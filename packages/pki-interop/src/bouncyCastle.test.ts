import { bcCheck, interopFile, opensslVerify, runOpenssl } from './bouncyCastle';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const files = () => ({
  'ca.pem': interopFile('kona-ca-sm2sm2.crt'),
  'int.pem': interopFile('kona-intca-sm2sm2-sm2sm2.crt'),
  'ee.pem': interopFile('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt'),
  'ee.key': interopFile('kona-ee-sm2sm2-sm2sm2-sm2sm2.key'),
  'int.crl': interopFile('kona-intca-sm2sm2-sm2sm2.crl'),
});

describe('BouncyCastle checker on third-party SM2 files (Tencent Kona)', () => {
  it('validates the whole SM2 chain, and refuses it without the intermediate or with a changed signature', async () => {
    const ok = await bcCheck('chain', ['--anchor', 'ca.pem', 'int.pem', 'ee.pem'], { files: files() });
    expect(ok.ok).toBe(true);
    expect(ok.result.subjects).toHaveLength(2);
    expect((await bcCheck('chain', ['--anchor', 'ca.pem', 'ee.pem'], { files: files() })).ok).toBe(false);
    const pem = files()['ee.pem'].toString('latin1');
    const b64 = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)![1].replace(/\s/g, '');
    const der = Buffer.from(b64, 'base64');
    der[der.length - 3] ^= 1;
    const tampered = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect((await bcCheck('chain', ['--anchor', 'ca.pem', 'int.pem', 'bad.pem'], { files: { ...files(), 'bad.pem': tampered } })).ok).toBe(false);
  });

  it('checks a CRL against its issuer only (the "intca" CRL is signed by the root)', async () => {
    const good = await bcCheck('crl', ['--issuer', 'ca.pem', 'int.crl'], { files: files() });
    expect(good.ok).toBe(true);
    expect(good.result.entries).toBe(1);
    expect((await bcCheck('crl', ['--issuer', 'int.pem', 'int.crl'], { files: files() })).ok).toBe(false);
  });

  it('matches key and certificate, and round-trips GM/T 0009 SM2 ciphertext', async () => {
    expect((await bcCheck('key-matches', ['--key', 'ee.key', '--cert', 'ee.pem'], { files: files() })).ok).toBe(true);
    expect((await bcCheck('key-matches', ['--key', 'ee.key', '--cert', 'int.pem'], { files: files() })).ok).toBe(false);
    const enc = await bcCheck('sm2-encrypt', ['--cert', 'ee.pem', '--hex', Buffer.from('印信').toString('hex')], { files: files() });
    expect(enc.result.cipherHex.startsWith('30')).toBe(true);
    const dec = await bcCheck('sm2-decrypt', ['--key', 'ee.key', '--hex', enc.result.cipherHex], { files: files() });
    expect(Buffer.from(dec.result.plainHex, 'hex').toString()).toBe('印信');
  });

  it('verifies the Kona chain link by link in OpenSSL 3.0 with the SM2 options', async () => {
    const f = files();
    expect((await opensslVerify({ caPem: f['ca.pem'].toString(), certPem: f['int.pem'].toString(), sm2: true })).ok).toBe(true);
    expect((await opensslVerify({ caPem: f['int.pem'].toString(), certPem: f['ee.pem'].toString(), sm2: true })).ok).toBe(true);
    expect((await opensslVerify({ caPem: f['ca.pem'].toString(), certPem: f['ee.pem'].toString(), sm2: true })).ok).toBe(false);
  });
});

describe('RSA with both checkers', () => {
  it('accepts an openssl-made RSA chain and CSR, and refuses a foreign root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-rsa-chain-'));
    const o = (args: string[]) => runOpenssl(args, dir);
    await o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Root', '-keyout', 'root.key', '-out', 'root.pem', '-days', '3', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await o(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Other', '-keyout', 'other.key', '-out', 'other.pem', '-days', '3']);
    await o(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Leaf', '-keyout', 'leaf.key', '-out', 'leaf.csr']);
    await o(['x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '2']);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    expect((await opensslVerify({ caPem: read('root.pem'), certPem: read('leaf.pem') })).ok).toBe(true);
    expect((await opensslVerify({ caPem: read('other.pem'), certPem: read('leaf.pem') })).ok).toBe(false);
    expect((await bcCheck('chain', ['--anchor', 'root.pem', 'leaf.pem'], { files: { 'root.pem': read('root.pem'), 'leaf.pem': read('leaf.pem') } })).ok).toBe(true);
    expect((await bcCheck('chain', ['--anchor', 'other.pem', 'leaf.pem'], { files: { 'other.pem': read('other.pem'), 'leaf.pem': read('leaf.pem') } })).ok).toBe(false);
    expect((await bcCheck('csr', ['leaf.csr'], { files: { 'leaf.csr': read('leaf.csr') } })).ok).toBe(true);
  });
});
