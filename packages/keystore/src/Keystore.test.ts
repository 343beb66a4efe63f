import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { verifySignature } from '@yinxin/gm';
import { Keystore, createKeyTable } from './Keystore';
import { SealingKey, loadMasterKey } from './SealingKey';

describe('SealingKey', () => {
  const key = new SealingKey(Buffer.alloc(16, 3));

  it('opens what it sealed for the same context only; a changed byte does not open', () => {
    const sealed = key.seal(Buffer.from('secret'), 'slot:a');
    expect(Buffer.from(key.open(sealed, 'slot:a')).toString()).toBe('secret');
    expect(() => key.open(sealed, 'slot:b')).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => key.open(bytes.toString('base64'), 'slot:a')).toThrow();
    expect(() => key.derive('x').open(sealed, 'slot:a')).toThrow();
  });

  it('loads a configured key, or makes a development key file once (mode 0600)', () => {
    expect(() => loadMasterKey({ hex: 'abc', file: '/nonexistent', allowFile: false, what: 'k' })).toThrow(/32 hex digits/);
    expect(() => loadMasterKey({ file: '/nonexistent', allowFile: false, what: 'k' })).toThrow(/no master key/);
    const file = join(mkdtempSync(join(tmpdir(), 'yinxin-ks-')), 'm.key');
    const made = loadMasterKey({ file, allowFile: true, what: 'k' });
    expect(made.source).toBe('file-created');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadMasterKey({ file, allowFile: true, what: 'k' });
    expect(again.source).toBe('file');
    expect(again.key.seal(Buffer.alloc(0), 'x')).not.toBe('');
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('Keystore', () => {
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await createKeyTable(knex, 'test_keys');
  });
  afterAll(() => knex.destroy());

  it.each(['SM2', 'RSA'] as const)('%s: the private key is stored sealed and signs behind the Signer interface', async algorithm => {
    const ks = new Keystore(knex, new SealingKey(Buffer.alloc(16, 5)), { table: 'test_keys', context: 'test-key', rsaBits: 2048 });
    const { id, spki } = await ks.generate(algorithm);
    const row = await knex('test_keys').where({ id }).first();
    expect(row.algorithm).toBe(algorithm);
    expect(Buffer.from(row.public_spki, 'base64')).toEqual(Buffer.from(spki));
    const signer = await ks.signer(id);
    const sig = await signer.sign(Buffer.from('data'));
    expect(verifySignature(spki, signer.signatureAlgorithm.oid, Buffer.from('data'), sig)).toBe(true);
    // another master key, or another plugin's context, cannot open it
    await expect(new Keystore(knex, new SealingKey(Buffer.alloc(16, 6)), { table: 'test_keys', context: 'test-key' }).signer(id)).rejects.toThrow();
    await expect(new Keystore(knex, new SealingKey(Buffer.alloc(16, 5)), { table: 'test_keys', context: 'other' }).signer(id)).rejects.toThrow();
    await expect(ks.signer('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not found/);
  });
});
