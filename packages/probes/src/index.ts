/**
 * `@yinxin/probes` — the health probes the monitoring plugin runs on its schedule: HTTP, TCP, TLS
 * certificate expiry, certificate expiry, CRL freshness (HTTP or LDAP), LDAP bind + search, OCSP,
 * RFC 3161 timestamp authorities, PostgreSQL, and Prometheus scrapes. They never throw; time is
 * injectable.
 *
 * @packageDocumentation
 */
export {
  probeCertificateBundle,
  probeCertificateExpiry,
  probeCrl,
  probeHttp,
  probeLdap,
  probeOcsp,
  probePostgres,
  probeTcp,
  probeTlsCertificate,
  probeTsa,
  scrapeMetrics,
  type ProbeOptions,
  type ProbeResult,
} from './probes';
