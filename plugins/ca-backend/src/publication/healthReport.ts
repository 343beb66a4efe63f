import type { Knex } from 'knex';
import type { AuthorityEndpoints, CaHealthReport, KeyAlgorithm, WatchedCertificate, WatchedCertificatePurpose } from '@yinxin/plugin-ca-common';
import type { Hierarchy } from '../ca/Hierarchy';
import type { KmcService } from '../kmc/KmcService';
import type { CrlService } from './CrlService';
import { crlDistributionPointDn } from './ldap/dn';

const PLUGIN_USAGES: readonly WatchedCertificatePurpose[] = ['seal-maker', 'seal-status', 'seal-signer'];

/** What {@link caHealthReport} reads. */
export interface CaHealthSources {
  knex: Knex;
  hierarchy: Hierarchy;
  kmc: KmcService;
  crls: CrlService;
  /** `httpBase` of the publication routes (OCSP), `apiBase` of the CA API (TSA) */
  urls: { httpBase: string; apiBase: string };
  /** the LDAP server relying parties read, and the directory suffix, when LDAP publication is on */
  ldap?: { url: string; baseDn: string };
  now?: () => Date;
}

/**
 * The CA's health report for the monitor: every certificate the services depend on (authorities,
 * the current OCSP responder of each authority, the current TSA of each algorithm, and the good
 * certificates made for other plugins' service keys), the KMC pool, and each authority's
 * publication points with a certificate the OCSP probe can ask about.
 *
 * OCSP and TSA certificates are replaced a month before they end; only the newest per authority or
 * algorithm is listed, so that a replaced one running out does not raise an alert.
 */
export async function caHealthReport(s: CaHealthSources): Promise<CaHealthReport> {
  const now = (s.now ?? (() => new Date()))();
  const authorities = (await s.hierarchy.list()).filter(a => a.status === 'active' && a.pem);
  const certificates: WatchedCertificate[] = authorities.map(a => ({
    id: a.id,
    purpose: a.kind === 'root' ? 'root-ca' : 'issuing-ca',
    name: a.name,
    algorithm: a.algorithm,
    serialHex: a.serial ?? '',
    issuerId: a.parentId ?? a.id,
    notBefore: a.notBefore ?? '',
    notAfter: a.notAfter ?? '',
  }));

  const services = await s.knex('ca_service_certificates as s')
    .join('ca_certificates as c', 'c.id', 's.certificate_id')
    .where('c.status', 'good')
    .orderBy('s.created_at', 'desc')
    .select('s.purpose', 's.authority_id', 's.algorithm', 'c.id', 'c.serial', 'c.issuer_id', 'c.subject_dn', 'c.not_before', 'c.not_after');
  const seen = new Set<string>();
  for (const r of services) {
    const slot = r.purpose === 'ocsp' ? `ocsp:${r.authority_id}` : `tsa:${r.algorithm}`;
    if (seen.has(slot)) continue;
    seen.add(slot);
    certificates.push(watched(r, r.purpose === 'ocsp' ? 'ocsp' : 'tsa'));
  }
  const plugin = await s.knex('ca_certificates')
    .whereIn('usage', PLUGIN_USAGES as string[])
    .where('status', 'good')
    .orderBy('not_after')
    .limit(1000)
    .select('id', 'usage', 'serial', 'issuer_id', 'subject_dn', 'key_algorithm', 'not_before', 'not_after');
  for (const r of plugin) certificates.push(watched({ ...r, algorithm: r.key_algorithm }, r.usage));

  const endpoints: AuthorityEndpoints[] = [];
  for (const a of authorities) {
    const known = await s.knex('ca_certificates')
      .where({ issuer_id: a.id, status: 'good' })
      .where('not_after', '>', now.toISOString())
      .where('not_before', '<=', now.toISOString())
      .orderBy('created_at', 'desc')
      .first('serial');
    endpoints.push({
      id: a.id,
      name: a.name,
      algorithm: a.algorithm,
      kind: a.kind,
      certificatePem: a.pem!,
      crlUrl: s.crls.url(a.id, 'full'),
      ocspUrl: `${s.urls.httpBase}/ocsp/${a.id}`,
      knownGoodSerialHex: known?.serial,
      // A root CA's entry lists CA certificates; only issuing CAs publish a CRL there.
      ldapCrl: s.ldap && a.kind === 'issuing' ? { url: s.ldap.url, dn: crlDistributionPointDn(a.id, s.ldap.baseDn) } : undefined,
    });
  }
  return {
    at: now.toISOString(),
    certificates: certificates.sort((x, y) => x.notAfter.localeCompare(y.notAfter)),
    kmc: await s.kmc.stats(),
    authorities: endpoints,
    tsa: { sm2: `${s.urls.apiBase}/tsa/sm2`, rsa: `${s.urls.apiBase}/tsa/rsa` },
  };
}

function watched(r: { id: string; serial: string; issuer_id: string; subject_dn: string; algorithm: string; not_before: string; not_after: string }, purpose: WatchedCertificatePurpose): WatchedCertificate {
  return {
    id: r.id,
    purpose,
    name: commonNameOf(r.subject_dn),
    algorithm: r.algorithm as KeyAlgorithm,
    serialHex: r.serial,
    issuerId: r.issuer_id,
    notBefore: r.not_before,
    notAfter: r.not_after,
  };
}

/** The CN of a stored subject DN (`CN=…,O=…`), or the whole DN. */
function commonNameOf(dn: string): string {
  const m = /(?:^|,\s*)CN=((?:\\.|[^,])+)/i.exec(dn);
  return m ? m[1].replace(/\\(.)/g, '$1') : dn;
}
