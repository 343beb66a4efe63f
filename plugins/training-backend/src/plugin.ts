import { resolve } from 'node:path';
import { coreServices, createBackendPlugin, type RootConfigService } from '@backstage/backend-plugin-api';
import { AuditLog, createApiRouter, migrateAuditLog, permissionRoomAuthorizer, realtimeServiceRef } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import { DEFAULT_SIZE_LIMITS, TRAINING_NEWS_EVENT, TRAINING_NEWS_ROOM, learnReadPermission, type MaterialKind } from '@yinxin/plugin-training-common';
import { migrateTraining } from './db/migrations';
import { pdfDocRenderers, type PdfRenderers } from './export/pdfDoc';
import { FileStore } from './files/FileStore';
import { OfficePreview } from './files/OfficePreview';
import { DEFAULT_STREAM_TTL_MS, streamKey } from './files/streamToken';
import { findExecutable } from './files/tools';
import { registerTrainingRoutes } from './router';
import { SearchIndex } from './search/SearchIndex';
import type { ServiceContext } from './services/context';
import { MaterialService } from './services/MaterialService';
import { PlanService } from './services/PlanService';
import { ReportService } from './services/ReportService';
import { SessionService } from './services/SessionService';
import { TrainerService } from './services/TrainerService';

/** The API router and services of the last started instance (route-matrix and journey tests). */
export let lastTraining: { api: ApiRouter; store: FileStore; materials: MaterialService; preview: OfficePreview } | undefined;

/** Options of {@link createTrainingPlugin} (for tests; the backend uses {@link trainingPlugin}). */
export interface TrainingPluginOptions {
  /** the plugin's clock (default: the system clock) */
  clock?: () => Date;
  /** PDF renderers (default: those `@yinxin/pdf-doc` exports) */
  renderers?: PdfRenderers;
}

/** The size limits from `yinxin.training.limits` (bytes), with the defaults. */
export function readLimits(cfg: ReturnType<RootConfigService['getOptionalConfig']>): Record<MaterialKind, number> {
  const limit = (key: string, fallback: number) => {
    const v = cfg?.getOptionalNumber(`limits.${key}`);
    if (v === undefined) return fallback;
    if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`yinxin.training.limits.${key}: a positive number of bytes`);
    return v;
  };
  return {
    document: limit('documentBytes', DEFAULT_SIZE_LIMITS.document),
    video: limit('videoBytes', DEFAULT_SIZE_LIMITS.video),
    image: limit('imageBytes', DEFAULT_SIZE_LIMITS.image),
  };
}

/**
 * Makes the training backend plugin. Configuration under `yinxin.training` (see config.d.ts and
 * README.md): `storageDir`, `limits.{documentBytes,videoBytes,imageBytes}`, `pdftotext`,
 * `soffice`, `certificateIssuer`, `streamSecret`, `streamTtlSeconds`.
 */
export function createTrainingPlugin(options: TrainingPluginOptions = {}) {
  return createBackendPlugin({
    pluginId: 'training',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          hub: realtimeServiceRef,
        },
        async init({ database, httpRouter, httpAuth, auth, permissions, logger, config, hub }) {
          const knex = await database.getClient();
          await migrateTraining(knex);
          await migrateAuditLog(knex);
          const cfg = config.getOptionalConfig('yinxin.training');
          const clock = options.clock ?? (() => new Date());
          const limits = readLimits(cfg);
          const streamSecret = cfg?.getOptionalString('streamSecret');
          const key = streamKey(streamSecret);
          if (!streamSecret) logger.info('yinxin.training.streamSecret not set: signed video URLs use a key of this process (one replica)');
          const ttlSeconds = cfg?.getOptionalNumber('streamTtlSeconds');
          if (ttlSeconds !== undefined && (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 10 || ttlSeconds > 86_400)) {
            throw new Error('yinxin.training.streamTtlSeconds: a whole number of seconds from 10 to 86400');
          }
          const streamTtlMs = ttlSeconds === undefined ? DEFAULT_STREAM_TTL_MS : ttlSeconds * 1000;

          const store = new FileStore(resolve(cfg?.getOptionalString('storageDir') ?? '../../.data/training'));
          const stale = await store.init(clock().getTime());
          if (stale) logger.info(`removed ${stale} stale partial uploads`);
          const pdftotext = findExecutable(['pdftotext'], cfg?.getOptionalString('pdftotext'));
          const soffice = findExecutable(['soffice', 'libreoffice'], cfg?.getOptionalString('soffice'));
          if (!pdftotext) logger.warn('pdftotext (poppler-utils) not found: PDF text is not indexed for search');
          if (!soffice) logger.info('LibreOffice (soffice) not found: office files have no PDF preview (preview: unavailable)');
          const renderers = options.renderers ?? pdfDocRenderers();
          if (!renderers.renderCertificate || !renderers.renderPdf) logger.warn('@yinxin/pdf-doc renderers missing: certificates and PDF exports answer RENDERER_UNAVAILABLE');

          const audit = new AuditLog({ knex, source: 'training', clock });
          const ctx: ServiceContext = {
            knex,
            audit,
            clock,
            news: event => hub.publish(TRAINING_NEWS_ROOM, TRAINING_NEWS_EVENT, event),
          };
          const search = new SearchIndex(knex);
          const preview = new OfficePreview(store, soffice);
          const materials = new MaterialService(ctx, {
            store,
            search,
            preview,
            limits,
            inspect: { pdftotext },
            onRefusedUpload: r => logger.warn(`refused upload '${r.fileName}' by ${r.actor}: ${r.reason}`),
          });
          const trainers = new TrainerService(ctx);
          const plans = new PlanService(ctx, trainers);
          const sessions = new SessionService(ctx, trainers, { renderers, issuer: cfg?.getOptionalString('certificateIssuer') ?? '电子签名服务项目组' });
          const reports = new ReportService(ctx);

          hub.registerRooms('training:', permissionRoomAuthorizer({ auth, permissions, permission: learnReadPermission }));

          const api = createApiRouter({ httpAuth, permissions, logger });
          registerTrainingRoutes(api, { ctx, audit, materials, search, plans, trainers, sessions, reports, preview, renderers, limits, pdfText: !!pdftotext, streamKey: key, streamTtlMs });
          lastTraining = { api, store, materials, preview };
          // signed stream URLs carry their own credential (a <video> element sends no bearer token)
          httpRouter.addAuthPolicy({ path: '/stream', allow: 'unauthenticated' });
          httpRouter.use(api.router);
        },
      });
    },
  });
}

/**
 * Backend plugin `training`: materials with review and versions, previews, full-text search,
 * plans and courses, qualified trainers, sessions with enrolment, attendance and feedback,
 * certificates, records and reports; news in the realtime room `training:news`.
 */
export const trainingPlugin = createTrainingPlugin();
