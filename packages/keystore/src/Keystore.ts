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
import { SealingKey } from './SealingKey';

/** Key algorithms the keystore makes. */
export type KeyAlgorithm = 'SM2' | 'RSA';

/** Options of a {@link Keystore}. */
export interface KeystoreOptions {
  /** RSA modulus size for new keys (default 3072). */
  rsaBits?: number;
  /** The plugin's key table (default `ca_keys`); create it with {@link createKeyTable}. */
  table?: string;
  /** Prefix of the sealing context `<prefix>:<id>` (default `ca-key`). */
  context?: string;
}

/**
 * Creates a key table: id, algorithm, base64 SPKI, sealed private key, creation time.
 * @param knex - the plugin's database
 * @param table - the table name
 */
export async function createKeyTable(knex: Knex, table: string): Promise<void> {
  await knex.schema.createTable(table, t => {
    t.string('id', 36).primary();
    t.string('algorithm', 8).notNullable();
    t.text('public_spki').notNullable();
    t.text('sealed_private').notNullable();
    t.string('created_at', 32).notNullable();
  });
}

/**
 * A software keystore (CA, OCSP, TSA, seal-maker, seal status and organisation seal keys):
 * private keys sealed with SM4-GCM under the keystore master key, opened only to sign, behind the
 * {@link Signer} interface (a PKCS#11 keystore can take its place later). Each plugin keeps its
 * keys in its own table.
 */
export class Keystore {
  readonly #signers = new Map<string, Signer>();
  readonly #table: string;
  readonly #context: string;

  constructor(
    private readonly knex: Knex,
    private readonly sealing: SealingKey,
    private readonly options: KeystoreOptions = {},
  ) {
    this.#table = options.table ?? 'ca_keys';
    this.#context = options.context ?? 'ca-key';
  }

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
    await trx(this.#table).insert({
      id,
      algorithm,
      public_spki: Buffer.from(spki).toString('base64'),
      sealed_private: this.sealing.seal(secret, `${this.#context}:${id}`),
      created_at: new Date().toISOString(),
    });
    secret.fill(0);
    return { id, spki };
  }

  /** The signer of key `id`, opened once and kept in memory. */
  async signer(id: string, trx: Knex.Transaction | Knex = this.knex): Promise<Signer> {
    const cached = this.#signers.get(id);
    if (cached) return cached;
    const row = await trx(this.#table).where({ id }).first();
    if (!row) throw new Error(`key ${id} not found in ${this.#table}`);
    const secret = this.sealing.open(row.sealed_private, `${this.#context}:${id}`);
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
