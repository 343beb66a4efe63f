import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import fc from 'fast-check';
import type { CaHealthReport } from '@yinxin/plugin-ca-common';
import { builtinTargets, catalogTargets, configTargets, TARGET_ID, type CatalogEntityLike } from './sources';
import { probeCertLife, probeKmcPool } from './localProbes';

const entity = (name: string, annotations: Record<string, string>, owner: unknown = 'ops-engineer'): CatalogEntityLike => ({ kind: 'Resource', metadata: { name, namespace: 'default', annotations }, spec: { owner } });

describe('target sources', () => {
  it('config targets are checked; a bad one names its index and field', () => {
    expect(configTargets([{ id: 'web', name: '门户', kind: 'http', options: { url: 'http://x' } }])).toEqual([{ id: 'web', name: '门户', kind: 'http', options: { url: 'http://x' }, source: 'config' }]);
    expect(() => configTargets([{ id: 'Bad Id', name: 'x', kind: 'http' }])).toThrow(/yinxin\.monitor\.targets\[0\]: id/);
    expect(() => configTargets([{ id: 'ok', name: 'x', kind: 'smtp' }])).toThrow(/kind/);
  });

  it('the repository’s catalog-info.yaml declares the portal web page; relative URLs are the portal’s own', () => {
    const docs = readFileSync(join(__dirname, '../../../../catalog-info.yaml'), 'utf8').split(/^---$/m).map(d => parseYaml(d)).filter(Boolean);
    const { targets, problems } = catalogTargets(docs, {}, 'http://portal.example:7007/');
    expect(problems).toEqual([]);
    expect(targets).toEqual([
      { id: 'yinxin-portal-web', name: '门户网页', kind: 'http', owner: 'group:default/ops-engineer', criticality: 'high', source: 'catalog:resource:default/yinxin-portal-web', options: { expectStatus: 200, url: 'http://portal.example:7007/' } },
    ]);
  });

  it('catalog entities: annotations, secrets by name, owners, and problems instead of failures', () => {
    const { targets, problems } = catalogTargets(
      [
        { kind: 'Component', metadata: { name: 'no-monitor' } },
        entity('LDAP_Public.Directory', { 'yinxin.io/monitor-kind': 'ldap', 'yinxin.io/monitor-url': 'ldap://dir:389', 'yinxin.io/monitor-secret': 'ldap', 'yinxin.io/monitor-options': '{"baseDn":"o=ca","scope":"base"}' }, 'user:zhang'),
        entity('db', { 'yinxin.io/monitor-kind': 'postgres', 'yinxin.io/monitor-secret': 'missing' }),
        entity('bad-json', { 'yinxin.io/monitor-kind': 'http', 'yinxin.io/monitor-options': '[1,2]' }),
        entity('bad-kind', { 'yinxin.io/monitor-kind': 'smtp' }),
        entity('tcp', { 'yinxin.io/monitor-kind': 'tcp', 'yinxin.io/monitor-host': 'h', 'yinxin.io/monitor-port': '636', 'yinxin.io/criticality': 'critical', 'yinxin.io/monitor-id': 'ldaps-port' }, 'group:ops/net'),
      ],
      { ldap: { bindDn: 'cn=monitor', password: 's3cret' } },
    );
    expect(targets.map(t => [t.id, t.kind, t.owner, t.criticality])).toEqual([
      ['ldap-public-directory', 'ldap', 'user:default/zhang', undefined],
      ['ldaps-port', 'tcp', 'group:ops/net', 'critical'],
    ]);
    expect(targets[0].options).toEqual({ baseDn: 'o=ca', scope: 'base', url: 'ldap://dir:389', bindDn: 'cn=monitor', password: 's3cret' });
    expect(targets[1].options).toEqual({ host: 'h', port: 636 });
    expect(problems.map(p => [p.ref, p.message.split(':')[0]])).toEqual([
      ['resource:default/db', 'yinxin.io/monitor-secret'],
      ['resource:default/bad-json', 'yinxin.io/monitor-options'],
      ['resource:default/bad-kind', 'kind'],
    ]);
  });

  it('property: any annotations give valid targets or problems, never an exception', () => {
    const annotation = fc.dictionary(fc.constantFrom('yinxin.io/monitor-kind', 'yinxin.io/monitor-url', 'yinxin.io/monitor-port', 'yinxin.io/monitor-options', 'yinxin.io/monitor-secret', 'yinxin.io/criticality', 'yinxin.io/monitor-id'), fc.oneof(fc.string(), fc.constantFrom('http', 'tcp', '{}', '{"a":1}', 'critical', 'x')));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 80 }), annotation), { maxLength: 8 }), list => {
        const { targets, problems } = catalogTargets(list.map(([n, a]) => entity(n, a)), { x: { password: 'p' } });
        for (const t of targets) expect(TARGET_ID.test(t.id)).toBe(true);
        expect(targets.length + problems.length).toBeLessThanOrEqual(list.length);
      }),
      { numRuns: 300 },
    );
  });

  const report: CaHealthReport = {
    at: '2026-11-29T00:00:00.000Z',
    certificates: [
      { id: 'c1', purpose: 'ocsp', name: 'SM2 OCSP', algorithm: 'SM2', serialHex: '0a0b0c0d0e0f1011', issuerId: 'aaaa1111-2222', notBefore: '2026-01-01T00:00:00Z', notAfter: '2026-12-20T00:00:00Z' },
      { id: 'aaaa1111-2222', purpose: 'issuing-ca', name: '测试签发 CA', algorithm: 'SM2', serialHex: '01', issuerId: 'root', notBefore: '2026-01-01T00:00:00Z', notAfter: '2036-01-01T00:00:00Z' },
      { id: 's1', purpose: 'seal-signer', name: '机构甲', algorithm: 'SM2', serialHex: '99', issuerId: 'aaaa1111-2222', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' },
      { id: 's2', purpose: 'seal-signer', name: '机构乙', algorithm: 'SM2', serialHex: '98', issuerId: 'aaaa1111-2222', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-06-01T00:00:00Z' },
    ],
    kmc: { standby: 3, inUse: 10, history: 0, poolLowWater: 5, poolTarget: 12 },
    authorities: [{ id: 'aaaa1111-2222', name: '测试签发 CA', algorithm: 'SM2', kind: 'issuing', certificatePem: 'PEM', crlUrl: 'http://ca/crl', ocspUrl: 'http://ca/ocsp/a', knownGoodSerialHex: '77', ldapCrl: { url: 'ldap://dir', dn: 'cn=a,ou=crl,o=ca' } }],
    tsa: { sm2: 'http://ca/tsa/sm2', rsa: 'http://ca/tsa/rsa' },
  };

  it('built-in targets from the CA health report: stable ids per role, seal certificates as one target', () => {
    const targets = builtinTargets(report, { status: 'up', latencyMs: 3, message: 'ok', detail: {} }, { sealBase: 'http://p/api/seal', metricsUrl: 'http://p/metrics' });
    expect(targets.map(t => [t.id, t.kind])).toEqual([
      ['ca-api', 'ca-api'],
      ['seal-status', 'http'],
      ['portal-metrics', 'scrape'],
      ['kmc-pool', 'kmc-pool'],
      ['cert-ocsp-sm2-issuing-aaaa1111', 'cert-life'],
      ['cert-ca-sm2-issuing-aaaa1111', 'cert-life'],
      ['cert-seal-signers', 'cert-life'],
      ['ocsp-sm2-issuing-aaaa1111', 'ocsp'],
      ['crl-sm2-issuing-aaaa1111', 'crl'],
      ['ldap-crl-sm2-issuing-aaaa1111', 'ldap'],
      ['tsa-sm2', 'tsa'],
      ['tsa-rsa', 'tsa'],
    ]);
    for (const t of targets) expect(TARGET_ID.test(t.id)).toBe(true);
    expect(targets.find(t => t.id === 'cert-seal-signers')!.options).toMatchObject({ notAfter: '2027-01-01T00:00:00Z', count: 2 });
    expect(targets.find(t => t.id === 'ocsp-sm2-issuing-aaaa1111')!.options).toMatchObject({ serialHex: '77', expect: 'good', issuerPem: 'PEM' });
    // without a report only the CA API (down) and the portal's own targets remain
    expect(builtinTargets(undefined, { status: 'down', latencyMs: 1, message: 'no', detail: {} }).map(t => t.id)).toEqual(['ca-api']);
  });

  it('local probes: certificate life and the KMC pool', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(probeCertLife({ notAfter: '2026-12-20T00:00:00Z', warnDays: 30 }, now)).toMatchObject({ status: 'warning', detail: { daysLeft: 20 } });
    expect(probeCertLife({ notAfter: '2027-12-20T00:00:00Z', warnDays: 30 }, now).status).toBe('up');
    expect(probeCertLife({ notAfter: '2026-11-29T00:00:00Z' }, now)).toMatchObject({ status: 'down', detail: { daysLeft: -1 } });
    expect(probeCertLife({ notAfter: '2027-11-29T00:00:00Z', notBefore: '2026-12-01T00:00:00Z' }, now).status).toBe('down');
    expect(probeCertLife({ notAfter: 'soon' }, now).status).toBe('down');
    expect(probeKmcPool({ standby: 3, lowWater: 5 }).status).toBe('warning');
    expect(probeKmcPool({ standby: 0, lowWater: 5 }).status).toBe('down');
    expect(probeKmcPool({ standby: 50, lowWater: 5 })).toMatchObject({ status: 'up', detail: { standby: 50 } });
    expect(probeKmcPool({}).status).toBe('down');
  });
});
