import type { Knex } from 'knex';
import { AuditLog } from '@yinxin/ops-node';
import type { CrlService } from '../CrlService';
import type { CertificateStore } from '../../ca/CertificateStore';
import { publicationMetrics } from '../metrics';
import type { LdapConfig } from './config';
import { LdapPublisher, LdapPublisherOptions, PublicationLogger } from './LdapPublisher';

export { readLdapConfig } from './config';
export type { ConfigReader, LdapConfig, SubscriberEntryScheme } from './config';
export { LdapPublisher } from './LdapPublisher';
export type {
  DrainResult,
  LdapPublicationState,
  LdapPublicationStatus,
  LdapQueueItem,
  PublishKind,
  PublishStatus,
  RepublishResult,
  RetryPolicy,
} from './LdapPublisher';
export { crlDistributionPointUrl, escapeDnValue, encodeDnForUrl, ldapPublicationBase, parseDn } from './dn';

/** The LDAP publication of the CA: the queue, its worker, status and the re-publish action. */
export type LdapPublication = LdapPublisher;

/** How often the scheduler should run {@link ldapPublicationTask}. */
export const LDAP_DRAIN_EVERY_SECONDS = 10;

/**
 * Starts LDAP publication: every CRL issued queues its authority's CRL distribution point (and,
 * for a full CRL, its CA entry); every revocation, hold or release makes a catch-up pass queue
 * the certificates whose status changed (from the certificate events, behind a durable cursor,
 * so that a restart loses nothing). Issuance queues through `enqueueIssued(certificateIds)`
 * (the events would find it at the next pass too). Nothing is written until `drain()` runs: call
 * {@link ldapPublicationTask} from the scheduler. With `config` undefined (no
 * `yinxin.ca.ldap.url`) or disabled, every call is a no-op and `status()` says so.
 */
export function startLdapPublication(o: {
  knex: Knex;
  audit: AuditLog;
  crls: Pick<CrlService, 'onIssued'>;
  certificates: Pick<CertificateStore, 'onStatusChange'>;
  config: LdapConfig | undefined;
  logger?: PublicationLogger;
  clock?: () => Date;
  retry?: LdapPublisherOptions['retry'];
}): LdapPublication {
  const publisher = new LdapPublisher({ knex: o.knex, audit: o.audit, config: o.config, logger: o.logger, clock: o.clock, retry: o.retry });
  if (publisher.state !== 'enabled') {
    o.logger?.info(publisher.state === 'disabled' ? 'LDAP publication is disabled' : 'LDAP publication is not configured (yinxin.ca.ldap.url)');
    return publisher;
  }
  o.crls.onIssued(crl => publisher.track(publisher.enqueueCrl(crl.issuerId, crl.kind)));
  o.certificates.onStatusChange(() => publisher.track(publisher.catchUp()));
  // Starts the cursors now, so that changes from here on are followed.
  publisher.track(publisher.catchUp());
  return publisher;
}

/**
 * The body of the scheduled task (every {@link LDAP_DRAIN_EVERY_SECONDS} s): drains the queue and
 * sets the `yinxin_ca_ldap_queue_depth` gauge.
 */
export function ldapPublicationTask(publication: LdapPublication, logger?: PublicationLogger): () => Promise<void> {
  return async () => {
    if (publication.state !== 'enabled') return;
    const result = await publication.drain();
    publicationMetrics.ldapQueueDepth.set(await publication.queueDepth());
    if (result.published > 0) logger?.info(`LDAP publication: wrote ${result.published} entries`);
  };
}
