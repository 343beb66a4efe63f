/*
 * The reference client (packages/ca-client) against the real CA backend: a soft token enrols for
 * SM2 dual certificates through the API, imports the GM/T 0092 response (opening the enveloped
 * encryption key with its signing key), proves that each key matches its certificate and that
 * BouncyCastle's ciphertext for the encryption certificate decrypts in the token; then its user
 * PIN is locked and unlocked through the unlock service.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { startTestBackend } from '@backstage/backend-test-utils';
import { CaClient, SoftToken } from '@yinxin/ca-client';
import { fromHex, toHex } from '@yinxin/gm';
import { bcCheck } from '@yinxin/pki-interop';
import { caTestFeatures, as } from './testing/caBackend';

jest.setTimeout(300_000);

describe('reference client against the CA backend', () => {
  let stop: () => Promise<void>;
  let base = '';
  const client = (who: string) => new CaClient({ baseUrl: base, token: as(who).replace(/^Bearer /, '') });

  beforeAll(async () => {
    const backend = await startTestBackend({ features: caTestFeatures() });
    stop = () => backend.stop();
    base = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}/api/ca`;
  });
  afterAll(async () => stop?.());

  it('enrols a soft token for dual certificates, imports them, and unlocks its PIN after an identity check', async () => {
    const call = async (who: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: as(who), 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      const json: any = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const subject = await call('ra-entry', 'POST', '/subjects', { kind: 'person', name: '王五', organisation: '省社保局', idType: 'resident-id', idNumber: '11010519491231002X' });
    const file = join(mkdtempSync(join(tmpdir(), 'yinxin-token-')), 'token.json');
    const token = await SoftToken.create(file, { serial: 'USBKEY-0001', userPin: '246810', userRetries: 3, adminRetries: 3, scryptN: 1024 });
    const csrPem = await token.createCsr('246810', [{ type: 'CN', value: '王五' }]);

    const entry = client('ra-entry');
    const app = await entry.submitApplication({ subjectId: subject.id, profile: 'sm2-dual', csrPem, tokenSerial: 'USBKEY-0001' });
    await call('ra-review', 'POST', `/applications/${app.id}/approve`);
    const issued = await call('ra-issue', 'POST', `/applications/${app.id}/issue`);
    expect((await entry.waitForIssued(app.id, { intervalMs: 100, timeoutMs: 10_000 })).status).toBe('issued');
    await token.importIssuance('246810', await entry.getIssuance(app.id));
    const report = await token.check('246810');
    expect(report.ok).toBe(true);
    expect(report.unlockAvailable).toBe(true);

    // BouncyCastle encrypts for the encryption certificate; the token decrypts.
    const encCert = (await call('ra-review', 'GET', `/certificates/${issued.certificateIds[1]}`)).pem;
    const enc = await bcCheck('sm2-encrypt', ['--cert', 'enc.pem', '--hex', Buffer.from('补贴发放名单').toString('hex')], { files: { 'enc.pem': encCert } });
    expect(Buffer.from(await token.decrypt('246810', fromHex(enc.result.cipherHex))).toString()).toBe('补贴发放名单');

    // Lock the user PIN.
    for (let i = 0; i < 3; i++) await token.verifyPin('000000').catch(() => undefined);
    await expect(token.sign('246810', Buffer.from('x'))).rejects.toThrow();

    // A wrong response (another token's challenge) leaves it locked and costs an admin try.
    const challenge = await token.unlockChallenge();
    const req = await entry.requestUnlock({ tokenSerial: 'USBKEY-0001', challenge });
    await call('ra-review', 'POST', `/unlock/${req.id}/verify`, { method: 'in-person', note: '核验身份证原件' });
    const { response } = await entry.unlockResponse(req.id);
    const bogus = toHex(fromHex(response).map((b, i) => (i === 40 ? b ^ 1 : b)));
    await expect(token.unblock(bogus, '135790')).rejects.toThrow();
    expect((await token.status()).adminPin.remaining).toBe(2);
    expect((await token.status()).userPin.locked).toBe(true);
    await expect(token.sign('246810', Buffer.from('x'))).rejects.toThrow();

    // The right response for a fresh challenge resets the PIN.
    const challenge2 = await token.unlockChallenge();
    const req2 = await entry.requestUnlock({ tokenSerial: 'USBKEY-0001', challenge: challenge2 });
    await expect(entry.unlockResponse(req2.id)).rejects.toMatchObject({ code: 'IDENTITY_NOT_VERIFIED' });
    await call('ra-review', 'POST', `/unlock/${req2.id}/verify`, { method: 'in-person', note: '核验身份证原件' });
    await token.unblock((await entry.unlockResponse(req2.id)).response, '135790');
    expect((await token.check('135790')).ok).toBe(true);
    const sig = await token.sign('135790', Buffer.from('签名'));
    const signPem = (await call('ra-review', 'GET', `/certificates/${issued.certificateIds[0]}`)).pem;
    expect((await bcCheck('sm2-verify', ['--cert', 's.pem', '--data-hex', Buffer.from('签名').toString('hex'), '--sig-hex', toHex(sig)], { files: { 's.pem': signPem } })).ok).toBe(true);
  });
});
