/**
 * Where the monitor's targets come from: configuration, catalog entities (`catalog-info.yaml`
 * can declare them), and the portal's own services found through the CA's health report. Each
 * source lists targets; the monitor merges them each round (the first source to name an id wins,
 * later duplicates are reported as problems).
 */
import { z } from 'zod';
import { CRITICALITIES, TARGET_KINDS, type Criticality, type TargetKind, type TargetProblem } from '@yinxin/plugin-monitor-common';
import type { CaHealthReport, WatchedCertificatePurpose } from '@yinxin/plugin-ca-common';
import type { ProbeResult } from '@yinxin/probes';

/** A target as configured: what to probe and how. */
export interface TargetConfig {
  id: string;
  name: string;
  kind: TargetKind;
  owner?: string;
  criticality?: Criticality;
  /** where it came from: `config`, `catalog:<entity ref>`, `builtin` */
  source?: string;
  /** the probe's options (url, host, port, baseDn, …); never sent to browsers */
  options: Record<string, unknown>;
}

/** A target that could not be used, and why. */
export type { TargetProblem } from '@yinxin/plugin-monitor-common';

/** A list of targets, re-read every round. */
export interface TargetSource {
  readonly name: string;
  list(now: Date): Promise<{ targets: TargetConfig[]; problems: TargetProblem[] }>;
}

/** Target ids: lower-case letters, digits and hyphens, at most 64. */
export const TARGET_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const targetSchema = z.object({
  id: z.string().regex(TARGET_ID),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(TARGET_KINDS),
  owner: z.string().max(255).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  options: z.record(z.string(), z.unknown()).default({}),
});

const issuesOf = (e: z.ZodError) => e.issues.map(x => `${x.path.join('.') || 'target'}: ${x.message}`).join('; ');

/** Targets from `yinxin.monitor.targets`; a bad entry stops the backend (a config error). */
export function configTargets(entries: readonly unknown[]): TargetConfig[] {
  return entries.map((t, i) => {
    const r = targetSchema.safeParse(t);
    if (!r.success) throw new Error(`yinxin.monitor.targets[${i}]: ${issuesOf(r.error)}`);
    return { ...(r.data as TargetConfig), source: 'config' };
  });
}

/** A static list as a source. */
export function staticSource(name: string, targets: TargetConfig[]): TargetSource {
  return { name, list: async () => ({ targets, problems: [] }) };
}

/** The annotations a catalog entity declares a monitor target with. */
export const MONITOR_ANNOTATIONS = {
  kind: 'yinxin.io/monitor-kind',
  url: 'yinxin.io/monitor-url',
  host: 'yinxin.io/monitor-host',
  port: 'yinxin.io/monitor-port',
  options: 'yinxin.io/monitor-options',
  secret: 'yinxin.io/monitor-secret',
  criticality: 'yinxin.io/criticality',
  id: 'yinxin.io/monitor-id',
} as const;

/** The part of a catalog entity the monitor reads. */
export interface CatalogEntityLike {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; annotations?: Record<string, string> };
  spec?: { owner?: unknown; [k: string]: unknown };
}

/**
 * Targets declared by catalog entities with a `yinxin.io/monitor-kind` annotation: the URL, host
 * and port from their own annotations, other probe options as JSON in `yinxin.io/monitor-options`,
 * criticality from `yinxin.io/criticality`, the owner from `spec.owner`. Secrets (LDAP bind
 * passwords, database connection strings) never live in the catalog: `yinxin.io/monitor-secret`
 * names an object under `yinxin.monitor.secrets` whose fields are merged into the options. A URL
 * beginning with `/` is the portal's own (resolved against the backend's base URL).
 */
export function catalogTargets(
  entities: readonly CatalogEntityLike[],
  secrets: Record<string, Record<string, unknown>> = {},
  /** the backend's base URL: a `yinxin.io/monitor-url` starting with `/` is resolved against it */
  backendBase?: string,
): { targets: TargetConfig[]; problems: TargetProblem[] } {
  const targets: TargetConfig[] = [];
  const problems: TargetProblem[] = [];
  for (const e of entities) {
    const a = e.metadata.annotations ?? {};
    if (!a[MONITOR_ANNOTATIONS.kind]) continue;
    const ref = `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
    const problem = (message: string) => problems.push({ source: 'catalog', ref, message });
    let options: Record<string, unknown> = {};
    if (a[MONITOR_ANNOTATIONS.options]) {
      try {
        const parsed = JSON.parse(a[MONITOR_ANNOTATIONS.options]);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        options = parsed;
      } catch (err) {
        problem(`${MONITOR_ANNOTATIONS.options}: not a JSON object (${(err as Error).message})`);
        continue;
      }
    }
    const url = a[MONITOR_ANNOTATIONS.url];
    if (url) options.url = url.startsWith('/') && backendBase ? `${backendBase.replace(/\/+$/, '')}${url}` : url;
    if (a[MONITOR_ANNOTATIONS.host]) options.host = a[MONITOR_ANNOTATIONS.host];
    if (a[MONITOR_ANNOTATIONS.port]) options.port = Number(a[MONITOR_ANNOTATIONS.port]);
    const secretName = a[MONITOR_ANNOTATIONS.secret];
    if (secretName) {
      const secret = secrets[secretName];
      if (!secret) {
        problem(`${MONITOR_ANNOTATIONS.secret}: no yinxin.monitor.secrets.${secretName} in the configuration`);
        continue;
      }
      options = { ...options, ...secret };
    }
    const id = a[MONITOR_ANNOTATIONS.id] ?? e.metadata.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '').slice(0, 64);
    const owner = typeof e.spec?.owner === 'string' ? ownerRef(e.spec.owner) : undefined;
    const r = targetSchema.safeParse({ id, name: e.metadata.title ?? e.metadata.name, kind: a[MONITOR_ANNOTATIONS.kind], owner, criticality: a[MONITOR_ANNOTATIONS.criticality], options });
    if (!r.success) {
      problem(issuesOf(r.error));
      continue;
    }
    targets.push({ ...(r.data as TargetConfig), source: `catalog:${ref}` });
  }
  return { targets, problems };
}

/** `ops-engineer` → `group:default/ops-engineer`; full refs are kept. */
function ownerRef(owner: string): string {
  if (owner.includes(':')) return owner.includes('/') ? owner : owner.replace(':', ':default/');
  return `group:default/${owner}`;
}

const PURPOSE_TITLES: Record<WatchedCertificatePurpose, string> = {
  'root-ca': '根 CA 证书',
  'issuing-ca': '签发 CA 证书',
  ocsp: 'OCSP 响应证书',
  tsa: '时间戳服务证书',
  'seal-maker': '制章者证书',
  'seal-status': '印章状态服务证书',
  'seal-signer': '机构签章证书',
};

/** What {@link builtinTargets} needs besides the CA's report. */
export interface BuiltinOptions {
  /** certificates warn this many days before they end (default 30) */
  warnDays?: number;
  /** CRLs warn this many minutes before nextUpdate (default 120) */
  crlWarnMinutes?: number;
  /** the seal plugin's base URL (its public lookup page is probed) */
  sealBase?: string;
  /** the backend's `/metrics` URL (scraped) */
  metricsUrl?: string;
  /** `yinxin.metrics.token`, when `/metrics` is protected */
  metricsToken?: string;
  /** the portal's PostgreSQL, when it runs on one */
  postgres?: { connectionString: string };
}

/** A short, stable suffix for an authority: algorithm, kind and the first 8 characters of its id. */
const authoritySlug = (a: { algorithm: string; kind: string; id: string }) => `${a.algorithm.toLowerCase()}-${a.kind}-${a.id.replace(/[^a-z0-9]/gi, '').slice(0, 8).toLowerCase()}`;

/**
 * The portal's own services as targets, from the CA's health report: the CA API itself, the life
 * of each CA, OCSP, TSA and seal service certificate (organisation seal certificates as one
 * target: the soonest to end), the KMC key pool, each authority's OCSP responder (asked about a
 * certificate it issued), full CRL over HTTP and in LDAP, both TSAs, the seal status service,
 * the backend's metrics and its PostgreSQL.
 */
export function builtinTargets(report: CaHealthReport | undefined, caOutcome: ProbeResult, o: BuiltinOptions = {}): TargetConfig[] {
  const owner = 'group:default/ops-engineer';
  const t = (id: string, name: string, kind: TargetKind, criticality: Criticality, options: Record<string, unknown>): TargetConfig => ({ id, name, kind, owner, criticality, source: 'builtin', options });
  const out: TargetConfig[] = [t('ca-api', 'CA 服务接口', 'ca-api', 'critical', { outcome: caOutcome })];
  if (o.sealBase) out.push(t('seal-status', '印章状态查询服务', 'http', 'high', { url: `${o.sealBase}/public/lookup`, expectStatus: 200 }));
  if (o.metricsUrl) out.push(t('portal-metrics', '门户后端指标', 'scrape', 'normal', { url: o.metricsUrl, bearerToken: o.metricsToken }));
  if (o.postgres) out.push(t('portal-db', '门户数据库（PostgreSQL）', 'postgres', 'critical', { connectionString: o.postgres.connectionString }));
  if (!report) return out;
  const warnDays = o.warnDays ?? 30;
  out.push(t('kmc-pool', 'KMC 备用密钥池', 'kmc-pool', 'high', { standby: report.kmc.standby, lowWater: report.kmc.poolLowWater, target: report.kmc.poolTarget }));
  const signers = report.certificates.filter(c => c.purpose === 'seal-signer');
  for (const c of report.certificates) {
    if (c.purpose === 'seal-signer') continue;
    // Stable ids: a renewed OCSP or TSA certificate takes over its predecessor's target.
    const authority = report.authorities.find(a => a.id === (c.purpose.endsWith('-ca') ? c.id : c.issuerId));
    const slug =
      c.purpose.endsWith('-ca') && authority ? `ca-${authoritySlug(authority)}`
      : c.purpose === 'ocsp' && authority ? `ocsp-${authoritySlug(authority)}`
      : c.purpose === 'tsa' ? `tsa-${c.algorithm.toLowerCase()}`
      : `${c.purpose}-${c.algorithm.toLowerCase()}-${c.serialHex.slice(-12) || c.id.slice(0, 12)}`;
    out.push(t(`cert-${slug}`.slice(0, 64), `${PURPOSE_TITLES[c.purpose]}：${c.name}`, 'cert-life', c.purpose.endsWith('-ca') ? 'critical' : 'high', { notBefore: c.notBefore, notAfter: c.notAfter, warnDays, purpose: c.purpose, serialHex: c.serialHex, algorithm: c.algorithm }));
  }
  if (signers.length) {
    const soonest = signers[0];
    out.push(t('cert-seal-signers', `${PURPOSE_TITLES['seal-signer']}（${signers.length} 张，最早到期：${soonest.name}）`, 'cert-life', 'normal', { notBefore: soonest.notBefore, notAfter: soonest.notAfter, warnDays, purpose: 'seal-signer', serialHex: soonest.serialHex, count: signers.length }));
  }
  for (const a of report.authorities) {
    const slug = authoritySlug(a);
    if (a.knownGoodSerialHex) out.push(t(`ocsp-${slug}`, `OCSP：${a.name}`, 'ocsp', 'critical', { url: a.ocspUrl, issuerPem: a.certificatePem, serialHex: a.knownGoodSerialHex, expect: 'good' }));
    out.push(t(`crl-${slug}`, `CRL（HTTP）：${a.name}`, 'crl', 'high', { url: a.crlUrl, warnMinutes: o.crlWarnMinutes ?? 120 }));
    if (a.ldapCrl) out.push(t(`ldap-crl-${slug}`, `LDAP 目录 CRL：${a.name}`, 'ldap', 'high', { url: a.ldapCrl.url, baseDn: a.ldapCrl.dn, scope: 'base', filter: '(objectClass=*)', crlAttribute: 'certificateRevocationList;binary', warnMinutes: o.crlWarnMinutes ?? 120 }));
  }
  out.push(t('tsa-sm2', '时间戳服务（SM2）', 'tsa', 'high', { url: report.tsa.sm2, hash: 'sm3', warnDays }));
  out.push(t('tsa-rsa', '时间戳服务（RSA）', 'tsa', 'high', { url: report.tsa.rsa, hash: 'sha256', warnDays }));
  return out;
}
