import { z } from 'zod';
import { ApiRouter, AuditLog, RouteContext, parseInput, registerAuditRoutes } from '@yinxin/ops-node';
import {
  AUDIENCES,
  FEEDBACK_QUESTIONS,
  FILE_FORMATS,
  FORMAT_INFO,
  MATERIAL_KINDS,
  MATERIAL_STATUSES,
  PLAN_STATUSES,
  REQUEST_STATUSES,
  SESSION_MODES,
  SESSION_STATUSES,
  TOPICS,
  learnEnrolPermission,
  learnReadPermission,
  materialReviewPermission,
  materialWritePermission,
  planManagePermission,
  planReadPermission,
  reportReadPermission,
  sessionManagePermission,
  trainerManagePermission,
  trainingErrorMessage,
  type MaterialKind,
  type TrainingCapabilities,
} from '@yinxin/plugin-training-common';
import { refuse } from './errors';
import { toCsv } from './export/csv';
import { render, type PdfRenderers } from './export/pdfDoc';
import { OFFICE_FORMATS, OfficePreview } from './files/OfficePreview';
import { serveFile } from './files/serve';
import { signStreamToken, verifyStreamToken } from './files/streamToken';
import { SearchIndex } from './search/SearchIndex';
import { trainingMetrics } from './metrics';
import { audit as auditAppend, type ServiceContext } from './services/context';
import type { MaterialService } from './services/MaterialService';
import type { PlanService } from './services/PlanService';
import type { ReportService, ReportTable } from './services/ReportService';
import type { SessionService } from './services/SessionService';
import type { TrainerService } from './services/TrainerService';

/** What the routes need. */
export interface TrainingRoutesDeps {
  ctx: ServiceContext;
  audit: AuditLog;
  materials: MaterialService;
  search: SearchIndex;
  plans: PlanService;
  trainers: TrainerService;
  sessions: SessionService;
  reports: ReportService;
  preview: OfficePreview;
  renderers: PdfRenderers;
  limits: Record<MaterialKind, number>;
  /** pdftotext is installed */
  pdfText: boolean;
  /** the HMAC key of signed stream URLs (see files/streamToken.ts) */
  streamKey: Buffer;
  /** lifetime of a signed stream URL, ms */
  streamTtlMs: number;
}

// ---- input schemas -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const uuid = z.string().uuid();
const idOf = (v: string) => parseInput(uuid, v);
const versionOf = (v: string) => parseInput(z.coerce.number().int().min(1).max(1_000_000), v);
const isoTime = z.string().datetime({ offset: true });
const userRef = z.string().regex(/^user:[a-z0-9_-]{1,64}\/[A-Za-z0-9_.@-]{1,100}$/, 'a user entity ref such as user:default/name');
const unique = <T>(xs: T[]) => [...new Set(xs)];
const audiences = z.array(z.enum(AUDIENCES)).min(1).max(AUDIENCES.length).transform(unique);
const topics = z.array(z.enum(TOPICS)).min(1).max(TOPICS.length).transform(unique);
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'a BCP 47 language tag such as zh-CN').max(16);
const page = z.coerce.number().int().min(1).max(10_000).optional();
const pageSize = z.coerce.number().int().min(1).max(100).optional();
const bool = z.enum(['true', 'false']).optional();

const materialSchema = z.object({ title: text(200), description: optText(5000), audiences, topics, language: language.optional() });
const materialPatchSchema = materialSchema.partial();
const planSchema = z.object({
  audience: z.enum(AUDIENCES),
  title: text(200),
  year: z.number().int().min(2000).max(2100).optional(),
  description: optText(5000),
  status: z.enum(PLAN_STATUSES).optional(),
});
const courseSchema = z.object({
  title: text(200),
  description: optText(5000),
  topic: z.enum(TOPICS),
  durationMinutes: z.number().int().min(5).max(60 * 24 * 5),
  position: z.number().int().min(1).max(1000).optional(),
  trainerRef: userRef.nullable().optional(),
  materialIds: z.array(uuid).max(50).optional(),
});
const trainerSchema = z.object({
  userRef,
  displayName: text(100),
  yearsOfExperience: z.number().min(0).max(60),
  similarProjects: z
    .array(z.object({ name: text(200), client: optText(200), year: z.number().int().min(1980).max(2100).optional(), role: optText(100) }))
    .max(50),
  evidence: text(5000),
});
const onlineUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) link');
const sessionSchema = z.object({
  courseId: uuid.optional(),
  requestId: uuid.optional(),
  title: text(200).optional(),
  topic: z.enum(TOPICS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  startsAt: isoTime,
  endsAt: isoTime,
  mode: z.enum(SESSION_MODES),
  place: text(200).optional(),
  onlineUrl: onlineUrl.optional(),
  trainerRef: userRef,
  capacity: z.number().int().min(1).max(10_000),
});
const sessionPatchSchema = sessionSchema.omit({ courseId: true, requestId: true }).partial();
const requestSchema = z.object({
  department: text(100),
  topic: z.enum(TOPICS),
  audience: z.enum(AUDIENCES).optional(),
  description: text(2000),
  preferredFrom: isoTime.optional(),
  preferredTo: isoTime.optional(),
  expectedAttendees: z.number().int().min(1).max(10_000).optional(),
});
const score = z.number().int().min(1).max(5);
const feedbackSchema = z.object({
  scores: z.object(Object.fromEntries(FEEDBACK_QUESTIONS.map(q => [q, score])) as Record<(typeof FEEDBACK_QUESTIONS)[number], typeof score>),
  comment: optText(2000),
});
const reportQuerySchema = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  courseId: uuid.optional(),
  department: optText(100),
  trainerRef: userRef.optional(),
  format: z.enum(['json', 'csv', 'pdf']).optional(),
});

/** The file name of an upload, from the `X-Filename` header (URL-encoded UTF-8). */
export function uploadFileName(header: unknown): string {
  if (typeof header !== 'string' || header.length === 0 || header.length > 1024) throw refuse('FILE_NAME_REQUIRED');
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    throw refuse('FILE_NAME_REQUIRED');
  }
  if (!name || name.length > 255 || /[\\/\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') throw refuse('FILE_NAME_REQUIRED');
  return name;
}

/** Registers every route of the training API (see README.md). */
export function registerTrainingRoutes(api: ApiRouter, d: TrainingRoutesDeps): void {
  const { materials, plans, trainers, sessions, reports } = d;
  const L = learnReadPermission;
  const E = learnEnrolPermission;
  const W = materialWritePermission;
  const R = materialReviewPermission;
  const S = sessionManagePermission;
  const PR = planReadPermission;
  const PM = planManagePermission;
  const TM = trainerManagePermission;
  const RR = reportReadPermission;
  const who = (ctx: RouteContext) => ctx.userRef ?? ctx.actor;
  const staff = (ctx: RouteContext) => ctx.granted(W) || ctx.granted(R);
  const viewer = (ctx: RouteContext) => ({ ref: who(ctx), staff: staff(ctx) });
  // the training manager (plan.manage) may change anyone's materials and sessions; others only their own
  const owner = (ctx: RouteContext) => ({ ref: who(ctx), manager: ctx.granted(PM) });
  const reviewNote = (body: unknown, required: boolean) => parseInput(z.object({ note: required ? text(2000) : optText(2000) }), body ?? {}).note;

  // ---- capabilities ------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/capabilities', access: { permissions: [L] } }, async (): Promise<TrainingCapabilities> => ({
    limits: d.limits,
    formats: FILE_FORMATS.map(format => ({ format, kind: FORMAT_INFO[format].kind, extensions: [...FORMAT_INFO[format].extensions] })),
    officePreview: d.preview.available ? 'available' : 'unavailable',
    pdfText: d.pdfText ? 'available' : 'unavailable',
    certificates: d.renderers.renderCertificate ? 'available' : 'unavailable',
    pdfExport: d.renderers.renderPdf ? 'available' : 'unavailable',
  }));

  // ---- materials ---------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/materials', access: { permissions: [L, W, R] } }, async ctx => {
    const q = parseInput(
      z.object({
        q: optText(100),
        audience: z.enum(AUDIENCES).optional(),
        topic: z.enum(TOPICS).optional(),
        kind: z.enum(MATERIAL_KINDS).optional(),
        status: z.enum(MATERIAL_STATUSES).optional(),
        scope: z.enum(['published', 'all']).optional(),
        mine: bool,
        page,
        pageSize,
      }),
      ctx.req.query,
    );
    // staff see every material with scope=all; otherwise what learners see
    const v = { ref: who(ctx), staff: staff(ctx) && q.scope === 'all' };
    return materials.list(v, { ...q, q: q.q || undefined, mine: q.mine === 'true' });
  });
  api.route(
    {
      method: 'post',
      path: '/materials',
      access: { permissions: [W] },
      sampleBody: { title: '数字证书申请操作指南', audiences: ['agency'], topics: ['certificate-application'] },
    },
    async ctx => ({ status: 201, body: await materials.create(who(ctx), parseInput(materialSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/materials/:id', access: { permissions: [L, W, R] } }, async ctx => {
    const q = parseInput(z.object({ view: z.enum(['learner', 'staff']).optional() }), ctx.req.query);
    return materials.detail({ ref: who(ctx), staff: staff(ctx) && q.view !== 'learner' }, idOf(ctx.req.params.id));
  });
  api.route({ method: 'post', path: '/materials/:id/versions', access: { permissions: [W, PM] } }, async ctx => ({
    status: 201,
    body: await materials.newVersion(owner(ctx), idOf(ctx.req.params.id), parseInput(materialPatchSchema, ctx.req.body ?? {})),
  }));
  api.route({ method: 'patch', path: '/materials/:id/versions/:n', access: { permissions: [W, PM] }, sampleBody: { title: '新标题' } }, async ctx =>
    materials.updateDraft(owner(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n), parseInput(materialPatchSchema, ctx.req.body)),
  );
  api.route({ method: 'put', path: '/materials/:id/versions/:n/file', access: { permissions: [W, PM] }, rawBody: true }, async ctx => {
    let id: string;
    let n: number;
    let fileName: string;
    try {
      id = idOf(ctx.req.params.id);
      n = versionOf(ctx.req.params.n);
      fileName = uploadFileName(ctx.req.headers['x-filename']);
    } catch (e) {
      ctx.req.resume();
      throw e;
    }
    return materials.upload(owner(ctx), id, n, fileName, ctx.req);
  });
  api.route({ method: 'post', path: '/materials/:id/versions/:n/submit', access: { permissions: [W, PM] } }, async ctx =>
    materials.submit(owner(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n), reviewNote(ctx.req.body, false)),
  );
  api.route({ method: 'post', path: '/materials/:id/versions/:n/withdraw', access: { permissions: [W, PM] } }, async ctx =>
    materials.withdraw(owner(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n)),
  );
  api.route({ method: 'post', path: '/materials/:id/versions/:n/approve', access: { permissions: [R] } }, async ctx =>
    materials.approve(who(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n), reviewNote(ctx.req.body, false)),
  );
  api.route({ method: 'post', path: '/materials/:id/versions/:n/reject', access: { permissions: [R] }, sampleBody: { note: '内容有误' } }, async ctx =>
    materials.reject(who(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n), reviewNote(ctx.req.body, true)!),
  );
  api.route({ method: 'delete', path: '/materials/:id/versions/:n', access: { permissions: [W, PM] } }, async ctx =>
    materials.deleteDraft(owner(ctx), idOf(ctx.req.params.id), versionOf(ctx.req.params.n)),
  );
  api.route({ method: 'post', path: '/materials/:id/archive', access: { permissions: [W, R] }, sampleBody: { reason: '内容过时' } }, async ctx =>
    materials.archive(who(ctx), idOf(ctx.req.params.id), parseInput(z.object({ reason: text(500) }), ctx.req.body).reason, ctx.granted(R)),
  );

  // files: inline for PDF, video and images; office files as attachments (or previewed as PDF)
  const sendFile = async (ctx: RouteContext, version: number | undefined) => {
    const f = await materials.file(viewer(ctx), idOf(ctx.req.params.id), version);
    const q = parseInput(z.object({ download: bool }), ctx.req.query);
    const inline = q.download !== 'true' && !OFFICE_FORMATS.includes(f.format);
    await serveFile(ctx.req, ctx.res, { path: f.path, mime: FORMAT_INFO[f.format].mime, fileName: f.fileName, inline, etag: f.sha256 });
  };
  const sendPreview = async (ctx: RouteContext, version: number | undefined) => {
    const f = await materials.file(viewer(ctx), idOf(ctx.req.params.id), version);
    if (OFFICE_FORMATS.includes(f.format)) {
      const pdf = await d.preview.pdfOf(f.key, f.format);
      const name = `${f.fileName.replace(/\.[^.]*$/, '')}.pdf`;
      await serveFile(ctx.req, ctx.res, { path: pdf, mime: 'application/pdf', fileName: name, inline: true, etag: `${f.sha256}-pdf` });
      return;
    }
    await serveFile(ctx.req, ctx.res, { path: f.path, mime: FORMAT_INFO[f.format].mime, fileName: f.fileName, inline: true, etag: f.sha256 });
  };
  api.route({ method: 'get', path: '/materials/:id/file', access: { permissions: [L, W, R] } }, async ctx => sendFile(ctx, undefined));
  api.route({ method: 'get', path: '/materials/:id/preview', access: { permissions: [L, W, R] } }, async ctx => sendPreview(ctx, undefined));
  api.route({ method: 'get', path: '/materials/:id/versions/:n/file', access: { permissions: [L, W, R] } }, async ctx => sendFile(ctx, versionOf(ctx.req.params.n)));
  api.route({ method: 'get', path: '/materials/:id/versions/:n/preview', access: { permissions: [L, W, R] } }, async ctx => sendPreview(ctx, versionOf(ctx.req.params.n)));

  // signed stream URLs: a <video> element cannot send the bearer token, so whoever may read a
  // version's file gets a short-lived URL for it (HMAC over material, version, caller, expiry)
  const signStream = async (ctx: RouteContext, version: number | undefined) => {
    const v = viewer(ctx);
    const id = idOf(ctx.req.params.id);
    const f = await materials.file(v, id, version);
    const expiresAt = d.ctx.clock().getTime() + d.streamTtlMs;
    const token = signStreamToken(d.streamKey, { materialId: id, version: f.version, userRef: v.ref, staff: v.staff, expiresAt });
    return { url: `/api/training/stream/${token}`, path: `/stream/${token}`, version: f.version, expiresAt: new Date(expiresAt).toISOString() };
  };
  api.route({ method: 'post', path: '/materials/:id/stream', access: { permissions: [L, W, R] } }, async ctx => signStream(ctx, undefined));
  api.route({ method: 'post', path: '/materials/:id/versions/:n/stream', access: { permissions: [L, W, R] } }, async ctx => signStream(ctx, versionOf(ctx.req.params.n)));
  // the URL itself is the credential: checked (signature, expiry, and what its holder may see now)
  // and served like the file route, never cached; like the file route, reads are not audited
  api.route({ method: 'get', path: '/stream/:token', access: { public: true } }, async ctx => {
    const checked = verifyStreamToken(d.streamKey, ctx.req.params.token, d.ctx.clock().getTime());
    if (!checked.ok) throw refuse(checked.refusal === 'expired' ? 'STREAM_TOKEN_EXPIRED' : 'STREAM_TOKEN_INVALID', {}, checked.refusal === 'expired' ? {} : { refusal: checked.refusal });
    const c = checked.claims;
    const f = await materials.file({ ref: c.userRef, staff: c.staff }, c.materialId, c.version);
    ctx.res.setHeader('Referrer-Policy', 'no-referrer');
    await serveFile(ctx.req, ctx.res, {
      path: f.path,
      mime: FORMAT_INFO[f.format].mime,
      fileName: f.fileName,
      inline: !OFFICE_FORMATS.includes(f.format),
      etag: f.sha256,
      cacheControl: 'private, no-store',
    });
  });
  api.route({ method: 'get', path: '/materials/:id/versions/:n/text', access: { permissions: [W, R] } }, async ctx =>
    materials.text(idOf(ctx.req.params.id), versionOf(ctx.req.params.n)),
  );

  // ---- search ------------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/search', access: { permissions: [L, W, R] } }, async ctx => {
    const q = parseInput(
      z.object({ q: text(100), audience: z.enum(AUDIENCES).optional(), topic: z.enum(TOPICS).optional(), scope: z.enum(['published', 'all']).optional(), limit: z.coerce.number().int().min(1).max(50).optional() }),
      ctx.req.query,
    );
    const end = trainingMetrics.searchSeconds.startTimer();
    try {
      const items = await d.search.search({ ...q, visibility: staff(ctx) && q.scope === 'all' ? 'all' : 'published' });
      return { items };
    } finally {
      end();
    }
  });

  // ---- plans and courses -------------------------------------------------------------------------
  const planStaff = (ctx: RouteContext) => ctx.granted(PR) || ctx.granted(PM);
  api.route({ method: 'get', path: '/plans', access: { permissions: [L, PR, PM] } }, async ctx => {
    const q = parseInput(z.object({ audience: z.enum(AUDIENCES).optional(), status: z.enum(PLAN_STATUSES).optional() }), ctx.req.query);
    return { items: await plans.list(planStaff(ctx), q) };
  });
  api.route({ method: 'post', path: '/plans', access: { permissions: [PM] }, sampleBody: { audience: 'agency', title: '经办机构 2027 年度培训计划', year: 2027 } }, async ctx => ({
    status: 201,
    body: await plans.create(who(ctx), parseInput(planSchema, ctx.req.body)),
  }));
  api.route({ method: 'get', path: '/plan-coverage', access: { permissions: [PR, PM, RR] } }, async () => ({ items: await plans.coverage() }));
  api.route({ method: 'get', path: '/plans/:id', access: { permissions: [L, PR, PM] } }, async ctx => plans.detail(planStaff(ctx), idOf(ctx.req.params.id)));
  api.route({ method: 'patch', path: '/plans/:id', access: { permissions: [PM] } }, async ctx =>
    plans.update(who(ctx), idOf(ctx.req.params.id), parseInput(planSchema.omit({ audience: true }).partial(), ctx.req.body)),
  );
  api.route(
    { method: 'post', path: '/plans/:id/courses', access: { permissions: [PM] }, sampleBody: { title: 'USB-key 使用', topic: 'usb-key', durationMinutes: 90 } },
    async ctx => ({ status: 201, body: await plans.addCourse(who(ctx), idOf(ctx.req.params.id), parseInput(courseSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/courses/:id', access: { permissions: [L, PR, PM] } }, async ctx => plans.course(planStaff(ctx), idOf(ctx.req.params.id)));
  api.route({ method: 'patch', path: '/courses/:id', access: { permissions: [PM] } }, async ctx =>
    plans.updateCourse(who(ctx), idOf(ctx.req.params.id), parseInput(courseSchema.partial(), ctx.req.body)),
  );
  api.route({ method: 'delete', path: '/courses/:id', access: { permissions: [PM] } }, async ctx => plans.deleteCourse(who(ctx), idOf(ctx.req.params.id)));

  // ---- trainers ----------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/trainers', access: { permissions: [PR, TM, S] } }, async () => ({ items: await trainers.list() }));
  api.route({ method: 'get', path: '/trainers/check', access: { permissions: [PR, TM, S, PM] } }, async ctx => {
    const { userRef: ref } = parseInput(z.object({ userRef }), ctx.req.query);
    const check = await trainers.check(ref);
    const message = check.qualified ? undefined : trainingErrorMessage('TRAINER_NOT_QUALIFIED', { trainerRef: ref, failures: check.failures, yearsOfExperience: check.yearsOfExperience });
    return { userRef: ref, ...check, ...(message ? { zh: message.zh, en: message.en } : {}) };
  });
  api.route(
    {
      method: 'put',
      path: '/trainers',
      access: { permissions: [TM] },
      sampleBody: { userRef: 'user:default/trainer', displayName: '王讲师', yearsOfExperience: 5, similarProjects: [{ name: '某省电子印章平台培训' }], evidence: '项目验收报告' },
    },
    async ctx => trainers.record(who(ctx), parseInput(trainerSchema, ctx.req.body)),
  );

  // ---- sessions ----------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/sessions', access: { permissions: [L, S] } }, async ctx => {
    const q = parseInput(
      z.object({ from: isoTime.optional(), to: isoTime.optional(), courseId: uuid.optional(), status: z.enum(SESSION_STATUSES).optional(), mine: bool, trainerRef: userRef.optional() }),
      ctx.req.query,
    );
    return { items: await sessions.list(who(ctx), { ...q, mine: q.mine === 'true' }) };
  });
  api.route({ method: 'post', path: '/sessions', access: { permissions: [S] } }, async ctx => ({
    status: 201,
    body: await sessions.create(who(ctx), parseInput(sessionSchema, ctx.req.body)),
  }));
  api.route({ method: 'get', path: '/sessions/:id', access: { permissions: [L, S] } }, async ctx => sessions.get(who(ctx), idOf(ctx.req.params.id)));
  api.route({ method: 'patch', path: '/sessions/:id', access: { permissions: [S, PM] } }, async ctx =>
    sessions.update(owner(ctx), idOf(ctx.req.params.id), parseInput(sessionPatchSchema, ctx.req.body)),
  );
  api.route({ method: 'post', path: '/sessions/:id/cancel', access: { permissions: [S, PM] }, sampleBody: { reason: '讲师临时出差' } }, async ctx =>
    sessions.cancel(owner(ctx), idOf(ctx.req.params.id), parseInput(z.object({ reason: text(500) }), ctx.req.body).reason),
  );
  api.route({ method: 'post', path: '/sessions/:id/enrol', access: { permissions: [E] }, sampleBody: { department: '人社局审批科' } }, async ctx =>
    sessions.enrol(who(ctx), idOf(ctx.req.params.id), parseInput(z.object({ department: text(100), name: text(100).optional() }), ctx.req.body)),
  );
  api.route({ method: 'post', path: '/sessions/:id/unenrol', access: { permissions: [E] } }, async ctx => sessions.unenrol(who(ctx), idOf(ctx.req.params.id)));
  api.route({ method: 'post', path: '/sessions/:id/check-in', access: { permissions: [E] } }, async ctx => sessions.checkIn(who(ctx), idOf(ctx.req.params.id)));
  api.route({ method: 'put', path: '/sessions/:id/attendance', access: { permissions: [S, PM] }, sampleBody: { learnerRef: 'user:default/requester', present: true } }, async ctx => {
    const body = parseInput(z.object({ learnerRef: userRef, present: z.boolean() }), ctx.req.body);
    return sessions.markAttendance(owner(ctx), idOf(ctx.req.params.id), body.learnerRef, body.present);
  });
  api.route({ method: 'get', path: '/sessions/:id/enrolments', access: { permissions: [S, RR] } }, async ctx => ({ items: await sessions.enrolments(idOf(ctx.req.params.id)) }));
  api.route(
    { method: 'post', path: '/sessions/:id/feedback', access: { permissions: [E] }, sampleBody: { scores: { content: 5, trainer: 5, materials: 4, organisation: 4 } } },
    async ctx => ({ status: 201, body: await sessions.feedback(who(ctx), idOf(ctx.req.params.id), parseInput(feedbackSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/sessions/:id/certificate', access: { permissions: [E, RR] } }, async ctx => {
    const q = parseInput(z.object({ learner: userRef.optional() }), ctx.req.query);
    const self = who(ctx);
    if (q.learner && q.learner !== self && !ctx.granted(RR)) throw refuse('NOT_YOUR_CERTIFICATE');
    const cert = await sessions.certificate(self, q.learner ?? self, idOf(ctx.req.params.id));
    ctx.res.setHeader('Content-Type', 'application/pdf');
    ctx.res.setHeader('Content-Disposition', `inline; filename="certificate-${cert.serial}.pdf"`);
    ctx.res.setHeader('X-Certificate-Serial', cert.serial);
    ctx.res.setHeader('Cache-Control', 'private, no-store');
    ctx.res.send(cert.pdf);
  });

  // ---- requests (随时响应) --------------------------------------------------------------------------
  api.route(
    { method: 'post', path: '/session-requests', access: { permissions: [E] }, sampleBody: { department: '某区社保经办中心', topic: 'usb-key', description: '新入职人员需要 USB-key 使用培训' } },
    async ctx => ({ status: 201, body: await sessions.request(who(ctx), parseInput(requestSchema, ctx.req.body)) }),
  );
  api.route({ method: 'get', path: '/session-requests', access: { permissions: [E, S] } }, async ctx => {
    const q = parseInput(z.object({ status: z.enum(REQUEST_STATUSES).optional(), mine: bool }), ctx.req.query);
    const onlyMine = q.mine === 'true' || !ctx.granted(S);
    return sessions.requests({ status: q.status, requesterRef: onlyMine ? who(ctx) : undefined });
  });
  api.route(
    { method: 'post', path: '/session-requests/:id/answer', access: { permissions: [S] }, sampleBody: { decision: 'declined', reply: '已合并到下月场次' } },
    async ctx => {
      const body = parseInput(z.object({ decision: z.enum(['accepted', 'declined']), reply: text(2000) }), ctx.req.body);
      return sessions.answer(who(ctx), idOf(ctx.req.params.id), body.decision, body.reply);
    },
  );

  // ---- records and reports -----------------------------------------------------------------------
  api.route({ method: 'get', path: '/me/records', access: { permissions: [L] } }, async ctx => ({
    items: await reports.completions({ learnerRef: who(ctx) }),
  }));

  const exported = async (ctx: RouteContext, name: string, format: 'json' | 'csv' | 'pdf' | undefined, table: () => ReportTable, json: unknown) => {
    if (!format || format === 'json') return json;
    const t = table();
    let body: Buffer;
    if (format === 'csv') {
      body = toCsv(t.columns, t.rows);
      ctx.res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    } else {
      body = await render(d.renderers.renderPdf, 'renderPdf', {
        title: t.title,
        blocks: [{ kind: 'table', columns: t.columns.map(title => ({ title })), rows: t.rows.map(r => r.map(v => (v === null || v === undefined ? '' : String(v)))) }],
      });
      ctx.res.setHeader('Content-Type', 'application/pdf');
    }
    // exporting personal records is audited
    await d.ctx.knex.transaction(trx => auditAppend(d.ctx, trx, { actor: who(ctx), action: 'report.export', targetType: 'report', targetId: name, details: { format, rows: t.rows.length, query: { ...ctx.req.query } as Record<string, string> } }));
    ctx.res.setHeader('Content-Disposition', `attachment; filename="training-${name}.${format}"`);
    ctx.res.setHeader('Cache-Control', 'private, no-store');
    ctx.res.send(body);
    return undefined;
  };
  api.route({ method: 'get', path: '/reports/completions', access: { permissions: [RR] } }, async ctx => {
    const q = parseInput(reportQuerySchema, ctx.req.query);
    const items = await reports.completions(q);
    return exported(ctx, 'completions', q.format, () => reports.completionsTable(items), { items });
  });
  api.route({ method: 'get', path: '/reports/coverage', access: { permissions: [RR] } }, async ctx => {
    const q = parseInput(reportQuerySchema, ctx.req.query);
    const items = await reports.coverage(q);
    return exported(ctx, 'coverage', q.format, () => reports.coverageTable(items), { items, plans: await plans.coverage() });
  });
  api.route({ method: 'get', path: '/reports/feedback', access: { permissions: [RR] } }, async ctx => {
    const q = parseInput(reportQuerySchema.extend({ group: z.enum(['session', 'course', 'trainer', 'all']).optional() }), ctx.req.query);
    const r = await reports.feedback(q, q.group ?? 'session');
    return exported(ctx, 'feedback', q.format, () => reports.feedbackTable(r.groups), r);
  });

  registerAuditRoutes(api, d.audit);
}
