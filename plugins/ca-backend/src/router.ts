import { z } from 'zod';
import { OCSP_REQUEST_MAX_BYTES, TIME_STAMP_REQ_MAX_BYTES, parseCertificate, pemEncode } from '@yinxin/gm';
import { ApiError, ApiRouter, AuditLog, parseInput, readRawBody, registerAuditRoutes } from '@yinxin/ops-node';
import {
  APPLICATION_PROFILES,
  APPLICATION_STATUSES,
  CERTIFICATE_STATUSES,
  CERTIFICATE_USAGES,
  ID_TYPES,
  KEY_ALGORITHMS,
  RECOVERY_STATUSES,
  REVOCATION_REASONS,
  SUBJECT_KINDS,
  UNLOCK_STATUSES,
  applicationCreatePermission,
  applicationIssuePermission,
  applicationReadPermission,
  applicationReviewPermission,
  authorityManagePermission,
  caHealthReadPermission,
  authorityReadPermission,
  caReportReadPermission,
  certificateReadPermission,
  certificateRevokePermission,
  kmcPoolManagePermission,
  kmcRecoveryApprovePermission,
  kmcRecoveryReadPermission,
  kmcRecoveryRequestPermission,
  kmcStatsReadPermission,
  serviceCertificateIssuePermission,
  serviceCertificateRevokePermission,
  subjectReadPermission,
  subjectWritePermission,
  unlockRequestPermission,
  unlockVerifyPermission,
} from '@yinxin/plugin-ca-common';
import type { Hierarchy } from './ca/Hierarchy';
import type { PublicationUrls } from './ca/CertificateFactory';
import type { CertificateStore } from './ca/CertificateStore';
import type { ApplicationService } from './ra/ApplicationService';
import type { SubjectStore } from './ra/subjects';
import type { KmcService } from './kmc/KmcService';
import type { UnlockService } from './unlock/UnlockService';
import type { CrlService } from './publication/CrlService';
import type { OcspResponder, OcspAnswer } from './publication/OcspResponder';
import type { TsaService } from './publication/TsaService';
import type { LdapPublication } from './publication/ldap';
import { caHealthReport } from './publication/healthReport';
import { PLUGIN_CERTIFICATE_PURPOSES, type ServiceCertificates } from './publication/ServiceCertificates';
import { checkCsrFor } from './ra/ApplicationService';
import { publicationMetrics } from './publication/metrics';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const uuid = z.string().uuid();
const idOf = (v: string) => parseInput(uuid, v);
const pemText = z.string().min(1).max(64 * 1024);

const subjectSchema = z.object({
  kind: z.enum(SUBJECT_KINDS),
  name: text(64),
  organisation: optText(64),
  orgUnit: optText(64),
  province: optText(64),
  city: optText(64),
  idType: z.enum(ID_TYPES).optional(),
  idNumber: z.string().trim().regex(/^[0-9A-Za-z]{5,32}$/).optional(),
  creditCode: z.string().trim().regex(/^[0-9A-Z]{18}$/).optional(),
  email: z.string().trim().email().max(200).optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,32}$/).optional(),
  dnsNames: z.array(z.string().trim().regex(/^(\*\.)?([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i)).max(20).optional(),
});
const tokenSerialSchema = z.string().trim().regex(/^[0-9A-Za-z-]{4,64}$/);
const ticketIdSchema = z.string().trim().regex(/^\d{1,10}$/);
const applicationSchema = z.object({
  subjectId: uuid,
  profile: z.enum(APPLICATION_PROFILES),
  csrPem: pemText,
  tokenSerial: tokenSerialSchema.optional(),
  ticketId: ticketIdSchema.optional(),
});
const listQuery = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  q: optText(100),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
const certQuery = z.object({
  q: optText(100),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  expired: z.enum(['true', 'false']).optional(),
  usage: z.enum(CERTIFICATE_USAGES).optional(),
  algorithm: z.enum(KEY_ALGORITHMS).optional(),
  issuerId: uuid.optional(),
  subjectId: uuid.optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
const revocationReasons = Object.keys(REVOCATION_REASONS).filter(r => r !== 'certificateHold') as [string, ...string[]];

/** What the routes need. */
export interface CaRoutesDeps {
  hierarchy: Hierarchy;
  certificates: CertificateStore;
  applications: ApplicationService;
  subjects: SubjectStore;
  kmc: KmcService;
  unlock: UnlockService;
  crls: CrlService;
  ocsp: OcspResponder;
  tsa: TsaService;
  ldap: LdapPublication;
  /** service keys: the CA's own and other plugins' */
  services: ServiceCertificates;
  audit: AuditLog;
  knex: import('knex').Knex;
  /** Public URLs: `httpBase` of the publication routes, `apiBase` of the CA API (TSA). */
  urls: PublicationUrls & { apiBase: string };
  /** The LDAP server relying parties read and its suffix, when LDAP publication is on (health report). */
  ldapRead?: { url: string; baseDn: string };
}

/** Registers every route of the CA API (see README.md). */
export function registerCaRoutes(api: ApiRouter, d: CaRoutesDeps) {
  const { hierarchy, certificates, applications, subjects, kmc, unlock } = d;
  const actorOf = (ctx: { userRef?: string; actor: string }) => ctx.userRef ?? ctx.actor;
  const parse = (der: Uint8Array) => parseCertificate(der);

  // ---- profiles and hierarchy -----------------------------------------------------------------
  api.route({ method: 'get', path: '/profiles', access: { permissions: [authorityReadPermission, applicationCreatePermission, applicationReadPermission] } }, async () =>
    applications.profiles(),
  );
  api.route({ method: 'get', path: '/authorities', access: { permissions: [authorityReadPermission] } }, async () => hierarchy.list());
  api.route({ method: 'get', path: '/authorities/:id/certificate', access: { permissions: [authorityReadPermission] } }, async ({ req, res }) => {
    const row = await hierarchy.row(idOf(req.params.id));
    if (!row.certificate_der) throw new ApiError('NOT_FOUND', 'This authority has no certificate yet');
    const der = Buffer.from(row.certificate_der, 'base64');
    if (req.query.format === 'der') res.type('application/pkix-cert').attachment(`${row.serial}.cer`).send(der);
    else res.type('application/x-pem-file').attachment(`${row.serial}.pem`).send(pemEncode('CERTIFICATE', der));
  });
  api.route(
    { method: 'post', path: '/authorities/external', access: { permissions: [authorityManagePermission] }, sampleBody: { name: '测试签发 CA', algorithm: 'SM2' } },
    async ctx => {
      const body = parseInput(z.object({ name: text(64), algorithm: z.enum(KEY_ALGORITHMS) }), ctx.req.body);
      return { status: 201, body: await hierarchy.createExternal(actorOf(ctx), body.name, body.algorithm) };
    },
  );
  api.route({ method: 'get', path: '/authorities/:id/csr', access: { permissions: [authorityManagePermission] } }, async ({ req, res }) => {
    res.type('application/pkcs10').attachment('issuing-ca.csr').send(await hierarchy.csrPem(idOf(req.params.id)));
  });
  api.route(
    { method: 'post', path: '/authorities/:id/certificate', access: { permissions: [authorityManagePermission] }, sampleBody: { certificatePem: 'x', anchorPem: 'x' } },
    async ctx => {
      const body = parseInput(z.object({ certificatePem: pemText, anchorPem: pemText }), ctx.req.body);
      return hierarchy.importCertificate(actorOf(ctx), idOf(ctx.req.params.id), body.certificatePem, body.anchorPem);
    },
  );

  // ---- subjects -------------------------------------------------------------------------------
  api.route(
    { method: 'post', path: '/subjects', access: { permissions: [subjectWritePermission] }, sampleBody: { kind: 'organisation', name: '示例单位', creditCode: '91350100M000100Y43' } },
    async ctx => ({ status: 201, body: await subjects.create(actorOf(ctx), parseInput(subjectSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/subjects', access: { permissions: [subjectReadPermission] } }, async ({ req }) => {
    const q = parseInput(z.object({ q: optText(100), kind: z.enum(SUBJECT_KINDS).optional() }), req.query);
    return subjects.search(q.q, q.kind);
  });
  api.route({ method: 'get', path: '/subjects/:id', access: { permissions: [subjectReadPermission] } }, async ({ req }) => subjects.get(idOf(req.params.id)));

  // ---- applications ---------------------------------------------------------------------------
  api.route(
    { method: 'post', path: '/applications', access: { permissions: [applicationCreatePermission] }, sampleBody: { subjectId: '00000000-0000-4000-8000-000000000000', profile: 'rsa-sign', csrPem: 'x' } },
    async ctx => ({ status: 201, body: await applications.submit(actorOf(ctx), parseInput(applicationSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/applications', access: { permissions: [applicationReadPermission] } }, async ({ req }) => applications.list(parseInput(listQuery, req.query)));
  api.route({ method: 'get', path: '/applications/:id', access: { permissions: [applicationReadPermission] } }, async ({ req }) => applications.get(idOf(req.params.id)));
  api.route({ method: 'post', path: '/applications/:id/approve', access: { permissions: [applicationReviewPermission] } }, async ctx => {
    const body = parseInput(z.object({ comment: optText(500) }), ctx.req.body ?? {});
    return applications.approve(actorOf(ctx), idOf(ctx.req.params.id), body.comment);
  });
  api.route({ method: 'post', path: '/applications/:id/reject', access: { permissions: [applicationReviewPermission] }, sampleBody: { reason: '资料不全' } }, async ctx => {
    const body = parseInput(z.object({ reason: text(500) }), ctx.req.body);
    return applications.reject(actorOf(ctx), idOf(ctx.req.params.id), body.reason);
  });
  api.route({ method: 'post', path: '/applications/:id/issue', access: { permissions: [applicationIssuePermission] } }, async ctx => {
    const issued = await applications.issue(actorOf(ctx), idOf(ctx.req.params.id));
    // Queued for the directory after the commit; the catch-up pass would find them too.
    await d.ldap.enqueueIssued(issued.certificateIds);
    return issued;
  });
  api.route({ method: 'get', path: '/applications/:id/response', access: { permissions: [applicationCreatePermission] } }, async ({ req }) => applications.response(idOf(req.params.id)));

  // ---- certificates ---------------------------------------------------------------------------
  api.route({ method: 'get', path: '/certificates', access: { permissions: [certificateReadPermission] } }, async ({ req }) => {
    const q = parseInput(certQuery, req.query);
    return certificates.search({ ...q, expired: q.expired === undefined ? undefined : q.expired === 'true' });
  });
  api.route({ method: 'get', path: '/certificates/:id', access: { permissions: [certificateReadPermission] } }, async ({ req }) => certificates.detail(idOf(req.params.id), undefined, parse));
  api.route({ method: 'get', path: '/certificates/:id/download', access: { permissions: [certificateReadPermission] } }, async ({ req, res }) => {
    const format = parseInput(z.enum(['pem', 'der', 'p7b']).default('pem'), req.query.format);
    const row = await certificates.row(idOf(req.params.id));
    const file = await certificates.download(row.id, format, await hierarchy.chainDer(row.issuer_id));
    res.type(file.contentType).attachment(file.filename).send(file.body);
  });
  api.route({ method: 'post', path: '/certificates/:id/renew', access: { permissions: [applicationCreatePermission] } }, async ctx => ({
    status: 201,
    body: await applications.renew(actorOf(ctx), idOf(ctx.req.params.id)),
  }));
  api.route({ method: 'post', path: '/certificates/:id/rekey', access: { permissions: [applicationCreatePermission] }, sampleBody: { csrPem: 'x' } }, async ctx => {
    const body = parseInput(z.object({ csrPem: pemText }), ctx.req.body);
    return { status: 201, body: await applications.rekey(actorOf(ctx), idOf(ctx.req.params.id), body.csrPem) };
  });
  api.route({ method: 'post', path: '/certificates/:id/revoke', access: { permissions: [certificateRevokePermission] }, sampleBody: { reason: 'keyCompromise' } }, async ctx => {
    const body = parseInput(z.object({ reason: z.enum(revocationReasons), invalidityDate: z.string().datetime().optional(), comment: optText(500) }), ctx.req.body);
    const id = idOf(ctx.req.params.id);
    await certificates.revoke(actorOf(ctx), id, body.reason as keyof typeof REVOCATION_REASONS, { invalidityDate: body.invalidityDate ? new Date(body.invalidityDate) : undefined, comment: body.comment });
    return certificates.detail(id, undefined, parse);
  });
  api.route({ method: 'post', path: '/certificates/:id/hold', access: { permissions: [certificateRevokePermission] } }, async ctx => {
    const body = parseInput(z.object({ comment: optText(500) }), ctx.req.body ?? {});
    const id = idOf(ctx.req.params.id);
    await certificates.hold(actorOf(ctx), id, body.comment);
    return certificates.detail(id, undefined, parse);
  });
  api.route({ method: 'post', path: '/certificates/:id/release', access: { permissions: [certificateRevokePermission] } }, async ctx => {
    const body = parseInput(z.object({ comment: optText(500) }), ctx.req.body ?? {});
    const id = idOf(ctx.req.params.id);
    await certificates.release(actorOf(ctx), id, body.comment);
    return certificates.detail(id, undefined, parse);
  });
  api.route({ method: 'get', path: '/stats/issuance', access: { permissions: [caReportReadPermission] } }, async ({ req }) => {
    const q = parseInput(z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }), req.query);
    return certificates.issuance(q.days);
  });

  // ---- KMC ------------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/kmc/stats', access: { permissions: [kmcStatsReadPermission] } }, async () => kmc.stats());
  api.route({ method: 'post', path: '/kmc/pool/refill', access: { permissions: [kmcPoolManagePermission] }, sampleBody: { count: 1 } }, async ctx => {
    const body = parseInput(z.object({ count: z.number().int().min(1).max(1000).optional() }), ctx.req.body ?? {});
    await kmc.refillPool({ count: body.count, actor: actorOf(ctx) });
    return kmc.stats();
  });
  api.route({ method: 'get', path: '/kmc/recoveries', access: { permissions: [kmcRecoveryReadPermission] } }, async ({ req }) => {
    const q = parseInput(z.object({ status: z.enum(RECOVERY_STATUSES).optional() }), req.query);
    return kmc.listRecoveries(q.status);
  });
  api.route(
    {
      method: 'post',
      path: '/kmc/recoveries',
      access: { permissions: [kmcRecoveryRequestPermission, kmcRecoveryApprovePermission] },
      sampleBody: { kind: 'user', certificateId: '00000000-0000-4000-8000-000000000000', reason: '证书介质损坏' },
    },
    async ctx => {
      const body = parseInput(
        z.object({
          kind: z.enum(['user', 'judicial']),
          certificateId: uuid,
          reason: text(500),
          caseReference: optText(200),
          recipientCertificateId: uuid.optional(),
        }),
        ctx.req.body,
      );
      if (body.kind === 'user' && !ctx.granted(kmcRecoveryRequestPermission)) throw new ApiError('FORBIDDEN', 'User key recovery is requested by the RA');
      if (body.kind === 'judicial') {
        if (!ctx.granted(kmcRecoveryApprovePermission)) throw new ApiError('FORBIDDEN', 'Judicial recovery is opened by a KMC officer');
        if (!body.caseReference || !body.recipientCertificateId) throw new ApiError('VALIDATION_FAILED', 'Judicial recovery needs a case reference and the recipient certificate');
      }
      const recovery = await d.knex.transaction(async trx => {
        let cert = await certificates.row(body.certificateId, trx);
        if (cert.usage !== 'encrypt' && cert.pair_id) cert = await certificates.row(cert.pair_id, trx);
        if (cert.usage !== 'encrypt' || !cert.kmc_key_id) throw new ApiError('VALIDATION_FAILED', 'Only an encryption certificate has an escrowed key');
        if (body.recipientCertificateId) {
          const recipient = await certificates.row(body.recipientCertificateId, trx);
          if (recipient.key_algorithm !== 'SM2' || recipient.status !== 'good' || recipient.not_after < new Date().toISOString())
            throw new ApiError('VALIDATION_FAILED', 'The recipient certificate must be a current SM2 certificate of this CA');
        }
        const subject = cert.subject_id ? await subjects.get(cert.subject_id, trx) : undefined;
        return kmc.requestRecovery(trx, {
          kind: body.kind,
          userCertNo: cert.kmc_key_id,
          certificateId: cert.id,
          certificateSerial: cert.serial,
          subjectName: subject?.name,
          requestedBy: actorOf(ctx),
          reason: body.reason,
          caseReference: body.caseReference,
          recipientCertificateId: body.kind === 'judicial' ? body.recipientCertificateId : undefined,
        });
      });
      return { status: 201, body: recovery };
    },
  );
  api.route({ method: 'post', path: '/kmc/recoveries/:id/approve', access: { permissions: [kmcRecoveryApprovePermission] } }, async ctx => {
    const body = parseInput(z.object({ comment: optText(500) }), ctx.req.body ?? {});
    return d.knex.transaction(trx => kmc.decideRecovery(trx, idOf(ctx.req.params.id), actorOf(ctx), 'approve', body.comment));
  });
  api.route({ method: 'post', path: '/kmc/recoveries/:id/reject', access: { permissions: [kmcRecoveryApprovePermission] }, sampleBody: { reason: '依据不足' } }, async ctx => {
    const body = parseInput(z.object({ reason: text(500) }), ctx.req.body);
    return d.knex.transaction(trx => kmc.decideRecovery(trx, idOf(ctx.req.params.id), actorOf(ctx), 'reject', body.reason));
  });
  api.route({ method: 'post', path: '/kmc/recoveries/:id/release', access: { permissions: [kmcRecoveryRequestPermission, kmcRecoveryApprovePermission] } }, async ctx => {
    const id = idOf(ctx.req.params.id);
    return d.knex.transaction(async trx => {
      const r = await kmc.recovery(id, trx);
      if (r.kind === 'judicial' && !ctx.granted(kmcRecoveryApprovePermission)) throw new ApiError('FORBIDDEN', 'Judicial recovery is released to a KMC officer');
      // User recovery: to the subscriber's current signing key; judicial: to the recipient's key.
      let recipientId: string;
      if (r.kind === 'user') {
        const enc = await certificates.row(r.certificateId, trx);
        let sign = enc.pair_id ? await certificates.row(enc.pair_id, trx) : undefined;
        while (sign?.replaced_by) sign = await certificates.row(sign.replaced_by, trx);
        if (!sign) throw new ApiError('CONFLICT', 'The encryption certificate has no signing certificate to envelope to');
        recipientId = sign.id;
      } else recipientId = r.recipientCertificateId!;
      const recipient = await certificates.row(recipientId, trx);
      const info = parseCertificate(Buffer.from(recipient.der, 'base64'));
      if (info.publicKey.algorithm !== 'SM2') throw new ApiError('CONFLICT', 'The recipient key is not SM2');
      const out = await kmc.releaseRecovery(trx, id, actorOf(ctx), info.publicKey.publicKey);
      await certificates.event(trx, r.certificateId, actorOf(ctx), 'key-recovered', { recoveryId: id, kind: r.kind, recipientCertificateId: recipientId, recipientSerial: recipient.serial });
      return { recovery: out.recovery, envelopedKey: Buffer.from(out.envelopedKey).toString('base64'), recipientCertificateId: recipientId };
    });
  });

  // ---- USB-key unlock -------------------------------------------------------------------------
  api.route(
    { method: 'post', path: '/unlock', access: { permissions: [unlockRequestPermission] }, sampleBody: { tokenSerial: 'TOKEN-0001', challenge: '04'.padEnd(130, '0') } },
    async ctx => {
      const body = parseInput(z.object({ tokenSerial: tokenSerialSchema, challenge: z.string().trim().max(200), ticketId: ticketIdSchema.optional() }), ctx.req.body);
      return { status: 201, body: await unlock.request(actorOf(ctx), body) };
    },
  );
  api.route({ method: 'get', path: '/unlock', access: { permissions: [unlockRequestPermission, unlockVerifyPermission] } }, async ({ req }) => {
    const q = parseInput(z.object({ status: z.enum(UNLOCK_STATUSES).optional() }), req.query);
    return unlock.list(q.status);
  });
  api.route({ method: 'post', path: '/unlock/:id/verify', access: { permissions: [unlockVerifyPermission] }, sampleBody: { method: 'in-person', note: '核验身份证原件' } }, async ctx => {
    const body = parseInput(z.object({ method: z.enum(['ticket', 'in-person']), note: text(500) }), ctx.req.body);
    return unlock.verify(actorOf(ctx), idOf(ctx.req.params.id), body.method, body.note);
  });
  api.route({ method: 'post', path: '/unlock/:id/reject', access: { permissions: [unlockVerifyPermission] }, sampleBody: { reason: '身份不符' } }, async ctx => {
    const body = parseInput(z.object({ reason: text(500) }), ctx.req.body);
    return unlock.reject(actorOf(ctx), idOf(ctx.req.params.id), body.reason);
  });
  api.route({ method: 'post', path: '/unlock/:id/response', access: { permissions: [unlockRequestPermission] } }, async ctx => unlock.respond(actorOf(ctx), idOf(ctx.req.params.id)));

  // ---- CRLs -----------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/crls', access: { permissions: [authorityReadPermission] } }, async () => d.crls.status());
  api.route(
    { method: 'post', path: '/crls/:issuerId/issue', access: { permissions: [authorityManagePermission] }, sampleBody: { kind: 'full' } },
    async ctx => {
      const body = parseInput(z.object({ kind: z.enum(['full', 'delta']).default('full') }), ctx.req.body ?? {});
      const issuerId = idOf(ctx.req.params.issuerId);
      await hierarchy.row(issuerId);
      const crl = await d.crls.issue(issuerId, body.kind);
      return { issuerId, kind: crl.kind, number: crl.number, thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: crl.nextUpdate.toISOString(), entries: crl.entries, url: d.crls.url(issuerId, crl.kind) };
    },
  );
  // Served at the URLs the certificates carry (CRL distribution point, issuing distribution point).
  api.route({ method: 'get', path: '/public/crl/:file', access: { public: true } }, async ({ req, res }) => {
    const m = /^([0-9a-f-]{36})(-delta)?\.crl$/.exec(req.params.file);
    const kind = m?.[2] ? 'delta' : 'full';
    if (!m) {
      publicationMetrics.crlRequests.inc({ kind, code: '404' });
      throw new ApiError('NOT_FOUND', 'No such CRL');
    }
    const crl = await d.crls.latest(idOf(m[1]), kind).catch(e => {
      publicationMetrics.crlRequests.inc({ kind, code: '404' });
      throw e;
    });
    publicationMetrics.crlRequests.inc({ kind, code: '200' });
    const etag = `"${crl.issuerId}-${crl.number}"`;
    const maxAge = Math.max(0, Math.min(300, Math.floor((crl.nextUpdate.getTime() - Date.now()) / 1000)));
    res.set({
      'Cache-Control': `public, max-age=${maxAge}, no-transform`,
      ETag: etag,
      'Last-Modified': crl.thisUpdate.toUTCString(),
      Expires: crl.nextUpdate.toUTCString(),
    });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/pkix-crl').send(crl.der);
  });

  // ---- OCSP (RFC 6960 / RFC 5019) at the AIA URL the certificates carry -----------------------
  const sendOcsp = (res: import('express').Response, answer: OcspAnswer, cacheable: boolean) => {
    res.type('application/ocsp-response');
    if (cacheable && answer.cache) {
      const maxAge = Math.max(0, Math.floor((answer.cache.nextUpdate.getTime() - Date.now()) / 1000));
      res.set({
        'Cache-Control': `max-age=${maxAge}, public, no-transform, must-revalidate`,
        'Last-Modified': answer.cache.thisUpdate.toUTCString(),
        Expires: answer.cache.nextUpdate.toUTCString(),
        ETag: answer.cache.etag,
      });
    } else {
      res.set('Cache-Control', 'no-cache, no-store');
    }
    res.send(Buffer.from(answer.der));
  };
  const answerOcsp = async (method: 'GET' | 'POST', request: Uint8Array, issuerId: string) => {
    const end = publicationMetrics.ocspSeconds.startTimer();
    const answer = await d.ocsp.answer(request, issuerId);
    end();
    publicationMetrics.ocspRequests.inc({ method, outcome: answer.outcome, cached: String(!!answer.fromCache) });
    return answer;
  };
  api.route({ method: 'post', path: '/public/ocsp/:issuerId', access: { public: true }, rawBody: true }, async ({ req, res }) => {
    if (!req.is('application/ocsp-request')) throw new ApiError('VALIDATION_FAILED', 'Content-Type must be application/ocsp-request');
    const body = await readRawBody(req, OCSP_REQUEST_MAX_BYTES);
    sendOcsp(res, await answerOcsp('POST', body, idOf(req.params.issuerId)), false);
  });
  api.route({ method: 'get', path: '/public/ocsp/:issuerId/*', access: { public: true } }, async ({ req, res }) => {
    // RFC 6960 Appendix A.1: the DER request, base64, URL-encoded, after the responder URL
    // (express has decoded it; an undecodable one is refused as 400 before this runs).
    const text = (req.params as Record<string, string>)[0] ?? '';
    if (text.length > 2 * OCSP_REQUEST_MAX_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', 'OCSP request too long');
    const request = /^[A-Za-z0-9+/=_-]+$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
    sendOcsp(res, await answerOcsp('GET', request, idOf(req.params.issuerId)), true);
  });

  // ---- Timestamps (RFC 3161) ------------------------------------------------------------------
  api.route({ method: 'post', path: '/tsa/:algorithm', access: { public: true }, rawBody: true }, async ({ req, res }) => {
    const algorithm = ({ sm2: 'SM2', rsa: 'RSA' } as const)[req.params.algorithm as 'sm2' | 'rsa'];
    if (!algorithm) throw new ApiError('NOT_FOUND', 'Timestamp services: /tsa/sm2 and /tsa/rsa');
    if (!req.is('application/timestamp-query')) throw new ApiError('VALIDATION_FAILED', 'Content-Type must be application/timestamp-query');
    const body = await readRawBody(req, TIME_STAMP_REQ_MAX_BYTES);
    const end = publicationMetrics.tsaSeconds.startTimer();
    const answer = await d.tsa.stamp(algorithm, body);
    end();
    publicationMetrics.tsaRequests.inc({ algorithm, outcome: answer.failure ?? answer.outcome });
    res.type('application/timestamp-reply').set('Cache-Control', 'no-store').send(Buffer.from(answer.der));
  });

  // ---- LDAP publication -----------------------------------------------------------------------
  api.route({ method: 'get', path: '/ldap/status', access: { permissions: [authorityReadPermission] } }, async ({ req }) => {
    const q = parseInput(z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }), req.query);
    return d.ldap.status(q.limit);
  });
  api.route({ method: 'post', path: '/ldap/republish', access: { permissions: [authorityManagePermission] } }, async ctx => d.ldap.republishAll(actorOf(ctx)));

  // ---- Discovery and the status API for integrating systems ------------------------------------
  api.route({ method: 'get', path: '/public/services', access: { public: true } }, async () => {
    const authorities = await hierarchy.list();
    return {
      authorities: authorities
        .filter(a => a.status !== 'awaiting-certificate')
        .map(a => ({
          id: a.id,
          name: a.name,
          algorithm: a.algorithm,
          kind: a.kind,
          certificate: `${d.urls.httpBase}/ca/${a.id}.cer`,
          crl: d.crls.url(a.id, 'full'),
          deltaCrl: d.crls.url(a.id, 'delta'),
          ocsp: `${d.urls.httpBase}/ocsp/${a.id}`,
        })),
      tsa: { sm2: `${d.urls.apiBase}/tsa/sm2`, rsa: `${d.urls.apiBase}/tsa/rsa`, policy: d.tsa.policy },
    };
  });
  api.route({ method: 'get', path: '/public/status/:issuerId/:serial', access: { public: true } }, async ({ req }) => {
    const serial = String(req.params.serial).toLowerCase();
    if (!/^[0-9a-f]{2,40}$/.test(serial)) throw new ApiError('VALIDATION_FAILED', 'serial: hexadecimal');
    return certificates.status(idOf(req.params.issuerId), serial);
  });
  api.route({ method: 'post', path: '/public/status', access: { public: true, throttled: true }, sampleBody: { certificatePem: 'x' } }, async ({ req }) => {
    const body = parseInput(z.object({ certificatePem: pemText }), req.body);
    let info;
    try {
      info = parseCertificate(body.certificatePem);
    } catch {
      throw new ApiError('VALIDATION_FAILED', 'certificatePem: not a certificate');
    }
    const der = Buffer.from(info.der).toString('base64');
    const row = await d.knex('ca_certificates').where({ serial: info.serialHex, der }).first('issuer_id');
    if (!row) return { serial: info.serialHex, status: 'unknown' };
    return certificates.status(row.issuer_id, info.serialHex);
  });

  // ---- health report for the monitor -----------------------------------------------------------
  api.route({ method: 'get', path: '/service/health', access: { permissions: [caHealthReadPermission] } }, async () =>
    caHealthReport({ knex: d.knex, hierarchy, kmc, crls: d.crls, urls: d.urls, ldap: d.ldapRead }),
  );

  // ---- other plugins' service keys (the seal plugin) ------------------------------------------
  api.route(
    {
      method: 'post',
      path: '/service/certificates',
      access: { permissions: [serviceCertificateIssuePermission] },
      sampleBody: { purpose: 'seal-status', algorithm: 'SM2', csrPem: 'x', commonName: '印章状态服务' },
    },
    async ctx => {
      const body = parseInput(
        z.object({
          purpose: z.enum(PLUGIN_CERTIFICATE_PURPOSES),
          algorithm: z.enum(KEY_ALGORITHMS),
          csrPem: pemText,
          commonName: text(64),
          organisation: optText(64),
          validityDays: z.number().int().min(1).max(1095).optional(),
        }),
        ctx.req.body,
      );
      const csr = checkCsrFor(body.csrPem, body.algorithm, `A ${body.purpose} certificate`);
      return d.services.certifyForPlugin(ctx.actor, { ...body, spki: csr.publicKey.spki });
    },
  );

  api.route(
    { method: 'post', path: '/service/certificates/:id/revoke', access: { permissions: [serviceCertificateRevokePermission] }, sampleBody: { reason: 'cessationOfOperation' } },
    async ctx => {
      const body = parseInput(z.object({ reason: z.enum(['cessationOfOperation', 'superseded', 'keyCompromise']), comment: optText(500) }), ctx.req.body);
      await d.services.revokeForPlugin(ctx.actor, idOf(ctx.req.params.id), body.reason, body.comment);
      return { revoked: true };
    },
  );

  // ---- public: CA certificates at the AIA caIssuers URL ---------------------------------------
  api.route({ method: 'get', path: '/public/ca/:file', access: { public: true } }, async ({ req, res }) => {
    const m = /^([0-9a-f-]{36})\.cer$/.exec(req.params.file);
    if (!m) throw new ApiError('NOT_FOUND', 'No such file');
    const row = await hierarchy.row(idOf(m[1]));
    if (!row.certificate_der) throw new ApiError('NOT_FOUND', 'This authority has no certificate yet');
    res.type('application/pkix-cert').send(Buffer.from(row.certificate_der, 'base64'));
  });

  registerAuditRoutes(api, d.audit);
}
