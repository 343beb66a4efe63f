import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fromHex,
  parseCertificate,
  parseCsr,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  sm2Verify,
  sm3,
  sm4GcmOpen,
  toHex,
  type NameAttribute,
} from '@yinxin/gm';
import { SoftToken } from './SoftToken';
import { TokenError } from './errors';
import { issueFor, makeTestCa, unlockResponseFor, type TestCa } from './testing/testCa';

const PIN = 'Pin-123456';
const NEW_PIN = 'Neu-654321';
const SUBJECT: NameAttribute[] = [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '某某厅' },
  { type: 'CN', value: '张三' },
];

let dir: string;
let ca: TestCa;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'soft-token-'));
  ca = await makeTestCa();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileName = () => join(dir, `token-${++n}.json`);
const newToken = (opts: { userRetries?: number; adminRetries?: number } = {}) =>
  SoftToken.create(fileName(), { serial: `TK-${1000 + n}`, userPin: PIN, scryptN: 1024, ...opts });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TokenError) return e.code;
    throw e;
  }
  return 'resolved';
}

/** A token with its certificates, encryption key and unlock key imported. */
async function issuedToken(opts: { userRetries?: number; adminRetries?: number } = {}) {
  const token = await newToken(opts);
  const issued = await issueFor(ca, await token.createCsr(PIN, SUBJECT));
  const result = await token.importIssuance(PIN, issued.response);
  return { token, issued, result };
}

async function lockPin(token: SoftToken) {
  for (let i = 0; i < 10; i++) {
    const st = await token.status();
    if (st.userPin.locked) return;
    await token.verifyPin('wrong-pin!');
  }
}

/** The token file without its timestamp: to show that a refused operation changed nothing. */
const stateOf = (token: SoftToken) => {
  const s = JSON.parse(readFileSync(token.file, 'utf8'));
  delete s.updatedAt;
  return s;
};

describe('creation', () => {
  it('writes a 0600 file with a signing key and refuses a second create or a short PIN', async () => {
    const token = await newToken();
    expect(statSync(token.file).mode & 0o777).toBe(0o600);
    const st = await token.status();
    expect(st.signPublicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(st.userPin).toEqual({ maxRetries: 5, remaining: 5, locked: false });
    expect(st.adminPin).toEqual({ maxRetries: 3, remaining: 3, locked: false });
    expect(await codeOf(SoftToken.create(token.file, { serial: 'TK-9999', userPin: PIN, scryptN: 1024 }))).toBe('TOKEN_EXISTS');
    expect(await codeOf(SoftToken.create(fileName(), { serial: 'TK-9998', userPin: '12345', scryptN: 1024 }))).toBe('PIN_POLICY');
    expect(await codeOf(SoftToken.create(fileName(), { serial: 'bad serial!', userPin: PIN, scryptN: 1024 }))).toBe('BAD_INPUT');
    expect((await SoftToken.open(token.file)).serial).toBe(st.serial);
  });

  it('refuses a file that is not a token', async () => {
    const token = await newToken();
    const other = join(dir, 'not-a-token.json');
    require('node:fs').writeFileSync(other, '{"format":"something"}');
    expect(await codeOf(SoftToken.open(other))).toBe('BAD_TOKEN_FILE');
    expect(await codeOf(SoftToken.open(`${token.file}.missing`))).toBe('BAD_TOKEN_FILE');
  });
});

describe('user PIN', () => {
  it('counts wrong PINs, locks at zero and then refuses even the right PIN (SAR_PIN_LOCKED)', async () => {
    const token = await newToken();
    for (let left = 4; left >= 0; left--) {
      expect(await token.verifyPin('wrong-pin!')).toEqual({ ok: false, remaining: left });
    }
    expect((await token.status()).userPin).toEqual({ maxRetries: 5, remaining: 0, locked: true });
    const err = await token.verifyPin(PIN).catch(e => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe('PIN_LOCKED');
    expect(err.skfCode).toBe(0x0a000025);
    expect(await codeOf(token.sign(PIN, Buffer.from('x')))).toBe('PIN_LOCKED');
    expect(await codeOf(token.createCsr(PIN, SUBJECT))).toBe('PIN_LOCKED');
  });

  it('gives the tries back on a right PIN and counts tries of every operation', async () => {
    const token = await newToken({ userRetries: 3 });
    expect(await token.verifyPin('wrong-pin!')).toEqual({ ok: false, remaining: 2 });
    const err = await token.sign('wrong-pin!', Buffer.from('x')).catch(e => e);
    expect(err.code).toBe('PIN_INCORRECT');
    expect(err.remaining).toBe(1);
    expect(err.skfCode).toBe(0x0a000024);
    expect(await token.verifyPin(PIN)).toEqual({ ok: true, remaining: 3 });
    expect((await token.status()).userPin.remaining).toBe(3);
  });

  it('counts concurrent wrong tries from two handles on the same file', async () => {
    const a = await newToken();
    const b = await SoftToken.open(a.file);
    await Promise.all([a.verifyPin('wrong-pin!'), b.verifyPin('wrong-pin!'), a.verifyPin('wrong-pin!')]);
    expect((await b.status()).userPin.remaining).toBe(2);
  });

  it('changes the PIN: the old one stops working, the new one signs', async () => {
    const token = await newToken();
    expect(await codeOf(token.changePin('wrong-pin!', NEW_PIN))).toBe('PIN_INCORRECT');
    expect(await codeOf(token.changePin(PIN, 'short'))).toBe('PIN_POLICY');
    await token.changePin(PIN, NEW_PIN);
    expect(await token.verifyPin(PIN)).toEqual({ ok: false, remaining: 4 });
    const msg = Buffer.from('签名数据');
    const sig = await token.sign(NEW_PIN, msg);
    expect(sm2Verify(fromHex((await token.status()).signPublicKey), msg, sig)).toBe(true);
    expect((await token.status()).userPin.remaining).toBe(5);
  });
});

describe('CSR and signatures', () => {
  it('makes a CSR for the signing key, signed inside the token', async () => {
    const token = await newToken();
    const pem = await token.createCsr(PIN, SUBJECT);
    expect(pem).toContain('-----BEGIN CERTIFICATE REQUEST-----');
    const csr = parseCsr(pem);
    expect(csr.signatureValid).toBe(true);
    expect(csr.subject).toEqual(SUBJECT);
    expect(csr.publicKey.algorithm).toBe('SM2');
    expect(toHex((csr.publicKey as { publicKey: Uint8Array }).publicKey)).toBe((await token.status()).signPublicKey);
  });

  it('signs with the signing key (SM3withSM2)', async () => {
    const token = await newToken();
    const msg = randomBytes(100);
    const sig = await token.sign(PIN, msg);
    const pub = fromHex((await token.status()).signPublicKey);
    expect(sm2Verify(pub, msg, sig)).toBe(true);
    expect(sm2Verify(pub, Buffer.from('other'), sig)).toBe(false);
  });
});

describe('importIssuance', () => {
  it('imports certificates, the enveloped encryption key and the unlock key; keys match certificates', async () => {
    const { token, issued, result } = await issuedToken();
    expect(result.encKeyImported).toBe(true);
    expect(result.unlockKey).toBe('installed');
    expect(result.signCertificate.subject).toBe('C=CN, O=某某厅, CN=张三');
    const report = await token.check(PIN);
    expect(report.ok).toBe(true);
    expect(report.signing).toMatchObject({ present: true, keyPairConsistent: true, matchesCertificate: true, selfTest: true });
    expect(report.encryption).toMatchObject({ present: true, keyPairConsistent: true, matchesCertificate: true, selfTest: true });
    const st = await token.status();
    expect(st.encPublicKey).toBe(toHex(issued.encPair.publicKey));
    expect(st.unlockAvailable).toBe(true);
    expect(st.signCertificate?.serialHex).toBe(parseCertificate(issued.signCertPem).serialHex);
    expect((await token.certificates()).chain).toHaveLength(1);
    // the encryption key decrypts what is sent to the encryption certificate
    const secret = Buffer.from('给张三的信');
    const encCertKey = parseCertificate(issued.encCertPem!).publicKey as { publicKey: Uint8Array };
    expect(Buffer.from(await token.decrypt(PIN, sm2Encrypt(encCertKey.publicKey, secret))).toString()).toBe('给张三的信');
  });

  it('refuses an envelope addressed to another key, and leaves the token unchanged', async () => {
    const token = await newToken();
    const csr = await token.createCsr(PIN, SUBJECT);
    const before = stateOf(token);
    const bad = await issueFor(ca, csr, { envelopeRecipient: sm2GenerateKeyPair().publicKey });
    expect(await codeOf(token.importIssuance(PIN, bad.response))).toBe('KEY_MISMATCH');
    expect(stateOf(token)).toEqual(before);
    expect((await token.status()).encPublicKey).toBeUndefined();
  });

  it('refuses certificates that do not match the keys, unlock keys for another key and garbage', async () => {
    const token = await newToken();
    const csr = await token.createCsr(PIN, SUBJECT);
    const before = stateOf(token);
    const other = sm2GenerateKeyPair().publicKey;
    const cases: [Promise<unknown>, string][] = [
      [issueFor(ca, csr, { signPublicKey: other }), 'KEY_MISMATCH'],
      [issueFor(ca, csr, { encCertPublicKey: other }), 'KEY_MISMATCH'],
      [issueFor(ca, csr, { unlockKeyRecipient: other }), 'KEY_MISMATCH'],
      [issueFor(ca, csr, { noEncCert: true }), 'BAD_RESPONSE'],
      [issueFor(ca, csr, { unlockKey: randomBytes(20) }), 'BAD_RESPONSE'],
      [issueFor(ca, csr, { noEnvelope: true }), 'KEY_MISMATCH'], // encryption certificate without its key
    ];
    for (const [p, code] of cases) {
      const issued = (await p) as Awaited<ReturnType<typeof issueFor>>;
      expect(await codeOf(token.importIssuance(PIN, issued.response))).toBe(code);
    }
    expect(await codeOf(token.importIssuance(PIN, { csrResponse: 'not base64!', certificatesPem: [], chainPem: [] }))).toBe('BAD_RESPONSE');
    expect(await codeOf(token.importIssuance(PIN, { csrResponse: Buffer.from('garbage').toString('base64'), certificatesPem: [], chainPem: [] }))).toBe(
      'BAD_RESPONSE',
    );
    expect(stateOf(token)).toEqual(before);
  });

  it('without an unlock key the token works but cannot be unlocked remotely', async () => {
    const token = await newToken();
    const issued = await issueFor(ca, await token.createCsr(PIN, SUBJECT), { unlockKey: null });
    expect((await token.importIssuance(PIN, issued.response)).unlockKey).toBe('none');
    expect((await token.check(PIN)).ok).toBe(true);
    expect((await token.status()).unlockAvailable).toBe(false);
    expect(await codeOf(token.unlockChallenge())).toBe('UNLOCK_UNAVAILABLE');
  });

  it('a renewal (same keys, no new unlock key) keeps the unlock key; new keys without one drop it', async () => {
    const { token, issued } = await issuedToken();
    const csr = await token.createCsr(PIN, SUBJECT);
    const renewed = await issueFor(ca, csr, { encPair: issued.encPair, noEnvelope: true, unlockKey: null });
    expect((await token.importIssuance(PIN, renewed.response)).unlockKey).toBe('kept');
    // unlock still works with the old K
    await lockPin(token);
    const ch = await token.unlockChallenge();
    await token.unblock(unlockResponseFor(token.serial, ch, issued.unlockKey!), NEW_PIN);
    expect((await token.check(NEW_PIN)).ok).toBe(true);
    const rekeyed = await issueFor(ca, await token.createCsr(NEW_PIN, SUBJECT), { unlockKey: null });
    expect((await token.importIssuance(NEW_PIN, rekeyed.response)).unlockKey).toBe('none');
    expect((await token.status()).unlockAvailable).toBe(false);
  });
});

describe('unlock', () => {
  it('the challenge is a one-time SM2 public key, new every time', async () => {
    const { token } = await issuedToken();
    const a = await token.unlockChallenge();
    const b = await token.unlockChallenge();
    expect(a).toMatch(/^04[0-9a-f]{128}$/);
    expect(b).not.toBe(a);
    expect((await token.status()).pendingChallenge).toBe(b);
  });

  it('a correct response resets the locked PIN to the new one; the keys are the same', async () => {
    const { token, issued } = await issuedToken();
    await lockPin(token);
    expect(await codeOf(token.verifyPin(PIN))).toBe('PIN_LOCKED');
    const challenge = await token.unlockChallenge();
    await token.unblock(unlockResponseFor(token.serial, challenge, issued.unlockKey!), NEW_PIN);
    const st = await token.status();
    expect(st.userPin).toEqual({ maxRetries: 5, remaining: 5, locked: false });
    expect(st.adminPin.remaining).toBe(3);
    expect(st.pendingChallenge).toBeUndefined();
    const msg = Buffer.from('解锁后签名');
    expect(sm2Verify((parseCertificate(issued.signCertPem).publicKey as { publicKey: Uint8Array }).publicKey, msg, await token.sign(NEW_PIN, msg))).toBe(true);
    expect((await token.check(NEW_PIN)).ok).toBe(true);
    expect(await token.verifyPin(PIN)).toEqual({ ok: false, remaining: 4 });
  });

  it('a bad new PIN is refused before anything is spent', async () => {
    const { token, issued } = await issuedToken();
    await lockPin(token);
    const challenge = await token.unlockChallenge();
    const response = unlockResponseFor(token.serial, challenge, issued.unlockKey!);
    expect(await codeOf(token.unblock(response, '123'))).toBe('PIN_POLICY');
    expect((await token.status()).adminPin.remaining).toBe(3);
    await token.unblock(response, NEW_PIN);
    expect((await token.status()).userPin.locked).toBe(false);
  });

  it.each([
    ['a wrong K', (serial: string, ch: string) => unlockResponseFor(serial, ch, randomBytes(16))],
    ['a response bound to another serial', (serial: string, ch: string, k: Uint8Array) => unlockResponseFor(serial, ch, k, { bindSerial: `${serial}X` })],
    ['a wrong magic', (serial: string, ch: string, k: Uint8Array) => unlockResponseFor(serial, ch, k, { magic: 'YXUNLK02' })],
    ['a response to another key', (serial: string, ch: string, k: Uint8Array) => unlockResponseFor(serial, ch, k, { encryptTo: toHex(sm2GenerateKeyPair().publicKey) })],
    ['garbage hex', () => toHex(randomBytes(120))],
    ['not hex', () => 'zz-not-hex'],
    ['an empty response', () => ''],
  ])('%s costs an unlock try and leaves the PIN locked', async (_label, make) => {
    const { token, issued } = await issuedToken();
    await lockPin(token);
    const challenge = await token.unlockChallenge();
    const err = await token.unblock(make(token.serial, challenge, issued.unlockKey!), NEW_PIN).catch(e => e);
    expect(err).toBeInstanceOf(TokenError);
    expect(err.code).toBe('UNLOCK_FAILED');
    expect(err.remaining).toBe(2);
    const st = await token.status();
    expect(st.adminPin).toEqual({ maxRetries: 3, remaining: 2, locked: false });
    expect(st.userPin.locked).toBe(true);
    expect(st.pendingChallenge).toBeUndefined(); // one-time
    expect(await codeOf(token.verifyPin(NEW_PIN))).toBe('PIN_LOCKED');
    // the right response for the discarded challenge no longer works either
    expect(await codeOf(token.unblock(unlockResponseFor(token.serial, challenge, issued.unlockKey!), NEW_PIN))).toBe('UNLOCK_FAILED');
    expect((await token.status()).adminPin.remaining).toBe(1);
  });

  it('a replayed response is refused after success, with or without a new challenge', async () => {
    const { token, issued } = await issuedToken();
    await lockPin(token);
    const challenge = await token.unlockChallenge();
    const response = unlockResponseFor(token.serial, challenge, issued.unlockKey!);
    await token.unblock(response, NEW_PIN);
    await lockPin(token);
    expect(await codeOf(token.unblock(response, 'Other-PIN-1'))).toBe('UNLOCK_FAILED'); // no challenge pending
    await token.unlockChallenge();
    expect(await codeOf(token.unblock(response, 'Other-PIN-1'))).toBe('UNLOCK_FAILED'); // another challenge
    const st = await token.status();
    expect(st.adminPin.remaining).toBe(1);
    expect(st.userPin.locked).toBe(true);
  });

  it('another token with the same K cannot use this token’s response', async () => {
    const k = randomBytes(16);
    const a = await newToken();
    const b = await newToken();
    await a.importIssuance(PIN, (await issueFor(ca, await a.createCsr(PIN, SUBJECT), { unlockKey: k })).response);
    await b.importIssuance(PIN, (await issueFor(ca, await b.createCsr(PIN, SUBJECT), { unlockKey: k })).response);
    const chA = await a.unlockChallenge();
    await b.unlockChallenge();
    // b's own challenge key cannot open a's response; a response for b's challenge bound to a's serial fails too
    expect(await codeOf(b.unblock(unlockResponseFor(a.serial, chA, k), NEW_PIN))).toBe('UNLOCK_FAILED');
    const chB = await b.unlockChallenge();
    expect(await codeOf(b.unblock(unlockResponseFor(a.serial, chB, k, { encryptTo: chB }), NEW_PIN))).toBe('UNLOCK_FAILED');
  });

  it('locks the token for good after the maximum failed unlocks', async () => {
    const { token, issued } = await issuedToken({ adminRetries: 2 });
    await lockPin(token);
    await token.unlockChallenge();
    expect(await codeOf(token.unblock(toHex(randomBytes(100)), NEW_PIN))).toBe('UNLOCK_FAILED');
    await token.unlockChallenge();
    const err = await token.unblock(toHex(randomBytes(100)), NEW_PIN).catch(e => e);
    expect(err.code).toBe('ADMIN_LOCKED');
    expect((await token.status()).adminPin).toEqual({ maxRetries: 2, remaining: 0, locked: true });
    expect(await codeOf(token.unlockChallenge())).toBe('ADMIN_LOCKED');
    // even a correct response is refused now
    const st = JSON.parse(readFileSync(token.file, 'utf8'));
    expect(st.challenge).toBeUndefined();
    expect(await codeOf(token.unblock(unlockResponseFor(token.serial, '04'.padEnd(130, '1'), issued.unlockKey!, { encryptTo: (await token.status()).signPublicKey }), NEW_PIN))).toBe(
      'ADMIN_LOCKED',
    );
    expect((await token.status()).userPin.locked).toBe(true);
    expect(await codeOf(token.verifyPin(PIN))).toBe('PIN_LOCKED');
  });
});

describe('the token file', () => {
  const forms = (b: Uint8Array) => {
    const buf = Buffer.from(b);
    return [buf.toString('hex'), buf.toString('hex').toUpperCase(), buf.toString('base64'), buf.toString('base64url')];
  };

  /** Opens a PIN-sealed value as the documented file format says: scrypt(PIN, salt) → SM4-GCM, AAD = prefix‖serial‖purpose. */
  const openSealed = (file: any, pin: string, purpose: string, sealed: string) =>
    Buffer.from(
      sm4GcmOpen(
        scryptSync(Buffer.from(pin, 'utf8'), Buffer.from(file.kdf.salt, 'base64'), 16, { N: file.kdf.n, r: 8, p: 1 }),
        Buffer.from(sealed, 'base64'),
        Buffer.from(`yinxin-soft-token/1\u0000${file.serial}\u0000${purpose}`, 'utf8'),
      ),
    );

  it('never holds a PIN, K or a private key in hex or base64', async () => {
    const { token, issued } = await issuedToken();
    let f = JSON.parse(readFileSync(token.file, 'utf8'));
    const signD = openSealed(f, PIN, 'sign-key', f.container.signPrivateKey);
    expect(toHex(sm2PublicKeyOf(signD))).toBe(f.container.signPublicKey); // the scan looks for the real key
    const secrets: Uint8Array[] = [signD, issued.encPair.privateKey, issued.unlockKey!];
    const texts: string[] = [PIN, NEW_PIN];
    const scan = () => {
      const text = readFileSync(token.file, 'utf8');
      for (const s of secrets) for (const form of forms(s)) expect(text).not.toContain(form);
      for (const t of texts) {
        expect(text).not.toContain(t);
        for (const form of forms(Buffer.from(t))) expect(text).not.toContain(form);
      }
      expect(text).not.toContain(toHex(sm3(issued.unlockKey!)));
    };
    scan();
    await lockPin(token);
    const challenge = await token.unlockChallenge();
    scan();
    await token.unblock(unlockResponseFor(token.serial, challenge, issued.unlockKey!), NEW_PIN);
    scan();
    await token.changePin(NEW_PIN, 'Third-PIN-1');
    texts.push('Third-PIN-1');
    scan();
    f = JSON.parse(readFileSync(token.file, 'utf8'));
    expect(openSealed(f, 'Third-PIN-1', 'enc-key', f.container.encPrivateKey).equals(Buffer.from(issued.encPair.privateKey))).toBe(true);
    expect(statSync(token.file).mode & 0o777).toBe(0o600);
  });

  it('does not hold the pending challenge key in clear', async () => {
    const { token } = await issuedToken();
    await token.unlockChallenge();
    const f = JSON.parse(readFileSync(token.file, 'utf8'));
    expect(Object.keys(f.challenge).sort()).toEqual(['createdAt', 'privateKey', 'publicKey']);
    expect(Buffer.from(f.challenge.privateKey, 'base64').length).toBe(12 + 32 + 16); // sealed, not 32 bytes of d
  });
});
