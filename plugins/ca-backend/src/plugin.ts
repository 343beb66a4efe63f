import { resolve } from 'node:path';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { AuditLog, createApiRouter, migrateAuditLog } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import type { ApplicationProfile } from '@yinxin/plugin-ca-common';
import { migrateCa } from './db/migrations';
import { migrateKmc } from './kmc/migrations';
import { Keystore } from '@yinxin/keystore';
import { loadMasterKey } from '@yinxin/keystore';
import { Hierarchy } from './ca/Hierarchy';
import { CertificateStore } from './ca/CertificateStore';
import { ApplicationService } from './ra/ApplicationService';
import { SubjectStore } from './ra/subjects';
import { KmcService } from './kmc/KmcService';
import { UnlockService } from './unlock/UnlockService';
import { HttpTicketLookup } from './unlock/TicketLookup';
import { applicationProfiles } from './profiles/profiles';
import { CrlService } from './publication/CrlService';
import { ServiceCertificates } from './publication/ServiceCertificates';
import { OcspResponder } from './publication/OcspResponder';
import { TsaService } from './publication/TsaService';
import { recordCrl } from './publication/metrics';
import { LDAP_DRAIN_EVERY_SECONDS, ldapPublicationBase, ldapPublicationTask, readLdapConfig, startLdapPublication } from './publication/ldap';
import { registerCaRoutes } from './router';

/** The API router of the last started instance, for the route-matrix test. */
export let lastCaApi: ApiRouter | undefined;

/**
 * Backend plugin `ca`: SM2/RSA CA, RA workflow, KMC and USB-key unlock. Configuration under
 * `yinxin.ca` (`organisation`, `masterKey` or `masterKeyFile`, `publicBaseUrl`, `ldapUrl`,
 * `hierarchy: development | external`, `rsaBits`, `profiles.<id>.requiredApprovals|validityDays`,
 * `crl.fullValidityHours|deltaValidityMinutes|fullEveryMinutes|deltaEveryMinutes|rebuildDelayMs`,
 * `ocsp.validityMinutes|maxCached`, `tsa.policy`, `ldap.url|publicUrl|baseDn|bindDn|bindPassword|enabled|subscriberEntries`)
 * and `yinxin.kmc` (`masterKey` or `masterKeyFile`, `poolLowWater`, `poolTarget`,
 * `judicialApprovals`).
 */
export const caPlugin = createBackendPlugin({
  pluginId: 'ca',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
      },
      async init({ database, httpRouter, httpAuth, auth, discovery, permissions, logger, config, scheduler }) {
        const knex = await database.getClient();
        await migrateCa(knex);
        await migrateKmc(knex);
        await migrateAuditLog(knex);
        const ca = config.getOptionalConfig('yinxin.ca');
        const kmcCfg = config.getOptionalConfig('yinxin.kmc');
        const production = process.env.NODE_ENV === 'production';
        const caKey = loadMasterKey({
          hex: ca?.getOptionalString('masterKey'),
          file: resolve(ca?.getOptionalString('masterKeyFile') ?? '../../.data/secrets/ca-master.key'),
          allowFile: !production,
          what: 'yinxin.ca.masterKey',
        });
        const kmcKey = loadMasterKey({
          hex: kmcCfg?.getOptionalString('masterKey'),
          file: resolve(kmcCfg?.getOptionalString('masterKeyFile') ?? '../../.data/secrets/kmc-master.key'),
          allowFile: !production,
          what: 'yinxin.kmc.masterKey',
        });
        for (const [what, k] of [['CA keystore', caKey], ['KMC', kmcKey]] as const) {
          if (k.source !== 'config') logger.warn(`${what} master key read from a development key file (${k.source}); production must configure it`);
        }
        const organisation = ca?.getOptionalString('organisation') ?? '印信数字证书认证中心（开发环境）';
        const backendBase = config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007';
        const ldapConfig = readLdapConfig(ca?.getOptionalConfig('ldap'));
        const urls = {
          httpBase: ca?.getOptionalString('publicBaseUrl') ?? `${backendBase}/api/ca/public`,
          ldapBase: ldapConfig ? ldapPublicationBase(ldapConfig) : ca?.getOptionalString('ldapUrl'),
        };
        const audit = new AuditLog({ knex, source: 'ca' });
        const keystore = new Keystore(knex, caKey.key.derive('keystore'), { rsaBits: ca?.getOptionalNumber('rsaBits') });
        const hierarchy = new Hierarchy({ knex, keystore, audit, urls, organisation });
        const kmc = new KmcService({
          knex,
          kek: kmcKey.key,
          audit,
          poolLowWater: kmcCfg?.getOptionalNumber('poolLowWater'),
          poolTarget: kmcCfg?.getOptionalNumber('poolTarget'),
          judicialApprovals: kmcCfg?.getOptionalNumber('judicialApprovals'),
        });
        const certificates = new CertificateStore(knex, audit, kmc, organisation);
        const subjects = new SubjectStore(knex, caKey.key.derive('pii'), audit);
        const overrides: Partial<Record<ApplicationProfile, { requiredApprovals?: number; validityDays?: number }>> = {};
        const profCfg = ca?.getOptionalConfig('profiles');
        for (const key of profCfg?.keys() ?? []) {
          overrides[key as ApplicationProfile] = {
            requiredApprovals: profCfg!.getOptionalNumber(`${key}.requiredApprovals`),
            validityDays: profCfg!.getOptionalNumber(`${key}.validityDays`),
          };
        }
        const tokenKeys = caKey.key.derive('token-unlock');
        const applications = new ApplicationService({ knex, audit, hierarchy, certificates, subjects, kmc, profiles: applicationProfiles(overrides), urls, tokenKeys, caName: organisation });
        const unlock = new UnlockService(knex, tokenKeys, audit, new HttpTicketLookup(discovery, auth));

        if ((ca?.getOptionalString('hierarchy') ?? 'development') === 'development') {
          if (await hierarchy.ensureDevelopmentHierarchy()) logger.info('created the development CA hierarchy (SM2 and RSA roots and issuing CAs)');
        }
        const generated = await kmc.refillIfLow();
        if (generated) logger.info(`KMC standby pool: generated ${generated} SM2 key pairs`);

        const crlCfg = ca?.getOptionalConfig('crl');
        const crls = new CrlService({
          knex,
          audit,
          hierarchy,
          urls,
          schedule: {
            fullValidityHours: crlCfg?.getOptionalNumber('fullValidityHours'),
            deltaValidityMinutes: crlCfg?.getOptionalNumber('deltaValidityMinutes'),
            fullEveryMinutes: crlCfg?.getOptionalNumber('fullEveryMinutes'),
            deltaEveryMinutes: crlCfg?.getOptionalNumber('deltaEveryMinutes'),
            rebuildDelayMs: crlCfg?.getOptionalNumber('rebuildDelayMs'),
          },
          onError: e => logger.error(`CRL rebuild failed: ${e}`),
        });
        certificates.onStatusChange(issuerId => crls.requestRebuild(issuerId));
        crls.onIssued(recordCrl);
        try {
          const issued = await crls.refresh();
          if (issued.length) logger.info(`issued ${issued.length} CRLs`);
          for (const crl of await crls.status()) recordCrl(crl);
        } catch (e) {
          logger.error(`could not issue CRLs at start: ${e}`);
        }

        const services = new ServiceCertificates({ knex, audit, keystore, hierarchy, certificates, urls });
        try {
          const made = await services.ensure();
          if (made) logger.info(`issued ${made} OCSP responder and TSA certificates`);
        } catch (e) {
          logger.error(`could not issue OCSP/TSA certificates: ${e}`);
        }
        const ocspCfg = ca?.getOptionalConfig('ocsp');
        const ocsp = new OcspResponder({
          knex,
          services,
          settings: { validityMinutes: ocspCfg?.getOptionalNumber('validityMinutes'), maxCached: ocspCfg?.getOptionalNumber('maxCached') },
        });
        certificates.onStatusChange(issuerId => ocsp.invalidate(issuerId));
        const tsa = new TsaService({ knex, services, policy: ca?.getOptionalString('tsa.policy') });

        const ldap = startLdapPublication({ knex, audit, crls, certificates, config: ldapConfig, logger });

        const api = createApiRouter({ httpAuth, permissions, logger, anonymousPerMinute: config.getOptionalNumber('yinxin.publicRateLimit.perMinute') });
        registerCaRoutes(api, { hierarchy, certificates, applications, subjects, kmc, unlock, crls, ocsp, tsa, ldap, services, audit, knex, urls: { ...urls, apiBase: `${backendBase}/api/ca` }, ldapRead: ldapConfig ? { url: ldapConfig.publicUrl ?? ldapConfig.url, baseDn: ldapConfig.baseDn } : undefined });
        lastCaApi = api;
        httpRouter.use(api.router);
        httpRouter.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/tsa', allow: 'unauthenticated' });

        await scheduler.scheduleTask({
          id: 'ca-crl-refresh',
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await crls.refresh();
          },
        });
        await scheduler.scheduleTask({
          id: 'ca-ocsp-tsa-upkeep',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            // New or expiring service certificates first, then cached answers past their refresh point.
            if (await services.ensure()) ocsp.reloadIssuers();
            await ocsp.refresh();
          },
        });
        await scheduler.scheduleTask({
          id: 'ca-ldap-publish',
          frequency: { seconds: LDAP_DRAIN_EVERY_SECONDS },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          fn: ldapPublicationTask(ldap, logger),
        });
        await scheduler.scheduleTask({
          id: 'kmc-pool-refill',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const n = await kmc.refillIfLow();
            if (n) logger.info(`KMC standby pool: generated ${n} SM2 key pairs`);
          },
        });
      },
    });
  },
});
