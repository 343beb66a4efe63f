/*
 * LDAP publication into a real OpenLDAP slapd, on each database engine (SQLite and, when
 * configured, PostgreSQL 15): CA entries, CRL distribution points and subscriber entries read
 * back with the real `ldapsearch`; the CRL distribution point URL of an issued certificate
 * followed with `ldapurl` + `ldapsearch`; revocation and hold; an unreachable server (pending
 * rows with attempts and errors, delivered by a new publisher instance once slapd is back);
 * coalescing, backoff, re-publish with its audit record, disabled configurations; and names with
 * the characters DNs must escape, written to slapd and read back (property).
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { Knex } from 'knex';
import { Attribute, Client } from 'ldapts';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { engineDatabases } from '@yinxin/backend-testing';
import { NameAttribute, encodeName, parseCertificate, randomSerial } from '@yinxin/gm';
import { AuditLog, migrateAuditLog } from '@yinxin/ops-node';
import { migrateCa } from '../../db/migrations';
import { Keystore } from '@yinxin/keystore';
import { SealingKey } from '@yinxin/keystore';
import { Hierarchy } from '../../ca/Hierarchy';
import { CertificateStore } from '../../ca/CertificateStore';
import { PublicationUrls, issueCertificate } from '../../ca/CertificateFactory';
import { CERTIFICATE_PROFILES } from '../../profiles/profiles';
import { CrlService } from '../CrlService';
import { publicationMetrics } from '../metrics';
import { LdapConfig } from './config';
import { crlDistributionPointDn, entryDn, ldapPublicationBase, parseDn, rdn } from './dn';
import { LdapPublication, LdapPublisher, ldapPublicationTask, startLdapPublication } from './index';
import { TestSlapd, freePort, parseLdif, startSlapd } from '@yinxin/backend-testing';

jest.setTimeout(600_000);

const databases = engineDatabases();
/** A suffix with every character a DN escapes, and Chinese. */
const BASE_DN = `${rdn('o', '印信 CA, 测试 "甲"+<乙>;=#')},c=CN`;
const ADMIN = 'user:default/ca-admin';

/** A clock the test moves by hand (backoff without waiting). */
function manualClock() {
  let t = Date.now();
  const clock = () => new Date(t);
  return Object.assign(clock, { advance: (ms: number) => (t += ms), set: (d: Date | string) => (t = new Date(d).getTime()) });
}

async function migrated(databaseId: TestDatabaseId): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await migrateCa(knex);
  await migrateAuditLog(knex);
  return knex;
}

const queueRows = (knex: Knex) => knex('ca_publish_queue').orderBy('id').select();
const buf = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v)));

describe.each(databases.eachSupportedId())('LDAP publication on %p', (databaseId: TestDatabaseId) => {
  let slapd: TestSlapd;
  let knex: Knex;
  let audit: AuditLog;
  let hierarchy: Hierarchy;
  let keystore: Keystore;
  let certificates: CertificateStore;
  let crls: CrlService;
  let config: LdapConfig;
  let urls: PublicationUrls;
  let publication: LdapPublication;
  const clock = manualClock();
  const logs: string[] = [];
  const logger = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(`ERROR ${m}`) };
  let authorities: Array<{ id: string; kind: string; algorithm: string; certificate_der: string }> = [];

  /** The entry `dn` as ldapsearch prints it, parsed; undefined when it does not exist. */
  const read = async (dn: string, attributes: string[] = []) => {
    const r = await slapd.search(dn, { attributes });
    if (r.code === 32) return undefined;
    if (r.code !== 0) throw new Error(`ldapsearch ${dn}: ${r.code} ${r.stderr}`);
    return parseLdif(r.ldif)[0];
  };

  /** Issues a subscriber certificate of `usage` for subject `subjectId` (SM2 issuing CA). */
  const issue = async (subjectId: string, cn: string, usage: 'sign' | 'encrypt', email?: string) =>
    knex.transaction(async trx => {
      const issuer = await hierarchy.activeIssuer('SM2', trx);
      const key = await keystore.generate('SM2', trx);
      const subject: NameAttribute[] = [
        { type: 'C', value: 'CN' },
        { type: 'O', value: '测试单位' },
        { type: 'CN', value: cn },
      ];
      const now = new Date();
      const { info } = await issueCertificate(
        {
          profile: CERTIFICATE_PROFILES[usage],
          keyAlgorithm: 'SM2',
          serial: randomSerial(),
          subjectDer: encodeName(subject),
          subjectSpki: key.spki,
          notBefore: new Date(now.getTime() - 60_000),
          notAfter: new Date(now.getTime() + 365 * 86_400_000),
          identity: email ? { email: [email] } : undefined,
          issuer: { id: issuer.id, certificate: issuer.certificate, algorithm: 'SM2', signer: issuer.signer },
        },
        urls,
      );
      const id = await certificates.insert(trx, { info, issuerId: issuer.id, usage, profile: `sm2-${usage}`, keyAlgorithm: 'SM2', subjectId, subjectName: cn }, 'test');
      return { id, der: Buffer.from(info.der), serial: info.serialHex, issuerId: issuer.id };
    });

  beforeAll(async () => {
    slapd = await startSlapd({ baseDn: BASE_DN, rootPassword: 'publisher-secret' });
    knex = await migrated(databaseId);
    config = {
      url: slapd.url,
      baseDn: BASE_DN,
      bindDn: slapd.rootDn,
      bindPassword: 'publisher-secret',
      enabled: true,
      subscriberEntries: 'subject',
      timeoutMs: 5000,
      batchSize: 3,
    };
    urls = { httpBase: 'http://ca.test/api/ca/public', ldapBase: ldapPublicationBase(config) };
    audit = new AuditLog({ knex, source: 'ca' });
    keystore = new Keystore(knex, new SealingKey(Buffer.alloc(16, 9)).derive('keystore'), { rsaBits: 2048 });
    hierarchy = new Hierarchy({ knex, keystore, audit, urls, organisation: '印信测试 CA' });
    await hierarchy.ensureDevelopmentHierarchy();
    certificates = new CertificateStore(knex, audit, { applyKey: jest.fn(), restoreKey: jest.fn(), revokeKey: jest.fn() } as any, '印信测试 CA');
    crls = new CrlService({ knex, audit, hierarchy, urls });
    authorities = await knex('ca_authorities').select('id', 'kind', 'algorithm', 'certificate_der');
    publication = startLdapPublication({ knex, audit, crls, certificates, config, logger, clock });
  });

  afterAll(async () => {
    await slapd?.dispose();
    await knex?.destroy();
  });

  const subjectA = '6f1c2b1e-0000-4000-8000-00000000000a';
  const subjectB = '6f1c2b1e-0000-4000-8000-00000000000b';
  const issued: Record<string, { id: string; der: Buffer; serial: string; issuerId: string }> = {};
  const personDn = (subjectId: string) => entryDn(rdn('uid', subjectId), 'people', BASE_DN);

  it('publishes CA entries, CRL distribution points and subscriber entries that ldapsearch reads back byte for byte', async () => {
    for (const a of authorities) {
      await crls.issue(a.id, 'full');
      await crls.issue(a.id, 'delta');
    }
    issued.aSign = await issue(subjectA, '张三, "测试"+<甲>', 'sign', 'zhangsan@example.cn');
    issued.aEnc = await issue(subjectA, '张三, "测试"+<甲>', 'encrypt');
    issued.b = await issue(subjectB, '李四', 'sign');
    expect(await publication.enqueueIssued([issued.aSign.id, issued.aEnc.id, issued.b.id])).toBe(3);

    const result = await publication.drain();
    expect(result).toEqual({ attempted: 2 * authorities.length + 3, published: 2 * authorities.length + 3, failed: 0, skipped: false });

    for (const a of authorities) {
      const full = await crls.latest(a.id, 'full');
      const delta = await crls.latest(a.id, 'delta');
      const dp = await read(crlDistributionPointDn(a.id, BASE_DN));
      expect(dp!.attributes.objectClass).toEqual(['cRLDistributionPoint']);
      expect(dp!.attributes['certificateRevocationList;binary']).toEqual([full.der]);
      expect(dp!.attributes['deltaRevocationList;binary']).toEqual([delta.der]);
      const ca = await read(entryDn(rdn('cn', a.id), 'ca', BASE_DN));
      expect(ca!.attributes.objectClass).toEqual(['applicationProcess', 'pkiCA']);
      expect(ca!.attributes['cACertificate;binary']).toEqual([Buffer.from(a.certificate_der, 'base64')]);
      // A root's CRL lists CA certificates: an authority revocation list.
      const [listed, absent] = a.kind === 'root' ? ['authorityRevocationList;binary', 'certificateRevocationList;binary'] : ['certificateRevocationList;binary', 'authorityRevocationList;binary'];
      expect(ca!.attributes[listed]).toEqual([full.der]);
      expect(ca!.attributes[absent]).toBeUndefined();
    }

    const person = await read(personDn(subjectA));
    expect(person!.attributes.objectClass).toEqual(['inetOrgPerson', 'pkiUser']);
    expect(person!.attributes.uid).toEqual([subjectA]);
    expect(person!.attributes.cn!.map(buf).map(b => b.toString('utf8'))).toEqual(['张三, "测试"+<甲>']);
    expect(person!.attributes.mail).toEqual(['zhangsan@example.cn']);
    expect(new Set(person!.attributes['userCertificate;binary']!.map(v => buf(v).toString('hex')))).toEqual(new Set([issued.aSign.der.toString('hex'), issued.aEnc.der.toString('hex')]));
    expect((await read(personDn(subjectB)))!.attributes['userCertificate;binary']).toEqual([issued.b.der]);

    // The LDAP URL in the certificate's CRL distribution points leads to the same CRL as HTTP.
    const cdp = parseCertificate(issued.b.der).crlDistributionPoints!;
    expect(cdp[0]).toBe(`http://ca.test/api/ca/public/crl/${issued.b.issuerId}.crl`);
    const ldapUrl = cdp.find(u => u.startsWith('ldap://'))!;
    expect(ldapUrl).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+\/([A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})*\?certificateRevocationList;binary$/);
    const dn = /^dn: (.*)$/m.exec(execFileSync('ldapurl', ['-H', ldapUrl], { encoding: 'utf8' }))![1];
    expect(parseDn(dn)).toEqual(parseDn(crlDistributionPointDn(issued.b.issuerId, BASE_DN)));
    const viaUrl = await read(dn, ['certificateRevocationList;binary']);
    expect(viaUrl!.attributes['certificateRevocationList;binary']).toEqual([(await crls.latest(issued.b.issuerId, 'full')).der]);

    const status = await publication.status();
    expect(status).toMatchObject({ state: 'enabled', url: slapd.url, baseDn: BASE_DN, queueDepth: 0, oldestPendingAt: null, lastError: null });
    expect(status.counts).toEqual({ pending: 0, done: 2 * authorities.length + 3, failed: 0 });
    expect(status.items.find(i => i.kind === 'certificate' && i.objectId === issued.b.id)).toMatchObject({ dn: personDn(subjectB), status: 'done', attempts: 0, lastError: null });
    expect(await publication.queueDepth()).toBe(0);
    // The base entry and the branches were created from the configured suffix.
    const base = await read(BASE_DN);
    expect(base!.attributes.objectClass).toEqual(['organization']);
    expect(buf(base!.attributes.o![0]).toString('utf8')).toBe('印信 CA, 测试 "甲"+<乙>;=#');
  });

  it('removes a revoked or held certificate from the subscriber entry, and the entry when none is left', async () => {
    await certificates.revoke(ADMIN, issued.aSign.id, 'keyCompromise');
    await publication.drain();
    expect((await read(personDn(subjectA)))!.attributes['userCertificate;binary']).toEqual([issued.aEnc.der]);

    await certificates.revoke(ADMIN, issued.aEnc.id, 'superseded');
    await publication.drain();
    expect(await read(personDn(subjectA))).toBeUndefined();

    await certificates.hold(ADMIN, issued.b.id);
    await publication.drain();
    expect(await read(personDn(subjectB))).toBeUndefined();
    await certificates.release(ADMIN, issued.b.id);
    await publication.drain();
    expect((await read(personDn(subjectB)))!.attributes['userCertificate;binary']).toEqual([issued.b.der]);
    // The certificate rows coalesced: one per certificate, however many changes.
    const rows = await knex('ca_publish_queue').where({ kind: 'certificate' }).select('object_id', 'status');
    expect(rows).toHaveLength(3);
    expect(rows.every(r => r.status === 'done')).toBe(true);
  });

  it('keeps changes while the server is down and delivers them, from a new publisher instance, when it is back', async () => {
    const issuerId = issued.b.issuerId;
    const before = await crls.latest(issuerId, 'full');
    await slapd.stop();
    await certificates.revoke(ADMIN, issued.b.id, 'affiliationChanged');
    const crl = await crls.issue(issuerId, 'full');
    expect(crl.number).toBeGreaterThan(before.number);

    const failed = await publication.drain();
    expect(failed.failed).toBeGreaterThan(0);
    expect(failed.published).toBe(0);
    const status = await publication.status();
    const dp = status.items.find(i => i.kind === 'crl-dp' && i.objectId === issuerId)!;
    expect(dp).toMatchObject({ status: 'pending', attempts: 1 });
    expect(dp.lastError).toMatch(/ECONNREFUSED/);
    expect(status.counts.pending).toBeGreaterThanOrEqual(3); // crl-dp, ca, the certificate
    expect(status.lastError?.error).toMatch(/ECONNREFUSED/);
    expect(status.oldestPendingAt).not.toBeNull();
    expect(logs.some(l => l.includes('cannot connect or bind'))).toBe(true);
    // Not due again before the backoff.
    expect(await publication.drain()).toMatchObject({ attempted: 0 });

    await slapd.resume();
    // The process "restarts": a new publisher on the same database, a little later.
    clock.advance(publication.retryPolicy.baseDelayMs);
    const restarted = new LdapPublisher({ knex, audit, config, clock });
    const delivered = await restarted.drain();
    expect(delivered.failed).toBe(0);
    expect(delivered.published).toBeGreaterThanOrEqual(3);
    const dpEntry = await read(crlDistributionPointDn(issuerId, BASE_DN));
    expect(dpEntry!.attributes['certificateRevocationList;binary']).toEqual([crl.der]);
    expect(crl.der).toEqual((await crls.latest(issuerId, 'full')).der);
    expect(await read(personDn(subjectB))).toBeUndefined();
    expect(await restarted.queueDepth()).toBe(0);
  });

  it('re-publishes everything on request, with one audit record, and restores a wiped directory', async () => {
    const current = await issue('6f1c2b1e-0000-4000-8000-00000000000c', '王五', 'sign');
    await publication.enqueueIssued([current.id]);
    await publication.drain();
    // Someone wipes the subscriber branch.
    const client = new Client({ url: slapd.url });
    await client.bind(slapd.rootDn, 'publisher-secret');
    await client.del(personDn('6f1c2b1e-0000-4000-8000-00000000000c'));
    await client.unbind();

    // Inside a caller's transaction that rolls back, nothing is queued or audited.
    await expect(
      knex.transaction(async trx => {
        await publication.republishAll(ADMIN, trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(Number((await knex('audit_log').where({ action: 'ca.ldap.republish' }).count({ n: '*' }))[0].n)).toBe(0);

    const result = await publication.republishAll(ADMIN);
    expect(result).toEqual({ authorities: authorities.length, crlDistributionPoints: authorities.length, certificates: 1 });
    const rows = await queueRows(knex);
    expect(rows.filter(r => r.status === 'pending').map(r => `${r.kind}`).sort()).toEqual([...Array(authorities.length).fill('ca'), 'certificate', ...Array(authorities.length).fill('crl-dp')]);
    const records = await knex('audit_log').where({ action: 'ca.ldap.republish' }).select();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: ADMIN, target_type: 'ldap', target_id: BASE_DN, outcome: 'success' });
    expect(JSON.parse(records[0].details)).toMatchObject({ authorities: authorities.length, certificates: 1, url: slapd.url });
    expect((await audit.verify()).ok).toBe(true);

    expect((await publication.drain()).failed).toBe(0);
    expect((await read(personDn('6f1c2b1e-0000-4000-8000-00000000000c')))!.attributes['userCertificate;binary']).toEqual([current.der]);
  });

  it('takes certificates that expired off the directory at the next pass', async () => {
    const row = await knex('ca_certificates').where({ subject_id: '6f1c2b1e-0000-4000-8000-00000000000c' }).first('not_after');
    clock.set(new Date(Date.parse(row.not_after) + 1000));
    await publication.drain();
    expect(await read(personDn('6f1c2b1e-0000-4000-8000-00000000000c'))).toBeUndefined();
    clock.set(new Date());
  });

  it('runs as a scheduled task body and sets the queue-depth gauge', async () => {
    await publication.enqueue('crl-dp', [authorities[0].id]);
    publicationMetrics.ldapQueueDepth.set(99);
    await ldapPublicationTask(publication, logger)();
    expect(await publication.queueDepth()).toBe(0);
    expect((await publicationMetrics.ldapQueueDepth.get()).values[0].value).toBe(0);
  });

  it('names subscriber entries by certificate serial when configured so', async () => {
    const subjectD = '6f1c2b1e-0000-4000-8000-00000000000d';
    const cert = await issue(subjectD, '赵六', 'sign');
    const perCertificate = new LdapPublisher({ knex, audit, config: { ...config, subscriberEntries: 'certificate' }, clock });
    expect(await perCertificate.enqueueIssued([cert.id])).toBe(1);
    expect(await perCertificate.drain()).toMatchObject({ published: 1, failed: 0 });
    const dn = entryDn(rdn('uid', cert.serial), 'people', BASE_DN);
    expect((await read(dn))!.attributes['userCertificate;binary']).toEqual([cert.der]);
    expect(await read(personDn(subjectD))).toBeUndefined();
    expect((await perCertificate.status()).items.find(i => i.objectId === cert.id)).toMatchObject({ dn, status: 'done' });

    await certificates.revoke(ADMIN, cert.id, 'cessationOfOperation');
    await publication.catchUp();
    await perCertificate.drain();
    expect(await read(dn)).toBeUndefined();
  });

  it('writes entries named with the characters DNs escape, and reads them back (property)', async () => {
    const client = new Client({ url: slapd.url });
    await client.bind(slapd.rootDn, 'publisher-secret');
    const CHARS = [',', '+', '"', '\\', '<', '>', ';', '=', '#', ' ', 'a', 'Z', '0', '印', '信', '测', '试', '（', '，'];
    const value = fc
      .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 16 })
      .map(a => a.join(''))
      .filter(v => v.trim() !== '');
    try {
      await fc.assert(
        fc.asyncProperty(value, async v => {
          const dn = entryDn(rdn('cn', v), 'crl', BASE_DN);
          await client.add(dn, [new Attribute({ type: 'objectClass', values: ['cRLDistributionPoint'] }), new Attribute({ type: 'cn', values: [v] })]);
          try {
            const entry = await read(dn, ['cn']);
            expect(entry).toBeDefined();
            expect(parseDn(entry!.dn)[0]).toEqual([{ type: 'cn', value: v }]);
            expect(entry!.attributes.cn!.map(x => buf(x).toString('utf8'))).toEqual([v]);
          } finally {
            await client.del(dn);
          }
        }),
        { numRuns: 40 },
      );
    } finally {
      await client.unbind();
    }
  });
});

describe.each(databases.eachSupportedId())('the LDAP publication queue on %p', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let audit: AuditLog;
  let unreachable: LdapConfig;

  beforeAll(async () => {
    knex = await migrated(databaseId);
    audit = new AuditLog({ knex, source: 'ca' });
    // Nothing listens on this port.
    unreachable = { url: `ldap://127.0.0.1:${await freePort()}`, baseDn: 'o=x', enabled: true, subscriberEntries: 'subject', timeoutMs: 2000, batchSize: 10 };
  });
  afterAll(async () => knex?.destroy());
  beforeEach(async () => {
    await knex('ca_publish_queue').delete();
  });

  it('keeps one row per object however often it is queued, and re-opens a done row', async () => {
    const clock = manualClock();
    const p = new LdapPublisher({ knex, audit, config: unreachable, clock });
    await p.enqueue('crl-dp', ['a1', 'a1']);
    await p.enqueue('crl-dp', ['a1']);
    await p.enqueueCrl('a1', 'delta');
    let rows = await queueRows(knex);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: 'ldap', kind: 'crl-dp', object_id: 'a1', status: 'pending', attempts: 0, version: 3, dn: crlDistributionPointDn('a1', 'o=x') });

    // A waiting row keeps its attempts and backoff when queued again.
    await p.drain();
    const failedRow = (await queueRows(knex))[0];
    expect(failedRow).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(1000);
    await p.enqueueCrl('a1', 'full');
    rows = await queueRows(knex);
    expect(rows.map(r => `${r.kind}:${r.status}:${r.attempts}`).sort()).toEqual(['ca:pending:0', 'crl-dp:pending:1']);
    expect(rows.find(r => r.kind === 'crl-dp')!.next_attempt_at).toBe(failedRow.next_attempt_at);

    // A done row becomes pending again with no attempts.
    await knex('ca_publish_queue').update({ status: 'done', attempts: 0, last_error: null });
    await p.enqueue('crl-dp', ['a1']);
    expect((await queueRows(knex)).find(r => r.kind === 'crl-dp')).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: clock().toISOString() });
  });

  it('backs off exponentially up to the cap, and shows repeated failures as failed', async () => {
    const clock = manualClock();
    const p = new LdapPublisher({ knex, audit, config: unreachable, clock, retry: { baseDelayMs: 5000, maxDelayMs: 60_000, failedAfter: 3 } });
    await p.enqueue('crl-dp', ['b1']);
    const delays: number[] = [];
    const statuses: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const r = await p.drain();
      expect(r).toMatchObject({ attempted: 1, failed: 1 });
      const row = (await queueRows(knex))[0];
      expect(row.attempts).toBe(i);
      expect(row.last_error).toMatch(/ECONNREFUSED/);
      delays.push(Date.parse(row.next_attempt_at) - Date.parse(row.updated_at));
      statuses.push(row.status);
      // Not due before its time…
      clock.advance(delays[delays.length - 1] - 1);
      expect((await p.drain()).attempted).toBe(0);
      // …and due at it.
      clock.advance(1);
    }
    expect(delays).toEqual([5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    expect(statuses).toEqual(['pending', 'pending', 'failed', 'failed', 'failed', 'failed', 'failed']);
    expect(await p.failures()).toBe(1);
    expect(await p.queueDepth()).toBe(1);
    const status = await p.status();
    expect(status.counts).toEqual({ pending: 0, done: 0, failed: 1 });
    expect(status.items[0]).toMatchObject({ kind: 'crl-dp', objectId: 'b1', status: 'failed', attempts: 7 });
    // A person's re-publish makes it due now with a fresh count.
    await p.enqueue('crl-dp', ['b1'], { reset: true });
    expect((await queueRows(knex))[0]).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: clock().toISOString() });
  });

  it('does nothing and says so when not configured or disabled', async () => {
    const crls = { onIssued: jest.fn() };
    const certificates = { onStatusChange: jest.fn() };
    const none = startLdapPublication({ knex, audit, crls, certificates, config: undefined });
    expect(crls.onIssued).not.toHaveBeenCalled();
    expect(certificates.onStatusChange).not.toHaveBeenCalled();
    expect(none.state).toBe('not-configured');
    expect(await none.enqueue('crl-dp', ['x'])).toBe(0);
    expect(await none.enqueueIssued(['x'])).toBe(0);
    expect(await none.drain()).toEqual({ attempted: 0, published: 0, failed: 0, skipped: true });
    await expect(none.republishAll(ADMIN)).rejects.toMatchObject({ code: 'CONFLICT' });
    const status = await none.status();
    expect(status).toMatchObject({ state: 'not-configured', queueDepth: 0, items: [] });
    expect(status.message).toMatch(/not configured/);

    const disabled = startLdapPublication({ knex, audit, crls, certificates, config: { ...unreachable, enabled: false } });
    expect(disabled.state).toBe('disabled');
    expect(await disabled.enqueue('crl-dp', ['x'])).toBe(0);
    expect(await disabled.drain()).toMatchObject({ skipped: true, attempted: 0 });
    expect((await disabled.status()).message).toMatch(/disabled/);
    expect(await queueRows(knex)).toEqual([]);
    expect(Number((await knex('audit_log').where({ action: 'ca.ldap.republish' }).count({ n: '*' }))[0].n)).toBe(0);
  });
});
