import { z } from 'zod';
import { buildSignedData } from '@yinxin/gm';
import { ApiError, ApiRouter, parseInput } from '@yinxin/ops-node';
import {
  KEY_MODES,
  SEAL_STATUSES,
  SEAL_TYPES,
  USE_REQUEST_STATUSES,
  sealApplyPermission,
  sealMakePermission,
  sealManagePermission,
  sealReadPermission,
  sealReviewPermission,
  sealUsePermission,
  usageReadPermission,
  useRequestApprovePermission,
  useRequestCreatePermission,
  type SealStatusAnswer,
} from '@yinxin/plugin-seal-common';
import type { SealRegistry } from './seals/SealRegistry';
import type { ImpressionMaker } from './seals/impressions';
import type { SealUseService } from './use/SealUseService';
import type { ServiceKeys } from './keys/ServiceKeys';
import { sealMetrics } from './metrics/sealMetrics';
import { lookupPageHtml, lookupPageJs } from './public/lookupPage';

/** Largest data a seal is applied to in one request (decoded). */
export const SIGN_DATA_MAX_BYTES = 8 * 1024 * 1024;
/** Largest uploaded impression (decoded PNG). */
export const UPLOAD_PNG_MAX_BYTES = 2 * 1024 * 1024;

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const uuid = z.string().uuid();
const idOf = (v: string) => parseInput(uuid, v);
const isoTime = z.string().datetime({ offset: true });
const userRef = z.string().regex(/^user:[a-z0-9_-]+\/[A-Za-z0-9_.@-]{1,100}$/, 'a user entity ref such as user:default/name');

/** base64 text decoding to at most `max` bytes */
function base64Of(max: number) {
  return z
    .string()
    .max(Math.ceil((max * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
    .transform(s => Buffer.from(s, 'base64'));
}
const hexHash = z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal digits').transform(s => Buffer.from(s, 'hex'));

const templateSchema = z.object({
  kind: z.enum(['round', 'oval', 'square']),
  sizeMm: z.number().min(10).max(60).optional(),
  text: optText(32),
  lowerText: optText(16),
  code: z.string().regex(/^[0-9A-Za-z-]{1,20}$/).optional(),
});
const policySchema = z.object({
  requireApproval: z.boolean(),
  documentTypes: z.array(text(64)).max(20),
  maxUsesPerApproval: z.number().int().min(1).max(1000).optional(),
  approvalValidDays: z.number().int().min(1).max(365).optional(),
});
const applySchema = z.object({
  type: z.enum(SEAL_TYPES),
  name: text(64),
  ownerName: text(64),
  ownerCode: optText(18),
  keyMode: z.enum(KEY_MODES),
  certificateIds: z.array(uuid).max(20).optional(),
  template: templateSchema.optional(),
  uploadPng: z.string().max(Math.ceil((UPLOAD_PNG_MAX_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').optional(),
  validStart: isoTime.optional(),
  validEnd: isoTime,
  version: z.union([z.literal(1), z.literal(4)]).optional(),
  usePolicy: policySchema.partial().optional(),
  holders: z.array(userRef).max(100).optional(),
  note: optText(500),
});
const useSchema = z
  .object({
    data: base64Of(SIGN_DATA_MAX_BYTES).optional(),
    dataHash: hexHash.optional(),
    documentName: text(255),
    documentType: text(64),
    propertyInfo: optText(1024),
    useRequestId: uuid.optional(),
    timestamp: z.boolean().optional(),
  })
  .refine(b => !!b.data !== !!b.dataHash, 'give data (base64) or dataHash (hex), not both');

/** What the routes need. */
export interface SealRoutesDeps {
  registry: SealRegistry;
  /** draws impression previews */
  impressions: ImpressionMaker;
  uses: SealUseService;
  keys: ServiceKeys;
}

/**
 * Signs a status answer as evidence: a CMS SignedData (SM2/SM3) by the status-service
 * certificate, whose content is the answer's canonical JSON (keys sorted, UTF-8).
 */
export async function signStatusAnswer(keys: ServiceKeys, answer: SealStatusAnswer): Promise<Uint8Array> {
  const key = await keys.get('status');
  const content = Buffer.from(canonicalJson(answer), 'utf8');
  return buildSignedData({ content, signer: key.signer, signerCertificate: key.certificate, chain: key.chain, signingTime: new Date(answer.checkedAt) });
}

/** JSON with object keys sorted and undefined members left out. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(v as object)
    .filter(k => (v as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map(k => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** Registers every route of the seal API (see README.md). */
export function registerSealRoutes(api: ApiRouter, d: SealRoutesDeps) {
  const { registry, uses } = d;
  const actorOf = (ctx: { userRef?: string; actor: string }) => ctx.userRef ?? ctx.actor;
  const reasonBody = (body: unknown, required: boolean) => parseInput(z.object({ reason: required ? text(500) : optText(500) }), body ?? {}).reason;

  // ---- registry --------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/seals', access: { permissions: [sealReadPermission] } }, async ctx => {
    const q = parseInput(
      z.object({
        status: z.enum(SEAL_STATUSES).optional(),
        type: z.enum(SEAL_TYPES).optional(),
        q: optText(64),
        mine: z.enum(['true', 'false']).optional(),
        page: z.coerce.number().int().min(1).max(10_000).optional(),
        pageSize: z.coerce.number().int().min(1).max(100).optional(),
      }),
      ctx.req.query,
    );
    return registry.list({ ...q, holder: q.mine === 'true' ? actorOf(ctx) : undefined });
  });
  api.route(
    {
      method: 'post',
      path: '/seals',
      access: { permissions: [sealApplyPermission] },
      sampleBody: { type: 'official', name: '示例单位', ownerName: '示例单位', keyMode: 'server', validEnd: '2030-01-01T00:00:00Z' },
    },
    async ctx => ({ status: 201, body: await registry.apply(actorOf(ctx), parseInput(applySchema, ctx.req.body)) }),
  );
  // A preview of a template while the application is filled in (SVG of glyph outlines, not stored).
  api.route({ method: 'get', path: '/preview.svg', access: { permissions: [sealApplyPermission] } }, async ({ req, res }) => {
    const q = parseInput(
      z.object({
        kind: z.enum(['round', 'oval', 'square']),
        sizeMm: z.coerce.number().min(10).max(60).optional(),
        text: optText(32),
        lowerText: optText(16),
        ownerName: text(64),
      }),
      req.query,
    );
    const svg = d.impressions.previewSvg({ kind: q.kind, sizeMm: q.sizeMm, text: q.text || undefined, lowerText: q.lowerText || undefined }, { name: q.ownerName, code: '3501000000000' });
    res.type('image/svg+xml').set('Content-Security-Policy', "default-src 'none'").set('Cache-Control', 'private, max-age=300').send(svg);
  });
  api.route({ method: 'get', path: '/seals/:id', access: { permissions: [sealReadPermission] } }, async ({ req }) => registry.detail(idOf(req.params.id)));
  api.route({ method: 'get', path: '/seals/:id/picture.png', access: { permissions: [sealReadPermission] } }, async ({ req, res }) => {
    const p = await registry.picture(idOf(req.params.id), 'png');
    res.type(p.contentType).set('Cache-Control', 'private, max-age=300').send(p.body);
  });
  api.route({ method: 'get', path: '/seals/:id/picture.svg', access: { permissions: [sealReadPermission] } }, async ({ req, res }) => {
    const p = await registry.picture(idOf(req.params.id), 'svg');
    res.type(p.contentType).set('Content-Security-Policy', "default-src 'none'").send(p.body);
  });
  api.route({ method: 'get', path: '/seals/:id/seal.esl', access: { permissions: [sealReadPermission] } }, async ({ req, res }) => {
    const id = idOf(req.params.id);
    const der = await registry.sealDer(id);
    const row = await registry.row(id);
    res.type('application/octet-stream').attachment(`${row.es_id}.esl`).send(der);
  });
  api.route(
    { method: 'post', path: '/seals/:id/change', access: { permissions: [sealApplyPermission] }, sampleBody: { type: 'official', name: '示例单位', ownerName: '示例单位', keyMode: 'server', validEnd: '2030-01-01T00:00:00Z' } },
    async ctx => ({ status: 201, body: await registry.apply(actorOf(ctx), { ...parseInput(applySchema, ctx.req.body), predecessorId: idOf(ctx.req.params.id) }) }),
  );

  // ---- lifecycle -------------------------------------------------------------------------------
  const counted = async <T>(action: string, work: Promise<T>): Promise<T> => {
    const r = await work;
    sealMetrics.lifecycle.inc({ action });
    return r;
  };
  api.route({ method: 'post', path: '/seals/:id/approve', access: { permissions: [sealReviewPermission] } }, async ctx => counted('approve', registry.approve(actorOf(ctx), idOf(ctx.req.params.id), reasonBody(ctx.req.body, false))));
  api.route({ method: 'post', path: '/seals/:id/reject', access: { permissions: [sealReviewPermission] }, sampleBody: { reason: '材料不全' } }, async ctx =>
    counted('reject', registry.reject(actorOf(ctx), idOf(ctx.req.params.id), reasonBody(ctx.req.body, true)!)),
  );
  api.route({ method: 'post', path: '/seals/:id/make', access: { permissions: [sealMakePermission] } }, async ctx => counted('make', registry.make(actorOf(ctx), idOf(ctx.req.params.id))));
  api.route({ method: 'post', path: '/seals/:id/issue', access: { permissions: [sealMakePermission] } }, async ctx => counted('issue', registry.issue(actorOf(ctx), idOf(ctx.req.params.id))));
  for (const action of ['suspend', 'resume', 'report-lost', 'revoke'] as const) {
    api.route({ method: 'post', path: `/seals/:id/${action}`, access: { permissions: [sealManagePermission] }, sampleBody: { reason: '测试' } }, async ctx =>
      counted(action, registry.transition(actorOf(ctx), idOf(ctx.req.params.id), action, reasonBody(ctx.req.body, true)!)),
    );
  }
  api.route({ method: 'put', path: '/seals/:id/holders', access: { permissions: [sealManagePermission] }, sampleBody: { holders: [] } }, async ctx =>
    registry.setHolders(actorOf(ctx), idOf(ctx.req.params.id), parseInput(z.object({ holders: z.array(userRef).max(100) }), ctx.req.body).holders),
  );
  api.route({ method: 'put', path: '/seals/:id/policy', access: { permissions: [sealManagePermission] }, sampleBody: { requireApproval: false, documentTypes: [] } }, async ctx =>
    registry.setPolicy(actorOf(ctx), idOf(ctx.req.params.id), parseInput(policySchema, ctx.req.body)),
  );

  // ---- status: public lookup and signed answers ----------------------------------------------
  const statusQuery = (q: unknown) => {
    const p = parseInput(z.object({ at: isoTime.optional() }), q);
    return p.at ? new Date(p.at) : registry.now();
  };
  const sealKey = (v: string) => parseInput(z.string().regex(/^([0-9a-f-]{36}|[0-9A-Za-z]{4,32})$/, 'a seal id or seal code'), v);
  api.route({ method: 'get', path: '/public/status/:seal', access: { public: true } }, async ({ req }) => {
    const answer = await registry.statusAt(sealKey(req.params.seal), statusQuery(req.query));
    sealMetrics.statusAnswers.inc({ signed: 'false' });
    return answer;
  });
  api.route({ method: 'get', path: '/public/status/:seal/evidence', access: { public: true, throttled: true } }, async ({ req, res }) => {
    const answer = await registry.statusAt(sealKey(req.params.seal), statusQuery(req.query));
    const der = await signStatusAnswer(d.keys, answer);
    sealMetrics.statusAnswers.inc({ signed: 'true' });
    res.type('application/pkcs7-mime').attachment(`${answer.esId ?? answer.sealId}-status.p7m`).send(Buffer.from(der));
  });
  api.route({ method: 'get', path: '/public/lookup', access: { public: true } }, async ({ res }) => {
    res.type('html').set('Content-Security-Policy', "default-src 'self'; img-src 'self'; style-src 'unsafe-inline'").send(lookupPageHtml());
  });
  const lookupJs = lookupPageJs();
  api.route({ method: 'get', path: '/public/lookup.js', access: { public: true } }, async ({ res }) => {
    res.type('application/javascript').send(lookupJs);
  });
  api.route({ method: 'get', path: '/public/status/:seal/picture.png', access: { public: true } }, async ({ req, res }) => {
    const row = await registry.find(sealKey(req.params.seal));
    if (!row.es_id) throw new ApiError('NOT_FOUND', 'No such seal');
    const p = await registry.picture(row.id, 'png');
    res.type(p.contentType).send(p.body);
  });

  // ---- use requests ----------------------------------------------------------------------------
  api.route(
    { method: 'post', path: '/use-requests', access: { permissions: [useRequestCreatePermission] }, sampleBody: { sealId: '00000000-0000-4000-8000-000000000000', documentType: '合同', documentName: 'x', purpose: 'y' } },
    async ctx => ({
      status: 201,
      body: await uses.request(
        actorOf(ctx),
        parseInput(z.object({ sealId: uuid, documentType: text(64), documentName: text(255), purpose: text(500), uses: z.number().int().min(1).max(1000).optional() }), ctx.req.body),
      ),
    }),
  );
  api.route({ method: 'get', path: '/use-requests', access: { permissions: [useRequestCreatePermission, useRequestApprovePermission] } }, async ctx => {
    const q = parseInput(
      z.object({ status: z.enum(USE_REQUEST_STATUSES).optional(), sealId: uuid.optional(), mine: z.enum(['true', 'false']).optional(), page: z.coerce.number().int().min(1).max(10_000).optional() }),
      ctx.req.query,
    );
    // requesters see their own; approvers see all
    const onlyMine = q.mine === 'true' || !ctx.granted(useRequestApprovePermission);
    return uses.listRequests({ status: q.status, sealId: q.sealId, page: q.page, requester: onlyMine ? actorOf(ctx) : undefined });
  });
  api.route({ method: 'post', path: '/use-requests/:id/approve', access: { permissions: [useRequestApprovePermission] } }, async ctx => uses.decide(actorOf(ctx), idOf(ctx.req.params.id), true, reasonBody(ctx.req.body, false)));
  api.route({ method: 'post', path: '/use-requests/:id/reject', access: { permissions: [useRequestApprovePermission] }, sampleBody: { reason: '用途不符' } }, async ctx =>
    uses.decide(actorOf(ctx), idOf(ctx.req.params.id), false, reasonBody(ctx.req.body, true)),
  );

  // ---- applying a seal -------------------------------------------------------------------------
  const signed = (r: { use: unknown; signature: Uint8Array }) => ({ status: 201, body: { use: r.use, signature: Buffer.from(r.signature).toString('base64') } });
  /** counts a use (or a refused one) by key mode and times it */
  const timedUse = async <T>(mode: 'server' | 'holder', work: () => Promise<T>): Promise<T> => {
    const end = sealMetrics.useSeconds.startTimer();
    try {
      const r = await work();
      sealMetrics.uses.inc({ mode, outcome: 'signed' });
      return r;
    } catch (e) {
      sealMetrics.uses.inc({ mode, outcome: (e as { code?: string }).code ?? 'error' });
      throw e;
    } finally {
      end();
    }
  };
  api.route({ method: 'post', path: '/seals/:id/sign', access: { permissions: [sealUsePermission] }, sampleBody: { dataHash: '00'.repeat(32), documentName: 'x', documentType: '合同' } }, async ctx =>
    signed(await timedUse('server', () => uses.sign(actorOf(ctx), idOf(ctx.req.params.id), parseInput(useSchema, ctx.req.body)))),
  );
  api.route(
    { method: 'post', path: '/seals/:id/sign/prepare', access: { permissions: [sealUsePermission] }, sampleBody: { dataHash: '00'.repeat(32), documentName: 'x', documentType: '合同', certificateId: '00000000-0000-4000-8000-000000000000' } },
    async ctx => {
      const body = parseInput(useSchema.and(z.object({ certificateId: uuid })), ctx.req.body);
      const r = await uses.prepare(actorOf(ctx), idOf(ctx.req.params.id), body);
      return { status: 201, body: { useId: r.useId, tbs: Buffer.from(r.tbs).toString('base64'), signatureAlgorithm: r.signatureAlgorithm } };
    },
  );
  api.route({ method: 'post', path: '/uses/:id/complete', access: { permissions: [sealUsePermission] }, sampleBody: { signature: 'AA==' } }, async ctx =>
    signed(await timedUse('holder', () => uses.complete(actorOf(ctx), idOf(ctx.req.params.id), parseInput(z.object({ signature: base64Of(1024) }), ctx.req.body).signature))),
  );

  // ---- usage log and charts --------------------------------------------------------------------
  api.route({ method: 'get', path: '/uses', access: { permissions: [usageReadPermission] } }, async ({ req }) =>
    uses.listUses(parseInput(z.object({ sealId: uuid.optional(), actor: optText(255), from: isoTime.optional(), to: isoTime.optional(), page: z.coerce.number().int().min(1).max(10_000).optional() }), req.query)),
  );
  api.route({ method: 'get', path: '/uses/:id/signature', access: { permissions: [usageReadPermission, sealUsePermission] } }, async ({ req, res }) => {
    const der = await uses.useSignature(idOf(req.params.id));
    res.type('application/octet-stream').attachment(`${req.params.id}.ses`).send(der);
  });
  api.route({ method: 'get', path: '/stats/usage', access: { permissions: [usageReadPermission] } }, async ({ req }) =>
    uses.stats(parseInput(z.object({ days: z.coerce.number().int().min(1).max(366).optional() }), req.query).days),
  );

  // ---- verification (anyone) -------------------------------------------------------------------
  api.route({ method: 'post', path: '/public/verify', access: { public: true, throttled: true }, sampleBody: { signature: 'AA==' } }, async ({ req }) => {
    const body = parseInput(z.object({ signature: base64Of(8 * 1024 * 1024), data: base64Of(SIGN_DATA_MAX_BYTES).optional() }), req.body);
    const verdict = await uses.verify(body.signature, body.data);
    sealMetrics.verifications.inc({ verdict: verdict.verdict });
    return verdict;
  });
}
