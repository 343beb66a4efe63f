import { randomUUID, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import {
  Signer,
  Sm2KeyPair,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  encodeSm2PublicKeySpki,
  rsaSigner,
  sm2Signer,
} from '@yinxin/gm';
import type { KeyAlgorithm } from '@yinxin/plugin-ca-common';
import { SealingKey } from './SealingKey';

/**
 * The software keystore of CA keys (issuing CAs, OCSP, TSA, seal maker): private keys sealed with
 * SM4-GCM under the keystore master key, opened only to sign, behind the {@link Signer}
 * interface (a PKCS#11 keystore can take its place later).
 */
export class Keystore {
  readonly #signers = new Map<string, Signer>();

  constructor(
    private readonly knex: Knex,
    private readonly sealing: SealingKey,
    private readonly options: { rsaBits?: number } = {},
  ) {}

  /** Generates a key pair, stores its sealed private key, returns its id and public key. */
  async generate(algorithm: KeyAlgorithm, trx: Knex.Transaction | Knex = this.knex, rsaBits?: number): Promise<{ id: string; spki: Uint8Array }> {
    const id = randomUUID();
    let spki: Uint8Array;
    let secret: Uint8Array;
    if (algorithm === 'SM2') {
      const pair = sm2GenerateKeyPair();
      spki = encodeSm2PublicKeySpki(pair.publicKey);
      secret = pair.privateKey;
    } else {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', {
        modulusLength: rsaBits ?? this.options.rsaBits ?? 3072,
      });
      spki = publicKey.export({ format: 'der', type: 'spki' });
      secret = privateKey.export({ format: 'der', type: 'pkcs8' });
    }
    await trx('ca_keys').insert({
      id,
      algorithm,
      public_spki: Buffer.from(spki).toString('base64'),
      sealed_private: this.sealing.seal(secret, `ca-key:${id}`),
      created_at: new Date().toISOString(),
    });
    secret.fill(0);
    return { id, spki };
  }

  /** The signer of key `id`, opened once and kept in memory. */
  async signer(id: string, trx: Knex.Transaction | Knex = this.knex): Promise<Signer> {
    const cached = this.#signers.get(id);
    if (cached) return cached;
    const row = await trx('ca_keys').where({ id }).first();
    if (!row) throw new Error(`CA key ${id} not found`);
    const secret = this.sealing.open(row.sealed_private, `ca-key:${id}`);
    let signer: Signer;
    if (row.algorithm === 'SM2') {
      const pair: Sm2KeyPair = { privateKey: Uint8Array.from(secret), publicKey: sm2PublicKeyOf(secret) };
      signer = sm2Signer(pair);
    } else {
      const key: KeyObject = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
      signer = rsaSigner(key);
    }
    secret.fill(0);
    this.#signers.set(id, signer);
    return signer;
  }
}
