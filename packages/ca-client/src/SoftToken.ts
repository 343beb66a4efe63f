import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import {
  GmError,
  buildCsr,
  fromHex,
  hmacSm3,
  nameToString,
  openSm2EnvelopedKey,
  parseCertificate,
  parseCsrResponse,
  pemEncode,
  sm2Decrypt,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Signer,
  sm2Verify,
  sm3,
  sm4GcmOpen,
  sm4GcmSeal,
  toHex,
  verifyCertificateSignature,
  type CertificateInfo,
  type NameAttribute,
  type Sm2KeyPair,
} from '@yinxin/gm';
import type { IssuanceResponse } from '@yinxin/plugin-ca-common';
import { TokenError } from './errors';
import { withFileLock, writeFileAtomic } from './tokenFile';

/** Marker that starts the plaintext of a CA unlock response (protocol version 1). */
export const UNLOCK_RESPONSE_MAGIC = 'YXUNLK01';

/** Token serials the CA accepts. */
const SERIAL_RE = /^[0-9A-Za-z-]{4,64}$/;
/** The user PIN: 6 (GM/T 0016 §8.2.4) to 64 characters. */
const PIN_MIN = 6;
const PIN_MAX = 64;
/** scrypt cost: default N = 2^15 (32 MiB, about 0.1 s), accepted range for files 2^10 … 2^20. */
const SCRYPT_DEFAULT_N = 1 << 15;
const SCRYPT_MIN_N = 1 << 10;
const SCRYPT_MAX_N = 1 << 20;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const MAX_FILE_BYTES = 256 * 1024;

const FORMAT = 'yinxin-soft-token';
const AAD_PREFIX = 'yinxin-soft-token/1';

/** Retry counter of a PIN (GM/T 0016 SKF_GetPINInfo). */
export interface PinInfo {
  maxRetries: number;
  remaining: number;
  locked: boolean;
}

/** Options of {@link SoftToken.create}. */
export interface SoftTokenCreateOptions {
  /** Token serial (4–64 of `0-9 A-Z a-z -`), what the CA registers the token under. */
  serial: string;
  /** The first user PIN, 6–64 characters. */
  userPin: string;
  /** Wrong user PINs before the PIN locks (1–15, default 5). */
  userRetries?: number;
  /** Failed unlock attempts before the token is locked for good (1–15, default 3). */
  adminRetries?: number;
  /** scrypt cost N (power of two, 2^10–2^20; default 2^15). Lower values are for tests only. */
  scryptN?: number;
}

/** A certificate on the token, as {@link SoftToken.status} describes it. */
export interface TokenCertificateInfo {
  serialHex: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

/** What anyone can read from a token without its PIN (SKF_GetPINInfo, SKF_ExportCertificate). */
export interface SoftTokenStatus {
  serial: string;
  userPin: PinInfo;
  /** The unlock (administrator) counter: failed unlock responses before the token is dead. */
  adminPin: PinInfo;
  /** Signing public key, 65 bytes hex (04‖x‖y). */
  signPublicKey: string;
  /** Encryption public key after import, hex. */
  encPublicKey?: string;
  signCertificate?: TokenCertificateInfo;
  encCertificate?: TokenCertificateInfo;
  /** Whether the token holds an unlock key (a CA unlock response can reset its PIN). */
  unlockAvailable: boolean;
  /** The pending challenge (one-time public key, hex), if an unlock is under way. */
  pendingChallenge?: string;
}

/** The result of verifying the user PIN. */
export interface PinVerifyResult {
  ok: boolean;
  /** Tries left after this attempt (the maximum after a right PIN). */
  remaining: number;
}

/** What {@link SoftToken.importIssuance} installed. */
export interface ImportResult {
  signCertificate: TokenCertificateInfo;
  encCertificate?: TokenCertificateInfo;
  /** Whether an encryption key pair was imported from the SM2EnvelopedKey. */
  encKeyImported: boolean;
  /**
   * `installed`: a new unlock key from the CA; `kept`: the keys did not change and the old unlock
   * key still works; `none`: the token cannot be unlocked remotely.
   */
  unlockKey: 'installed' | 'kept' | 'none';
}

/** One key's self-check in {@link SoftToken.check}. */
export interface KeyCheck {
  present: boolean;
  /** The private key's public key equals the stored public key. */
  keyPairConsistent: boolean;
  certificatePresent: boolean;
  /** The certificate's public key equals the key's. */
  matchesCertificate: boolean;
  /** A signature (signing key) or an encryption (encryption key) round trip with the certificate's key. */
  selfTest: boolean;
  certificate?: TokenCertificateInfo;
}

/** Report of {@link SoftToken.check}. */
export interface TokenCheckReport {
  serial: string;
  signing: KeyCheck;
  encryption: KeyCheck;
  unlockAvailable: boolean;
  /** The signing key checks out, and the encryption key too when the token has one. */
  ok: boolean;
}

/* ---------------------------------------------------------------------------------------------
 * The file. Public values are hex or PEM; everything secret is SM4-GCM sealed (base64 of
 * IV ‖ ciphertext ‖ tag). Nothing in it is a PIN, the unlock key K or a private key in clear.
 */
interface TokenState {
  format: typeof FORMAT;
  version: 1;
  serial: string;
  createdAt: string;
  updatedAt: string;
  /** Derivation of the PIN key; the salt changes whenever the keys are re-sealed. */
  kdf: { alg: 'scrypt'; n: number; r: number; p: number; salt: string };
  userPin: PinInfo;
  adminPin: PinInfo;
  container: {
    name: string;
    signPublicKey: string;
    /** Signing private key sealed under the PIN key. */
    signPrivateKey: string;
    signCertificate?: string;
    encPublicKey?: string;
    /** Encryption private key sealed under the PIN key. */
    encPrivateKey?: string;
    encCertificate?: string;
    chain: string[];
  };
  /** Administrator copies sealed under a key derived from K; `check` = HMAC-SM3(K, "check"). */
  unlock?: { check: string; signPrivateKey: string; encPrivateKey?: string; installedAt: string };
  /** One-time challenge key pair of an unlock under way. */
  challenge?: { publicKey: string; privateKey: string; createdAt: string };
}

type Purpose = 'sign-key' | 'enc-key' | 'admin-sign-key' | 'admin-enc-key' | 'challenge-key';

function aad(serial: string, purpose: Purpose): Buffer {
  return Buffer.from(`${AAD_PREFIX}\u0000${serial}\u0000${purpose}`, 'utf8');
}

function seal(key: Uint8Array, serial: string, purpose: Purpose, secret: Uint8Array): string {
  return Buffer.from(sm4GcmSeal(key, secret, aad(serial, purpose))).toString('base64');
}

function unseal(key: Uint8Array, serial: string, purpose: Purpose, sealed: string): Buffer {
  return Buffer.from(sm4GcmOpen(key, Buffer.from(sealed, 'base64'), aad(serial, purpose)));
}

function scrypt(pin: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      Buffer.from(pin.normalize('NFC'), 'utf8'),
      salt,
      16,
      { N: n, r: SCRYPT_R, p: SCRYPT_P, maxmem: 256 * n * SCRYPT_R + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** SM4 key for the administrator copies. */
function adminSealKey(k: Uint8Array): Buffer {
  return Buffer.from(hmacSm3(k, Buffer.from('yinxin-soft-token/admin-seal', 'utf8'))).subarray(0, 16);
}

/** What identifies K in the file: HMAC-SM3(K, "check"). */
function unlockCheck(k: Uint8Array): string {
  return toHex(hmacSm3(k, Buffer.from('check', 'utf8')));
}

/**
 * Wrapping key of the pending challenge's private key. A soft token has no secure element and,
 * while its PIN is locked, no secret to protect it with: this keeps the key out of the file in
 * clear, but anyone who can read the file can unwrap it. File permissions protect it, as they
 * protect the sealed keys against offline PIN guessing.
 */
function challengeWrapKey(st: TokenState): Buffer {
  return Buffer.from(sm3(Buffer.from(`${AAD_PREFIX}\u0000${st.serial}\u0000${st.kdf.salt}\u0000challenge`, 'utf8'))).subarray(0, 16);
}

/**
 * Checks a new user PIN against the token's rules: 6 to 64 characters (GM/T 0016 §8.2.4), no
 * control characters. Throws `PIN_POLICY`.
 * @param pin - the candidate PIN
 */
export function validatePin(pin: unknown): asserts pin is string {
  checkPinPolicy(pin, 'The PIN');
}

function checkPinPolicy(pin: unknown, what: string): asserts pin is string {
  if (typeof pin !== 'string') throw new TokenError('PIN_POLICY', `${what} must be text`);
  const n = [...pin.normalize('NFC')].length;
  if (n < PIN_MIN || n > PIN_MAX) {
    throw new TokenError('PIN_POLICY', `${what} must have ${PIN_MIN} to ${PIN_MAX} characters (GM/T 0016 §8.2.4)`);
  }
  if (/[\u0000-\u001f\u007f]/.test(pin)) throw new TokenError('PIN_POLICY', `${what} must not contain control characters`);
}

function checkRetries(v: number | undefined, dflt: number, what: string): number {
  const n = v ?? dflt;
  if (!Number.isInteger(n) || n < 1 || n > 15) throw new TokenError('BAD_INPUT', `${what} must be an integer from 1 to 15`);
  return n;
}

function certInfo(c: CertificateInfo): TokenCertificateInfo {
  return {
    serialHex: c.serialHex,
    subject: nameToString(c.subject),
    issuer: nameToString(c.issuer),
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
  };
}

function sm2KeyOf(c: CertificateInfo): Uint8Array | undefined {
  return c.publicKey.algorithm === 'SM2' ? c.publicKey.publicKey : undefined;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && a.length === b.length && timingSafeEqual(a, b);
}

function wipe(...bufs: (Uint8Array | undefined)[]) {
  for (const b of bufs) b?.fill(0);
}

function isPinState(v: any): v is PinInfo {
  return (
    v &&
    Number.isInteger(v.maxRetries) &&
    v.maxRetries >= 1 &&
    v.maxRetries <= 15 &&
    Number.isInteger(v.remaining) &&
    v.remaining >= 0 &&
    v.remaining <= v.maxRetries &&
    typeof v.locked === 'boolean'
  );
}

function parseState(text: string, file: string): TokenState {
  let st: any;
  try {
    st = JSON.parse(text);
  } catch {
    throw new TokenError('BAD_TOKEN_FILE', `${file} is not a token file (not JSON)`);
  }
  const ok =
    st &&
    st.format === FORMAT &&
    st.version === 1 &&
    typeof st.serial === 'string' &&
    SERIAL_RE.test(st.serial) &&
    st.kdf?.alg === 'scrypt' &&
    Number.isInteger(st.kdf.n) &&
    st.kdf.n >= SCRYPT_MIN_N &&
    st.kdf.n <= SCRYPT_MAX_N &&
    (st.kdf.n & (st.kdf.n - 1)) === 0 &&
    st.kdf.r === SCRYPT_R &&
    st.kdf.p === SCRYPT_P &&
    typeof st.kdf.salt === 'string' &&
    isPinState(st.userPin) &&
    isPinState(st.adminPin) &&
    typeof st.container?.signPublicKey === 'string' &&
    typeof st.container?.signPrivateKey === 'string' &&
    Array.isArray(st.container?.chain);
  if (!ok) throw new TokenError('BAD_TOKEN_FILE', `${file} is not a version 1 yinxin soft token`);
  return st as TokenState;
}

/** Keys available to an operation after the user PIN was verified. */
interface Session {
  pinKey: Buffer;
  sign: Sm2KeyPair;
  /** Opens the encryption key (undefined when none was imported). */
  enc(): Sm2KeyPair | undefined;
}

/**
 * A file-based SM2 soft token modelled on a GM/T 0016 (SKF) USB key: one application with a user
 * PIN and an administrator (unlock) counter, one SM2 container with a signing key pair generated
 * inside the token, an encryption key pair imported from the CA's SM2EnvelopedKey (GM/T 0009,
 * opened with the signing key as `SKF_ImportECCKeyPair` does), and both certificates.
 *
 * The file (mode 0600, written atomically, changes serialised by a lock file) holds the private
 * keys sealed with SM4-GCM under a key derived from the user PIN (scrypt, per-token salt), and an
 * administrator copy sealed under a key derived from the token's unlock key K, which the CA
 * delivers at issuance (SM2-encrypted to the signing key) and releases again, encrypted to a
 * one-time challenge key, when an RA officer has verified the holder's identity. K itself is not
 * stored; only HMAC-SM3(K, "check") is.
 *
 * Every method re-reads the file, so several instances (or processes) on one file agree.
 *
 * @remarks
 * A soft token is a reference and test implementation, not a secure element: whoever copies the
 * file can guess PINs offline, bypassing the retry counter. Use hardware tokens for real keys.
 */
export class SoftToken {
  private constructor(
    /** Path of the token file. */
    readonly file: string,
    /** Serial of the token. */
    readonly serial: string,
  ) {}

  /**
   * Initialises a new token file (which must not exist) and generates the signing key pair in it.
   * @param file - path of the new token file
   * @param opts - serial, first user PIN, retry counters
   * @returns the token
   */
  static async create(file: string, opts: SoftTokenCreateOptions): Promise<SoftToken> {
    if (typeof opts.serial !== 'string' || !SERIAL_RE.test(opts.serial)) {
      throw new TokenError('BAD_INPUT', 'The serial must be 4 to 64 characters of 0-9, A-Z, a-z and -');
    }
    checkPinPolicy(opts.userPin, 'The user PIN');
    const userRetries = checkRetries(opts.userRetries, 5, 'userRetries');
    const adminRetries = checkRetries(opts.adminRetries, 3, 'adminRetries');
    const n = opts.scryptN ?? SCRYPT_DEFAULT_N;
    if (!Number.isInteger(n) || n < SCRYPT_MIN_N || n > SCRYPT_MAX_N || (n & (n - 1)) !== 0) {
      throw new TokenError('BAD_INPUT', 'scryptN must be a power of two from 2^10 to 2^20');
    }
    const abs = path.resolve(file);
    return withFileLock(abs, async () => {
      if (await fsp.stat(abs).catch(() => undefined)) {
        throw new TokenError('TOKEN_EXISTS', `${abs} exists already; a token is initialised once`);
      }
      const salt = randomBytes(16);
      const pinKey = await scrypt(opts.userPin, salt, n);
      const pair = sm2GenerateKeyPair();
      const now = new Date().toISOString();
      const st: TokenState = {
        format: FORMAT,
        version: 1,
        serial: opts.serial,
        createdAt: now,
        updatedAt: now,
        kdf: { alg: 'scrypt', n, r: SCRYPT_R, p: SCRYPT_P, salt: salt.toString('base64') },
        userPin: { maxRetries: userRetries, remaining: userRetries, locked: false },
        adminPin: { maxRetries: adminRetries, remaining: adminRetries, locked: false },
        container: {
          name: 'SM2',
          signPublicKey: toHex(pair.publicKey),
          signPrivateKey: seal(pinKey, opts.serial, 'sign-key', pair.privateKey),
          chain: [],
        },
      };
      wipe(pinKey, pair.privateKey);
      await writeFileAtomic(abs, `${JSON.stringify(st, null, 2)}\n`);
      return new SoftToken(abs, opts.serial);
    });
  }

  /**
   * Opens an existing token file.
   * @param file - path of the token file
   * @returns the token
   */
  static async open(file: string): Promise<SoftToken> {
    const abs = path.resolve(file);
    const st = await SoftToken.read(abs);
    return new SoftToken(abs, st.serial);
  }

  private static async read(file: string): Promise<TokenState> {
    let text: string;
    try {
      const s = await fsp.stat(file);
      if (s.size > MAX_FILE_BYTES) throw new TokenError('BAD_TOKEN_FILE', `${file} is too large for a token file`);
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      if (e instanceof TokenError) throw e;
      throw new TokenError('BAD_TOKEN_FILE', `Cannot read the token file ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    return parseState(text, file);
  }

  /** Runs `fn` on the current state under the lock; `commit` writes the state. */
  private async mutate<T>(fn: (st: TokenState, commit: () => Promise<void>) => Promise<T>): Promise<T> {
    return withFileLock(this.file, async () => {
      const st = await SoftToken.read(this.file);
      if (st.serial !== this.serial) throw new TokenError('BAD_TOKEN_FILE', `${this.file} now holds another token`);
      const commit = async () => {
        st.updatedAt = new Date().toISOString();
        await writeFileAtomic(this.file, `${JSON.stringify(st, null, 2)}\n`);
      };
      return fn(st, commit);
    });
  }

  /**
   * Verifies the user PIN like a smart card: the try is counted (and written) before the PIN is
   * checked, and given back when it was right. Throws `PIN_LOCKED` when locked, whatever the PIN.
   */
  private async login(st: TokenState, commit: () => Promise<void>, pin: string): Promise<Session | PinVerifyResult> {
    if (st.userPin.locked || st.userPin.remaining <= 0) {
      throw new TokenError('PIN_LOCKED', 'The user PIN is locked; ask the RA desk to unlock the token', { remaining: 0 });
    }
    if (typeof pin !== 'string') throw new TokenError('BAD_INPUT', 'The PIN must be text');
    st.userPin.remaining -= 1;
    await commit();
    const pinKey = await scrypt(pin, Buffer.from(st.kdf.salt, 'base64'), st.kdf.n);
    let d: Buffer;
    try {
      d = unseal(pinKey, st.serial, 'sign-key', st.container.signPrivateKey);
    } catch {
      wipe(pinKey);
      if (st.userPin.remaining === 0) st.userPin.locked = true;
      await commit();
      return { ok: false, remaining: st.userPin.remaining };
    }
    st.userPin.remaining = st.userPin.maxRetries;
    await commit();
    const signPub = fromHex(st.container.signPublicKey);
    if (!sameBytes(sm2PublicKeyOf(d), signPub)) {
      throw new TokenError('BAD_TOKEN_FILE', 'The signing key in the token file does not match its public key');
    }
    return {
      pinKey,
      sign: { privateKey: d, publicKey: signPub },
      enc: () => {
        if (!st.container.encPrivateKey || !st.container.encPublicKey) return undefined;
        const e = unseal(pinKey, st.serial, 'enc-key', st.container.encPrivateKey);
        return { privateKey: e, publicKey: fromHex(st.container.encPublicKey) };
      },
    };
  }

  /** Runs `fn` with the keys after a successful PIN check; throws PIN_INCORRECT otherwise. */
  private async withUser<T>(pin: string, fn: (st: TokenState, s: Session, commit: () => Promise<void>) => Promise<T>): Promise<T> {
    return this.mutate(async (st, commit) => {
      const r = await this.login(st, commit, pin);
      if ('ok' in r) {
        throw new TokenError(
          'PIN_INCORRECT',
          r.remaining > 0 ? `Wrong PIN; ${r.remaining} tries left` : 'Wrong PIN; the PIN is now locked',
          { remaining: r.remaining },
        );
      }
      try {
        return await fn(st, r, commit);
      } finally {
        wipe(r.pinKey, r.sign.privateKey);
      }
    });
  }

  /**
   * PIN counters, public keys and certificates: what anyone can read without the PIN.
   * @returns the status
   */
  async status(): Promise<SoftTokenStatus> {
    const st = await SoftToken.read(this.file);
    const cert = (pem?: string) => (pem ? certInfo(parseCertificate(pem)) : undefined);
    return {
      serial: st.serial,
      userPin: { ...st.userPin },
      adminPin: { ...st.adminPin },
      signPublicKey: st.container.signPublicKey,
      encPublicKey: st.container.encPublicKey,
      signCertificate: cert(st.container.signCertificate),
      encCertificate: cert(st.container.encCertificate),
      unlockAvailable: !!st.unlock && !st.adminPin.locked,
      pendingChallenge: st.challenge?.publicKey,
    };
  }

  /**
   * The certificates on the token, PEM: signing, encryption and the issuing chain.
   * @returns the PEM certificates present
   */
  async certificates(): Promise<{ sign?: string; enc?: string; chain: string[] }> {
    const st = await SoftToken.read(this.file);
    return { sign: st.container.signCertificate, enc: st.container.encCertificate, chain: [...st.container.chain] };
  }

  /**
   * SKF_VerifyPIN: a wrong PIN costs one try and returns the tries left; at 0 the PIN locks. A
   * right PIN restores the counter. A locked PIN throws `PIN_LOCKED`, even when it is right.
   * @param pin - the user PIN
   * @returns whether it was right, and the tries left
   */
  async verifyPin(pin: string): Promise<PinVerifyResult> {
    return this.mutate(async (st, commit) => {
      const r = await this.login(st, commit, pin);
      if ('ok' in r) return r;
      wipe(r.pinKey, r.sign.privateKey);
      return { ok: true, remaining: st.userPin.remaining };
    });
  }

  /**
   * SKF_ChangePIN for the user PIN: re-seals the keys under the new PIN.
   * @param oldPin - current PIN
   * @param newPin - new PIN, 6–64 characters
   */
  async changePin(oldPin: string, newPin: string): Promise<void> {
    checkPinPolicy(newPin, 'The new PIN');
    await this.withUser(oldPin, async (st, s, commit) => {
      const enc = s.enc();
      await this.resealUnderPin(st, newPin, s.sign.privateKey, enc?.privateKey);
      wipe(enc?.privateKey);
      await commit();
    });
  }

  /** Seals the private keys under a new PIN with a fresh salt. */
  private async resealUnderPin(st: TokenState, pin: string, signD: Uint8Array, encD?: Uint8Array) {
    const salt = randomBytes(16);
    const key = await scrypt(pin, salt, st.kdf.n);
    st.kdf = { ...st.kdf, salt: salt.toString('base64') };
    st.container.signPrivateKey = seal(key, st.serial, 'sign-key', signD);
    if (encD) st.container.encPrivateKey = seal(key, st.serial, 'enc-key', encD);
    if (st.challenge) delete st.challenge; // its wrapping depended on the old salt
    wipe(key);
  }

  /**
   * Makes a PKCS#10 request for the signing key, signed inside the token (SM3withSM2).
   * @param pin - the user PIN
   * @param subject - the requested subject
   * @param opts - optional GM/T 0092 challengePassword
   * @returns PEM `CERTIFICATE REQUEST`
   */
  async createCsr(pin: string, subject: NameAttribute[], opts?: { challengePassword?: string }): Promise<string> {
    if (!Array.isArray(subject) || subject.length === 0) throw new TokenError('BAD_INPUT', 'The subject needs at least one attribute');
    return this.withUser(pin, async (_st, s) => {
      const der = await buildCsr({ subject, signer: sm2Signer(s.sign), challengePassword: opts?.challengePassword });
      return pemEncode('CERTIFICATE REQUEST', der);
    });
  }

  /**
   * Signs data with the signing key: SM3withSM2 with the default user ID, DER SM2Signature.
   * @param pin - the user PIN
   * @param data - the message
   * @returns DER signature
   */
  async sign(pin: string, data: Uint8Array): Promise<Uint8Array> {
    return this.withUser(pin, async (_st, s) => sm2Sign(s.sign.privateKey, data, { publicKey: s.sign.publicKey }));
  }

  /**
   * Decrypts a GM/T 0009 SM2Cipher (DER) with the encryption key.
   * @param pin - the user PIN
   * @param cipher - DER SM2Cipher addressed to the encryption certificate's key
   * @returns the plaintext
   */
  async decrypt(pin: string, cipher: Uint8Array): Promise<Uint8Array> {
    return this.withUser(pin, async (_st, s) => {
      const enc = s.enc();
      if (!enc) throw new TokenError('NOT_ISSUED', 'The token has no encryption key yet');
      try {
        return sm2Decrypt(enc.privateKey, cipher);
      } catch (e) {
        throw new TokenError('BAD_INPUT', 'The ciphertext cannot be decrypted with the encryption key', { cause: e });
      } finally {
        wipe(enc.privateKey);
      }
    });
  }

  /**
   * Imports what the CA issued (`GET /applications/:id/response`): the GM/T 0092 CSRResponse
   * with the signing certificate and chain, the SM2EnvelopedKey with the encryption key pair
   * (opened with the signing private key, as SKF_ImportECCKeyPair does) and the encryption
   * certificate; and the token's unlock key K, SM2-encrypted to the signing key. Everything is
   * checked before anything is stored: on any refusal the token is unchanged.
   * @param pin - the user PIN
   * @param response - the issuance response
   * @returns what was installed
   */
  async importIssuance(pin: string, response: IssuanceResponse): Promise<ImportResult> {
    if (!response || typeof response.csrResponse !== 'string') throw new TokenError('BAD_RESPONSE', 'The issuance response has no csrResponse');
    return this.withUser(pin, async (st, s, commit) => {
      const der = strictBase64(response.csrResponse, 'csrResponse');
      let parts: ReturnType<typeof parseCsrResponse>;
      try {
        parts = parseCsrResponse(der);
      } catch (e) {
        throw new TokenError('BAD_RESPONSE', 'The CSRResponse cannot be decoded', { cause: e });
      }
      const parse = (c: Uint8Array, what: string) => {
        try {
          return parseCertificate(c);
        } catch (e) {
          throw new TokenError('BAD_RESPONSE', `The ${what} cannot be decoded`, { cause: e });
        }
      };
      const signCert = parse(parts.signCertificates[0], 'signing certificate');
      const chain = parts.signCertificates.slice(1).map((c, i) => parse(c, `chain certificate ${i + 1}`));
      if (!sameBytes(sm2KeyOf(signCert), s.sign.publicKey)) {
        throw new TokenError('KEY_MISMATCH', "The signing certificate is not for this token's signing key");
      }
      if (chain[0] && !verifyCertificateSignature(signCert, chain[0].publicKey.spki)) {
        throw new TokenError('BAD_RESPONSE', 'The signing certificate is not signed by the issuing CA in the response');
      }

      const oldEnc = s.enc();
      let newEnc: Sm2KeyPair | undefined;
      let encCert: CertificateInfo | undefined;
      try {
        if (parts.envelopedKey) {
          if (!parts.encryptCertificates?.length) throw new TokenError('BAD_RESPONSE', 'The response has an encryption key but no encryption certificate');
          try {
            newEnc = openSm2EnvelopedKey(parts.envelopedKey, s.sign.privateKey);
          } catch (e) {
            const mismatch = e instanceof GmError && (e.code === 'GM_VERIFY' || e.code === 'GM_KEY_MISMATCH');
            throw new TokenError(
              mismatch ? 'KEY_MISMATCH' : 'BAD_RESPONSE',
              mismatch ? "The enveloped encryption key is not addressed to this token's signing key" : 'The SM2EnvelopedKey cannot be decoded',
              { cause: e },
            );
          }
          encCert = parse(parts.encryptCertificates[0], 'encryption certificate');
          if (!sameBytes(sm2KeyOf(encCert), newEnc.publicKey)) {
            throw new TokenError('KEY_MISMATCH', 'The encryption certificate does not match the enveloped encryption key');
          }
        } else if (parts.encryptCertificates?.length) {
          // A renewal: a new certificate for the encryption key already on the token.
          encCert = parse(parts.encryptCertificates[0], 'encryption certificate');
          if (!oldEnc || !sameBytes(sm2KeyOf(encCert), oldEnc.publicKey)) {
            throw new TokenError('KEY_MISMATCH', 'The encryption certificate is not for a key on this token, and no key came with it');
          }
        }
        if (encCert && chain[0] && sameBytes(encCert.issuerDer, chain[0].subjectDer) && !verifyCertificateSignature(encCert, chain[0].publicKey.spki)) {
          throw new TokenError('BAD_RESPONSE', 'The encryption certificate is not signed by the issuing CA in the response');
        }

        let k: Buffer | undefined;
        if (response.tokenUnlockKey !== undefined && response.tokenUnlockKey !== null) {
          const c = strictBase64(String(response.tokenUnlockKey), 'tokenUnlockKey');
          try {
            k = Buffer.from(sm2Decrypt(s.sign.privateKey, c));
          } catch (e) {
            throw new TokenError('KEY_MISMATCH', "The unlock key is not encrypted to this token's signing key", { cause: e });
          }
          if (k.length !== 16) {
            wipe(k);
            throw new TokenError('BAD_RESPONSE', 'The unlock key is not 16 bytes');
          }
        }

        // All checks passed: store.
        const encAfter = newEnc ?? oldEnc;
        st.container.signCertificate = pemEncode('CERTIFICATE', signCert.der);
        st.container.chain = chain.map(c => pemEncode('CERTIFICATE', c.der));
        if (newEnc) {
          st.container.encPublicKey = toHex(newEnc.publicKey);
          st.container.encPrivateKey = seal(s.pinKey, st.serial, 'enc-key', newEnc.privateKey);
        }
        if (encCert) st.container.encCertificate = pemEncode('CERTIFICATE', encCert.der);
        let unlockKey: ImportResult['unlockKey'];
        if (k) {
          const ak = adminSealKey(k);
          st.unlock = {
            check: unlockCheck(k),
            signPrivateKey: seal(ak, st.serial, 'admin-sign-key', s.sign.privateKey),
            encPrivateKey: encAfter ? seal(ak, st.serial, 'admin-enc-key', encAfter.privateKey) : undefined,
            installedAt: new Date().toISOString(),
          };
          delete st.challenge;
          wipe(k, ak);
          unlockKey = 'installed';
        } else if (st.unlock && !(newEnc && !(oldEnc && sameBytes(oldEnc.publicKey, newEnc.publicKey)))) {
          // Same keys as before (a renewal): the administrator copies still hold them.
          unlockKey = 'kept';
        } else {
          // New keys without a new unlock key: the old administrator copies would restore the wrong keys.
          delete st.unlock;
          delete st.challenge;
          unlockKey = 'none';
        }
        await commit();
        return {
          signCertificate: certInfo(signCert),
          encCertificate: encCert ? certInfo(encCert) : undefined,
          encKeyImported: !!newEnc,
          unlockKey,
        };
      } finally {
        wipe(oldEnc?.privateKey, newEnc?.privateKey);
      }
    });
  }

  /**
   * Checks each private key against its public key and certificate, with a signature and an
   * encryption round trip.
   * @param pin - the user PIN
   * @returns the report
   */
  async check(pin: string): Promise<TokenCheckReport> {
    return this.withUser(pin, async (st, s) => {
      const msg = randomBytes(32);
      const signCert = st.container.signCertificate ? parseCertificate(st.container.signCertificate) : undefined;
      const signCertKey = signCert ? sm2KeyOf(signCert) : undefined;
      const signing: KeyCheck = {
        present: true,
        keyPairConsistent: sameBytes(sm2PublicKeyOf(s.sign.privateKey), s.sign.publicKey),
        certificatePresent: !!signCert,
        matchesCertificate: sameBytes(signCertKey, s.sign.publicKey),
        selfTest: !!signCertKey && sm2Verify(signCertKey, msg, sm2Sign(s.sign.privateKey, msg)),
        certificate: signCert ? certInfo(signCert) : undefined,
      };
      const enc = s.enc();
      const encCert = st.container.encCertificate ? parseCertificate(st.container.encCertificate) : undefined;
      const encCertKey = encCert ? sm2KeyOf(encCert) : undefined;
      let selfTest = false;
      if (enc && encCertKey) {
        try {
          selfTest = sameBytes(sm2Decrypt(enc.privateKey, sm2Encrypt(encCertKey, msg)), msg);
        } catch {
          selfTest = false;
        }
      }
      const encryption: KeyCheck = {
        present: !!enc,
        keyPairConsistent: !!enc && sameBytes(sm2PublicKeyOf(enc.privateKey), enc.publicKey),
        certificatePresent: !!encCert,
        matchesCertificate: !!enc && sameBytes(encCertKey, enc.publicKey),
        selfTest,
        certificate: encCert ? certInfo(encCert) : undefined,
      };
      wipe(enc?.privateKey);
      const good = (c: KeyCheck) => c.present && c.keyPairConsistent && c.certificatePresent && c.matchesCertificate && c.selfTest;
      return {
        serial: st.serial,
        signing,
        encryption,
        unlockAvailable: !!st.unlock && !st.adminPin.locked,
        ok: good(signing) && (!encryption.present && !encryption.certificatePresent ? true : good(encryption)),
      };
    });
  }

  /**
   * Starts a remote unlock: generates a one-time SM2 key pair, keeps its private key as the
   * pending challenge (replacing any earlier one) and returns its public key — the token's
   * challenge, which goes to the CA with the unlock request.
   * @returns the challenge, 65-byte public key as 130 hex digits
   */
  async unlockChallenge(): Promise<string> {
    return this.mutate(async (st, commit) => {
      if (st.adminPin.locked) throw new TokenError('ADMIN_LOCKED', 'The token is locked for good; re-initialise it and have its certificates re-issued', { remaining: 0 });
      if (!st.unlock) throw new TokenError('UNLOCK_UNAVAILABLE', 'The token holds no unlock key from the CA; it cannot be unlocked remotely');
      const pair = sm2GenerateKeyPair();
      st.challenge = {
        publicKey: toHex(pair.publicKey),
        privateKey: seal(challengeWrapKey(st), st.serial, 'challenge-key', pair.privateKey),
        createdAt: new Date().toISOString(),
      };
      wipe(pair.privateKey);
      await commit();
      return st.challenge.publicKey;
    });
  }

  /**
   * SKF_UnblockPIN with the CA's unlock response: decrypts it with the pending challenge key and
   * expects `"YXUNLK01" ‖ SM3(UTF-8 serial ‖ challenge public key) ‖ K`, with HMAC-SM3(K, "check")
   * equal to the stored value; then opens the administrator copies with K, seals the keys under
   * the new user PIN and restores the user PIN's counter. The challenge is used once, whatever
   * the outcome. Any failure — no challenge, garbage, another token's or challenge's response, a
   * wrong K — costs one unlock try and leaves the user PIN as it was; when the tries are spent the
   * token is locked for good (`ADMIN_LOCKED`).
   * @param responseHex - the response (hex DER SM2Cipher) from `POST /unlock/:id/response`
   * @param newUserPin - the new user PIN, 6–64 characters (checked first; a bad one costs nothing)
   */
  async unblock(responseHex: string, newUserPin: string): Promise<void> {
    checkPinPolicy(newUserPin, 'The new PIN');
    await this.mutate(async (st, commit) => {
      if (st.adminPin.locked || st.adminPin.remaining <= 0) {
        if (st.challenge) {
          delete st.challenge;
          await commit();
        }
        throw new TokenError('ADMIN_LOCKED', 'The token is locked for good; re-initialise it and have its certificates re-issued', { remaining: 0 });
      }
      const challenge = st.challenge;
      delete st.challenge;
      st.adminPin.remaining -= 1;
      await commit();

      let k: Buffer | undefined;
      let signD: Buffer | undefined;
      let encD: Buffer | undefined;
      let why = 'the response was refused';
      try {
        why = 'the token has no pending challenge';
        if (!challenge) throw new Error(why);
        why = 'the token holds no unlock key';
        if (!st.unlock) throw new Error(why);
        why = 'the response is not hex';
        const cipher = /^(?:[0-9a-fA-F]{2})+$/.test(String(responseHex).trim()) ? fromHex(String(responseHex).trim()) : undefined;
        if (!cipher) throw new Error(why);
        why = 'the response is not for this challenge';
        const cd = unseal(challengeWrapKey(st), st.serial, 'challenge-key', challenge.privateKey);
        const challengePub = fromHex(challenge.publicKey);
        let plain: Buffer;
        try {
          plain = Buffer.from(sm2Decrypt(cd, cipher));
        } finally {
          wipe(cd);
        }
        why = 'the response is malformed';
        if (plain.length !== 8 + 32 + 16 || plain.subarray(0, 8).toString('latin1') !== UNLOCK_RESPONSE_MAGIC) {
          wipe(plain);
          throw new Error(why);
        }
        why = 'the response is bound to another token or challenge';
        const binding = sm3(Buffer.concat([Buffer.from(st.serial, 'utf8'), challengePub]));
        if (!sameBytes(plain.subarray(8, 40), binding)) {
          wipe(plain);
          throw new Error(why);
        }
        k = Buffer.from(plain.subarray(40));
        wipe(plain);
        why = "the response's unlock key is not this token's";
        if (!sameBytes(fromHex(unlockCheck(k)), fromHex(st.unlock.check))) throw new Error(why);
        why = 'the administrator copies of the keys cannot be opened';
        const ak = adminSealKey(k);
        try {
          signD = unseal(ak, st.serial, 'admin-sign-key', st.unlock.signPrivateKey);
          encD = st.unlock.encPrivateKey ? unseal(ak, st.serial, 'admin-enc-key', st.unlock.encPrivateKey) : undefined;
        } finally {
          wipe(ak);
        }
        if (!sameBytes(sm2PublicKeyOf(signD), fromHex(st.container.signPublicKey))) throw new Error(why);
        if (encD && (!st.container.encPublicKey || !sameBytes(sm2PublicKeyOf(encD), fromHex(st.container.encPublicKey)))) throw new Error(why);
      } catch {
        wipe(k, signD, encD);
        if (st.adminPin.remaining === 0) st.adminPin.locked = true;
        await commit();
        if (st.adminPin.locked) {
          throw new TokenError('ADMIN_LOCKED', `Unlock refused (${why}); no unlock tries left: the token is locked for good, re-initialise it and have its certificates re-issued`, { remaining: 0 });
        }
        throw new TokenError('UNLOCK_FAILED', `Unlock refused (${why}); ${st.adminPin.remaining} unlock tries left`, { remaining: st.adminPin.remaining });
      }
      await this.resealUnderPin(st, newUserPin, signD, encD);
      wipe(k, signD, encD);
      st.userPin = { ...st.userPin, remaining: st.userPin.maxRetries, locked: false };
      st.adminPin = { ...st.adminPin, remaining: st.adminPin.maxRetries, locked: false };
      await commit();
    });
  }
}

function strictBase64(text: string, what: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean) || clean.length === 0) {
    throw new TokenError('BAD_RESPONSE', `${what} is not base64`);
  }
  return Buffer.from(clean, 'base64');
}
