import { parseDn, splitLdapUrl } from './dn';

/** How subscriber entries are named under `ou=people`. */
export type SubscriberEntryScheme = 'subject' | 'certificate';

/**
 * LDAP publication settings, read from `yinxin.ca.ldap` by {@link readLdapConfig}:
 *
 * ```yaml
 * yinxin:
 *   ca:
 *     ldap:
 *       url: ldap://ldap-master.internal:389   # where the CA writes; absent: publication not configured
 *       publicUrl: ldap://ldap.example.gov.cn  # what certificates carry in their CRL distribution points (default: url)
 *       baseDn: o=Example CA,c=CN              # the suffix the three branches ou=ca, ou=crl, ou=people go under
 *       bindDn: cn=admin,o=Example CA,c=CN
 *       bindPassword: ${LDAP_BIND_PASSWORD}    # mark as secret in the config schema
 *       enabled: true                          # false: configured but paused (nothing queued or written)
 *       subscriberEntries: subject             # subject (default) | certificate
 *       timeoutMs: 10000                       # per LDAP operation and connection
 *       batchSize: 200                         # queue rows taken at a time by drain()
 * ```
 */
export interface LdapConfig {
  /** `ldap://host[:port]` or `ldaps://…` the publisher writes to. */
  url: string;
  /** The LDAP server relying parties read, for the CRL distribution points (default {@link url}). */
  publicUrl?: string;
  /** The directory suffix (RFC 4514 string), e.g. `o=Example CA,c=CN`. */
  baseDn: string;
  /** Simple bind DN; absent: anonymous (only useful against a test server). */
  bindDn?: string;
  bindPassword?: string;
  /** Default true. */
  enabled: boolean;
  /**
   * `subject` (default): one entry per subscriber, `uid=<subject id>,ou=people,<base>`, holding
   * every current certificate of that subject (the signing and the encryption certificate of a
   * dual pair, renewals); `certificate`: one entry per certificate, `uid=<serial hex>,ou=people,<base>`.
   */
  subscriberEntries: SubscriberEntryScheme;
  /** LDAP connect and operation timeout, ms (default 10000). */
  timeoutMs: number;
  /** Rows taken per batch (default 200). */
  batchSize: number;
}

/** The part of Backstage's `Config` that {@link readLdapConfig} uses. */
export interface ConfigReader {
  getOptionalString(key: string): string | undefined;
  getOptionalBoolean(key: string): boolean | undefined;
  getOptionalNumber(key: string): number | undefined;
}

/**
 * Reads `yinxin.ca.ldap` (pass `config.getOptionalConfig('yinxin.ca.ldap')`). Returns undefined
 * when there is no section or no `url`: publication is then not configured. Throws on a malformed
 * URL, base DN or scheme, so that a bad configuration stops the backend at start.
 */
export function readLdapConfig(config: ConfigReader | undefined): LdapConfig | undefined {
  const url = config?.getOptionalString('url');
  if (!config || !url) return undefined;
  splitLdapUrl(url);
  const publicUrl = config.getOptionalString('publicUrl');
  if (publicUrl) splitLdapUrl(publicUrl);
  const baseDn = config.getOptionalString('baseDn') ?? '';
  if (!baseDn.trim()) throw new Error('yinxin.ca.ldap.baseDn is required when yinxin.ca.ldap.url is set');
  parseDn(baseDn);
  const scheme = config.getOptionalString('subscriberEntries') ?? 'subject';
  if (scheme !== 'subject' && scheme !== 'certificate') throw new Error(`yinxin.ca.ldap.subscriberEntries must be subject or certificate, not ${scheme}`);
  return {
    url,
    publicUrl,
    baseDn: baseDn.trim(),
    bindDn: config.getOptionalString('bindDn'),
    bindPassword: config.getOptionalString('bindPassword'),
    enabled: config.getOptionalBoolean('enabled') ?? true,
    subscriberEntries: scheme,
    timeoutMs: config.getOptionalNumber('timeoutMs') ?? 10_000,
    batchSize: config.getOptionalNumber('batchSize') ?? 200,
  };
}
