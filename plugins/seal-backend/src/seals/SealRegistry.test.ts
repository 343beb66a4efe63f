/*
 * Status at any time with an injected clock: the registry and seal use on a real SQLite database,
 * with a CA in the test process (the real CA plugin is in seal.test.ts). The clock is moved through
 * a year of suspend / resume / report-lost / resume / revoke; the status answers and signing follow it.
 */
import knexFactory, { Knex } from 'knex';
import { Keystore, SealingKey } from '@yinxin/keystore';
import { AuditLog, migrateAuditLog, verifyAuditLog } from '@yinxin/ops-node';
import { buildCsr, parseSesSignature, pemEncode, sm2GenerateKeyPair, sm2Signer, verifySesSignature } from '@yinxin/gm';
import { migrateSeal } from '../db/migrations';
import { ServiceKeys } from '../keys/ServiceKeys';
import { inProcessCa } from '../testing/inProcessCa';
import { SealUseService } from '../use/SealUseService';
import { SealRegistry } from './SealRegistry';
import { templateImpressions } from './templateImpressions';

jest.setTimeout(120_000);

describe('seal status and use with an injected clock', () => {
  let knex: Knex;
  let now = new Date('2026-01-05T01:00:00.000Z');
  const clock = () => new Date(now);
  let registry: SealRegistry;
  let uses: SealUseService;
  let ca: Awaited<ReturnType<typeof inProcessCa>>;

  beforeAll(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await migrateSeal(knex);
    await migrateAuditLog(knex);
    const audit = new AuditLog({ knex, source: 'seal', clock });
    const keystore = new Keystore(knex, new SealingKey(Buffer.alloc(16, 1)), { table: 'seal_keys', context: 'seal-key' });
    ca = await inProcessCa(clock);
    const keys = new ServiceKeys({ knex, keystore, ca, audit, clock });
    registry = new SealRegistry({ knex, audit, ca, keys, keystore, impressions: templateImpressions({}), regionCode: '350100', vendorId: 'TEST', clock });
    uses = new SealUseService({ knex, audit, registry, keystore, ca });
  });
  afterAll(() => knex.destroy());

  const at = (iso: string) => {
    now = new Date(iso);
  };

  it('answers the status at every moment of the history, and signs only while active', async () => {
    at('2026-01-05T01:00:00.000Z');
    const applied = await registry.apply('user:default/admin', {
      type: 'official',
      name: '某某局',
      ownerName: '某某局',
      keyMode: 'server',
      template: { kind: 'round' },
      validStart: '2026-01-01T00:00:00.000Z',
      validEnd: '2026-12-31T16:00:00.000Z',
      holders: ['user:default/user'],
    });
    at('2026-01-06T01:00:00.000Z');
    await registry.approve('user:default/reviewer', applied.id);
    at('2026-01-07T01:00:00.000Z');
    await registry.make('user:default/admin', applied.id);
    at('2026-01-08T01:00:00.000Z');
    await registry.issue('user:default/admin', applied.id);
    const sign = () => uses.sign('user:default/user', applied.id, { dataHash: Buffer.alloc(32, 7), documentName: '通知', documentType: '通知' });
    const steps: [string, 'suspend' | 'resume' | 'report-lost' | 'revoke'][] = [
      ['2026-03-01T00:00:00.000Z', 'suspend'],
      ['2026-03-10T00:00:00.000Z', 'resume'],
      ['2026-05-01T12:00:00.000Z', 'report-lost'],
      ['2026-05-02T12:00:00.000Z', 'resume'],
      ['2026-06-01T00:00:00.000Z', 'revoke'],
    ];
    at('2026-02-01T00:00:00.123Z');
    const early = await sign();
    // the sign time written is the clock's, to the millisecond
    expect(parseSesSignature(early.signature).signTime?.toISOString()).toBe('2026-02-01T00:00:00.123Z');
    expect(verifySesSignature(early.signature)).toMatchObject({ valid: true, timeValid: true });
    for (const [time, action] of steps) {
      at(time);
      await registry.transition('user:default/admin', applied.id, action, `测试 ${action}`);
      at(new Date(Date.parse(time) + 3_600_000).toISOString());
      if (action === 'resume') expect((await sign()).use.at).toBe(now.toISOString());
      else await expect(sign()).rejects.toMatchObject({ code: 'SEAL_NOT_USABLE' });
    }
    const table: [string, string, boolean][] = [
      ['2026-01-07T12:00:00.000Z', 'not-issued', false],
      ['2026-01-08T00:59:59.999Z', 'not-issued', false],
      ['2026-01-08T01:00:00.000Z', 'active', true],
      ['2026-02-28T23:59:59.999Z', 'active', true],
      ['2026-03-01T00:00:00.000Z', 'suspended', false],
      ['2026-03-10T00:00:00.000Z', 'active', true],
      ['2026-05-01T12:00:00.000Z', 'lost', false],
      ['2026-05-02T11:59:59.999Z', 'lost', false],
      ['2026-05-02T12:00:00.000Z', 'active', true],
      ['2026-06-01T00:00:00.000Z', 'revoked', false],
      ['2027-03-01T00:00:00.000Z', 'revoked', false],
    ];
    for (const [time, statusAt, validAt] of table) {
      const a = await registry.statusAt(applied.id, new Date(time));
      expect([time, a.statusAt, a.validAt]).toEqual([time, statusAt, validAt]);
      expect(a.currentStatus).toBe('revoked');
    }
    // revoking the seal retired its organisation certificate at the CA
    expect(ca.revoked).toEqual([(await registry.detail(applied.id)).certificates[0].caCertificateId]);
    // uses were logged with the clock's times, and the audit chain holds
    const log = await uses.listUses({ sealId: applied.id });
    expect(log.items.map(u => u.at).sort()).toEqual(['2026-02-01T00:00:00.123Z', '2026-03-10T01:00:00.000Z', '2026-05-02T13:00:00.000Z']);
    expect((await verifyAuditLog(knex)).ok).toBe(true);
  });

  it('a seal past its validity is not usable and reads as expired', async () => {
    at('2026-01-05T00:00:00.000Z');
    const s = await registry.apply('user:default/admin', { type: 'finance', name: '某某局财务专用章', ownerName: '某某局', keyMode: 'server', template: { kind: 'round', lowerText: '财务专用章' }, validEnd: '2026-02-01T00:00:00.000Z', holders: ['user:default/user'] });
    await registry.approve('user:default/reviewer', s.id);
    await registry.make('user:default/admin', s.id);
    await registry.issue('user:default/admin', s.id);
    at('2026-02-01T00:00:01.000Z');
    await expect(uses.sign('user:default/user', s.id, { dataHash: Buffer.alloc(32), documentName: 'x', documentType: 'x' })).rejects.toMatchObject({ code: 'SEAL_NOT_USABLE' });
    expect(await registry.statusAt(s.id, clock())).toMatchObject({ statusAt: 'active', validAt: false, reasonAt: 'expired' });
    await expect(registry.transition('user:default/admin', s.id, 'suspend', 'x')).resolves.toMatchObject({ status: 'suspended' });
    await expect(registry.transition('user:default/admin', s.id, 'resume', 'x')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('a holder-key use prepared and not completed within a day is abandoned', async () => {
    at('2026-01-05T00:00:00.000Z');
    const pair = sm2GenerateKeyPair();
    const csr = pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: [{ type: 'CN', value: 'x' }], signer: sm2Signer(pair) }));
    const cert = await ca.certify({ purpose: 'seal-signer', algorithm: 'SM2', csrPem: csr, commonName: '王五' });
    const s = await registry.apply('user:default/admin', { type: 'personal', name: '王五', ownerName: '王五', keyMode: 'holder', certificateIds: [cert.certificateId], template: { kind: 'square' }, validEnd: '2026-12-31T00:00:00.000Z', holders: ['user:default/user'] });
    await registry.approve('user:default/reviewer', s.id);
    await registry.make('user:default/admin', s.id);
    await registry.issue('user:default/admin', s.id);
    at('2026-01-06T00:00:00.000Z');
    const prepared = await uses.prepare('user:default/user', s.id, { dataHash: Buffer.alloc(32, 1), documentName: 'x', documentType: 'x', certificateId: cert.certificateId });
    const signature = await sm2Signer(pair).sign(prepared.tbs);
    at('2026-01-06T23:59:59.000Z');
    expect(await uses.abandonStalePrepared()).toBe(0);
    at('2026-01-07T00:00:01.000Z');
    expect(await uses.abandonStalePrepared()).toBe(1);
    await expect(uses.complete('user:default/user', prepared.useId, signature)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/too long ago/) });
    expect((await knex('seal_uses').where({ id: prepared.useId }).first()).tbs_der).toBeNull();
  });
});
