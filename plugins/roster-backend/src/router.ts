import { z } from 'zod';
import { ApiRouter, AuditLog, RouteContext, parseInput, registerAuditRoutes } from '@yinxin/ops-node';
import {
  DISPATCH_SEVERITIES,
  DISPATCH_STATES,
  LEAVE_TYPES,
  SHIFT_KINDS,
  STAFF_CHANGE_REASON_MIN,
  SWAP_STATES,
  TEAM_ROLES,
  TEMPLATE_DAY_SETS,
  attendanceSelfPermission,
  dayNumber,
  dispatchCreatePermission,
  dispatchSelfPermission,
  dutyReadPermission,
  isDayKey,
  isMonthKey,
  peopleManagePermission,
  reportReadPermission,
  rosterReadPermission,
  scheduleManagePermission,
  swapRequestPermission,
} from '@yinxin/plugin-roster-common';
import { rosterCsv, rosterPdfSpec } from './export/rosterExport';
import { arrivalCsv, attendanceCsv } from './export/reportExport';
import { refuse } from './service/refuse';
import type { AttendanceService } from './service/AttendanceService';
import type { DispatchService } from './service/DispatchService';
import type { PeopleService } from './service/PeopleService';
import type { ScheduleService } from './service/ScheduleService';
import type { RosterStore } from './service/store';
import type { SwapService } from './service/SwapService';

// ---- input schemas (every string, array and number bounded) -------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const uuid = z.uuid();
const day = z.string().max(10).refine(isDayKey, 'a date YYYY-MM-DD');
const month = z.string().max(7).refine(isMonthKey, 'a month YYYY-MM');
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes (at most 40)');
const instant = z.iso.datetime({ offset: true }).max(40);
const userRef = z.string().max(255).regex(/^user:[a-z0-9_-]+\/[A-Za-z0-9_.@-]{1,100}$/, 'a user entity ref such as user:default/name');
const roles = z.array(z.enum(TEAM_ROLES)).min(1).max(TEAM_ROLES.length).transform(r => [...new Set(r)]);
const reason = text(500);
const MAX_ID = 2_147_483_647;

const personFields = z.object({
  name: text(64),
  userRef: userRef.nullable().optional(),
  roles,
  skills: z.array(text(64)).max(30).optional(),
  yearsOfExperience: z.number().int().min(0).max(60).optional(),
  certificates: z
    .array(z.object({ name: text(100), number: optText(64), issuer: optText(100), validUntil: day.optional() }))
    .max(30)
    .optional(),
  contact: z.object({
    phone: z.string().trim().regex(/^[0-9+()\- ]{3,32}$/, 'a phone number'),
    email: z.email().max(128).optional(),
  }),
});
const notice = {
  reason: z.string().trim().min(STAFF_CHANGE_REASON_MIN, `a written reason of at least ${STAFF_CHANGE_REASON_MIN} characters`).max(2000),
  noticeDate: day,
  effectiveDate: day.optional(),
};
const noticeSchema = z.object(notice);
const joinSchema = z.object({ person: personFields, ...notice });
const replaceSchema = z
  .object({ replacementId: uuid.optional(), replacement: personFields.optional(), ...notice })
  .refine(b => !!b.replacementId !== !!b.replacement, 'give replacementId (an existing person) or replacement (a newcomer), not both');
const patchSchema = z.strictObject({
  name: text(64).optional(),
  userRef: userRef.nullable().optional(),
  roles: roles.optional(),
  skills: z.array(text(64)).max(30).optional(),
  yearsOfExperience: z.number().int().min(0).max(60).optional(),
  certificates: personFields.shape.certificates,
  contact: personFields.shape.contact.optional(),
});
const templateSchema = z.object({
  name: text(64),
  kind: z.enum(SHIFT_KINDS),
  days: z.enum(TEMPLATE_DAY_SETS),
  start: hhmm,
  end: hhmm,
  roles,
  headcount: z.number().int().min(1).max(10).optional(),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});
const rotationSchema = z.object({
  name: text(64),
  templateIds: z.array(slug).min(1).max(20).transform(x => [...new Set(x)]),
  members: z.array(uuid).min(1).max(100).transform(x => [...new Set(x)]),
});
const leaveSchema = z
  .object({ personId: uuid, type: z.enum(LEAVE_TYPES), startDay: day, endDay: day, note: optText(500) })
  .refine(b => dayNumber(b.endDay) - dayNumber(b.startDay) <= 366, 'a leave of at most a year');
const overrideSchema = z.object({ personId: uuid, kind: z.enum(SHIFT_KINDS), startsAt: instant, endsAt: instant, replacedPersonId: uuid.optional(), reason });
const swapSchema = z.object({ assignmentId: uuid, partnerId: uuid, partnerAssignmentId: uuid.optional(), reason });
const dispatchSchema = z.object({
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ticket'), ticketId: z.number().int().positive().max(MAX_ID) }),
    z.object({ kind: z.literal('alert'), ruleId: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,63}$/), targetId: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,63}$/) }),
  ]),
  severity: z.enum(DISPATCH_SEVERITIES),
  personId: uuid.optional(),
  summary: text(500),
  location: optText(200),
});
const dayRange = z
  .object({ from: day, to: day })
  .refine(b => dayNumber(b.to) >= dayNumber(b.from) && dayNumber(b.to) - dayNumber(b.from) <= 92, 'from ≤ to, at most 93 days');

/** What the routes need. */
export interface RosterRoutesDeps {
  store: RosterStore;
  people: PeopleService;
  schedule: ScheduleService;
  swaps: SwapService;
  dispatches: DispatchService;
  attendance: AttendanceService;
  audit: AuditLog;
}

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** Registers every route of the roster API (see README.md). */
export function registerRosterRoutes(api: ApiRouter, d: RosterRoutesDeps): void {
  const { store, people, schedule, swaps, dispatches, attendance } = d;
  const actorOf = (ctx: RouteContext) => ctx.userRef ?? ctx.actor;
  const idOf = (ctx: RouteContext, name = 'id') => parseInput(uuid, ctx.req.params[name]);
  const read = { permissions: [rosterReadPermission] };
  const manageSchedule = { permissions: [scheduleManagePermission] };
  const managePeople = { permissions: [peopleManagePermission] };
  const unmasked = (ctx: RouteContext) => ctx.granted(peopleManagePermission);
  const ownPersonId = async (ctx: RouteContext) => (await store.personOfUser(store.knex, ctx.userRef))?.id;

  // ---- settings and the caller ---------------------------------------------------------------
  api.route({ method: 'get', path: '/settings', access: { permissions: [rosterReadPermission, dutyReadPermission] } }, async () => store.settings);
  api.route(
    { method: 'get', path: '/me', access: { permissions: [rosterReadPermission, dutyReadPermission, swapRequestPermission, attendanceSelfPermission, dispatchSelfPermission] } },
    async ctx => people.me(ctx.userRef),
  );

  // ---- people --------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/people', access: { permissions: [rosterReadPermission, peopleManagePermission] } }, async ctx => {
    const q = parseInput(z.object({ status: z.enum(['active', 'left', 'all']).optional() }), ctx.req.query);
    return { items: await people.list(q, unmasked(ctx)) };
  });
  api.route({ method: 'get', path: '/people/:id', access: { permissions: [rosterReadPermission, peopleManagePermission] } }, async ctx =>
    people.get(idOf(ctx), unmasked(ctx)),
  );
  api.route(
    {
      method: 'post',
      path: '/people',
      access: managePeople,
      sampleBody: { person: { name: '测试工程师', roles: ['maintenance'], contact: { phone: '13800000000' } }, reason: '项目扩编，按合同书面通知甲方', noticeDate: '2026-01-05' },
    },
    async ctx => {
      const b = parseInput(joinSchema, ctx.req.body);
      return { status: 201, body: await people.join(b.person, b, actorOf(ctx)) };
    },
  );
  api.route({ method: 'patch', path: '/people/:id', access: managePeople, sampleBody: { skills: ['CA 运维'] } }, async ctx =>
    people.update(idOf(ctx), parseInput(patchSchema, ctx.req.body), actorOf(ctx)),
  );
  api.route(
    { method: 'post', path: '/people/:id/leave', access: managePeople, sampleBody: { reason: '合同到期，已书面通知甲方', noticeDate: '2026-01-05' } },
    async ctx => people.leave(idOf(ctx), parseInput(noticeSchema, ctx.req.body), actorOf(ctx)),
  );
  api.route(
    { method: 'post', path: '/people/:id/replace', access: managePeople, sampleBody: { replacementId: SAMPLE_ID, reason: '人员调整，已书面通知甲方', noticeDate: '2026-01-05' } },
    async ctx => {
      const b = parseInput(replaceSchema, ctx.req.body);
      return people.replace(idOf(ctx), { id: b.replacementId, fields: b.replacement }, b, actorOf(ctx));
    },
  );
  api.route({ method: 'get', path: '/staff-changes', access: read }, async () => ({ items: await people.changes() }));

  // ---- templates and rotations ----------------------------------------------------------------
  api.route({ method: 'get', path: '/templates', access: read }, async () => ({ items: await schedule.templates() }));
  api.route(
    { method: 'put', path: '/templates/:id', access: manageSchedule, sampleBody: { name: '测试班次', kind: 'oncall', days: 'all', start: '08:00', end: '08:00', roles: ['maintenance'], active: false } },
    async ctx => schedule.putTemplate(parseInput(slug, ctx.req.params.id), parseInput(templateSchema, ctx.req.body), actorOf(ctx)),
  );
  api.route({ method: 'get', path: '/rotations', access: read }, async () => ({ items: await schedule.rotations() }));
  api.route(
    { method: 'put', path: '/rotations/:id', access: manageSchedule, sampleBody: { name: '夜班轮换', templateIds: ['oncall-night'], members: [SAMPLE_ID] } },
    async ctx => schedule.putRotation(parseInput(slug, ctx.req.params.id), parseInput(rotationSchema, ctx.req.body), actorOf(ctx)),
  );
  api.route({ method: 'delete', path: '/rotations/:id', access: manageSchedule }, async ctx => schedule.deleteRotation(parseInput(slug, ctx.req.params.id), actorOf(ctx)));

  // ---- leave ---------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/leaves', access: read }, async ctx => {
    const q = parseInput(z.object({ month: month.optional(), personId: uuid.optional() }), ctx.req.query);
    return { items: await schedule.leaves(q) };
  });
  api.route(
    { method: 'post', path: '/leaves', access: manageSchedule, sampleBody: { personId: SAMPLE_ID, type: 'annual', startDay: '2026-01-05', endDay: '2026-01-06' } },
    async ctx => ({ status: 201, body: await schedule.addLeave(parseInput(leaveSchema, ctx.req.body), actorOf(ctx)) }),
  );
  api.route({ method: 'delete', path: '/leaves/:id', access: manageSchedule }, async ctx => schedule.deleteLeave(idOf(ctx), actorOf(ctx)));

  // ---- month rosters, coverage, assignments --------------------------------------------------
  api.route({ method: 'get', path: '/rosters/:month', access: read }, async ctx => schedule.month(parseInput(month, ctx.req.params.month)));
  api.route(
    { method: 'post', path: '/rosters/:month/generate', access: manageSchedule, sampleBody: { dryRun: true } },
    async ctx => {
      const b = parseInput(z.object({ dryRun: z.boolean().optional() }), ctx.req.body ?? {});
      return schedule.generate(parseInput(month, ctx.req.params.month), b.dryRun ?? false, actorOf(ctx));
    },
  );
  /** Sends a CSV download with an ASCII file name and its Chinese name (RFC 6266). */
  const sendCsv = (ctx: RouteContext, csv: string, asciiName: string, name: string) => {
    ctx.res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    ctx.res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    ctx.res.send(Buffer.from(csv, 'utf8'));
  };
  api.route({ method: 'get', path: '/rosters/:month/export.csv', access: read }, async ctx => {
    const m = parseInput(month, ctx.req.params.month);
    sendCsv(ctx, rosterCsv(await schedule.month(m), store.zone), `roster-${m}.csv`, `值班表-${m}.csv`);
  });
  api.route({ method: 'get', path: '/rosters/:month/export.pdf', access: read }, async ctx => {
    const m = parseInput(month, ctx.req.params.month);
    const render = store.options.renderPdf;
    if (!render) throw refuse('RENDERER_UNAVAILABLE');
    const pdf = await render(rosterPdfSpec(await schedule.month(m), store.zone, store.now()));
    ctx.res.setHeader('Content-Type', 'application/pdf');
    ctx.res.setHeader('Content-Disposition', `attachment; filename="roster-${m}.pdf"; filename*=UTF-8''${encodeURIComponent(`值班表-${m}.pdf`)}`);
    ctx.res.send(pdf);
  });
  api.route({ method: 'get', path: '/coverage', access: read }, async ctx => {
    const q = parseInput(z.union([z.object({ month }), dayRange]), ctx.req.query);
    const { from, to } = 'month' in q ? { from: `${q.month}-01`, to: `${q.month}-${String(new Date(Date.UTC(Number(q.month.slice(0, 4)), Number(q.month.slice(5, 7)), 0)).getUTCDate())}` } : q;
    return { from, to, violations: await schedule.coverage(from, to) };
  });
  api.route({ method: 'get', path: '/assignments', access: read }, async ctx => {
    const q = parseInput(z.object({ from: day, to: day, personId: uuid.optional(), mine: z.enum(['true', 'false']).optional() }), ctx.req.query);
    parseInput(dayRange, { from: q.from, to: q.to });
    const personId = q.mine === 'true' ? ((await ownPersonId(ctx)) ?? SAMPLE_ID) : q.personId;
    return { items: await schedule.assignments({ from: q.from, to: q.to, personId }) };
  });
  api.route({ method: 'post', path: '/assignments/:id/remove', access: manageSchedule, sampleBody: { reason: '临时调整' } }, async ctx =>
    schedule.removeAssignment(idOf(ctx), parseInput(z.object({ reason }), ctx.req.body).reason, actorOf(ctx)),
  );

  // ---- overrides -----------------------------------------------------------------------------
  api.route({ method: 'get', path: '/overrides', access: read }, async ctx => ({ items: await schedule.overrides(parseInput(z.object({ month }), ctx.req.query).month) }));
  api.route(
    {
      method: 'post',
      path: '/overrides',
      access: manageSchedule,
      sampleBody: { personId: SAMPLE_ID, kind: 'oncall', startsAt: '2099-01-01T10:00:00+08:00', endsAt: '2099-01-01T12:00:00+08:00', reason: '临时顶班' },
    },
    async ctx => ({ status: 201, body: await schedule.createOverride(parseInput(overrideSchema, ctx.req.body), actorOf(ctx)) }),
  );
  api.route({ method: 'delete', path: '/overrides/:id', access: manageSchedule }, async ctx => schedule.deleteOverride(idOf(ctx), actorOf(ctx)));

  // ---- swaps ---------------------------------------------------------------------------------
  api.route({ method: 'get', path: '/swaps', access: { permissions: [rosterReadPermission, swapRequestPermission] } }, async ctx => {
    const q = parseInput(z.object({ state: z.enum(SWAP_STATES).optional(), mine: z.enum(['true', 'false']).optional() }), ctx.req.query);
    const own = q.mine === 'true' || !ctx.granted(rosterReadPermission);
    const personId = own ? ((await ownPersonId(ctx)) ?? SAMPLE_ID) : undefined;
    return { items: await swaps.list({ state: q.state, personId }) };
  });
  api.route(
    { method: 'post', path: '/swaps', access: { permissions: [swapRequestPermission] }, sampleBody: { assignmentId: SAMPLE_ID, partnerId: SAMPLE_ID, reason: '家中有事' } },
    async ctx => ({ status: 201, body: await swaps.request(parseInput(swapSchema, ctx.req.body), { userRef: ctx.userRef, actor: actorOf(ctx) }) }),
  );
  api.route({ method: 'post', path: '/swaps/:id/approve', access: manageSchedule, sampleBody: {} }, async ctx =>
    swaps.approve(idOf(ctx), parseInput(z.object({ note: optText(500) }), ctx.req.body ?? {}).note, { userRef: ctx.userRef, actor: actorOf(ctx) }),
  );
  api.route({ method: 'post', path: '/swaps/:id/reject', access: manageSchedule, sampleBody: { note: '人手不足' } }, async ctx =>
    swaps.reject(idOf(ctx), parseInput(z.object({ note: text(500) }), ctx.req.body).note, { userRef: ctx.userRef, actor: actorOf(ctx) }),
  );
  api.route({ method: 'post', path: '/swaps/:id/cancel', access: { permissions: [swapRequestPermission] }, sampleBody: {} }, async ctx =>
    swaps.cancel(idOf(ctx), { userRef: ctx.userRef, actor: actorOf(ctx) }),
  );

  // ---- duty and dispatch ---------------------------------------------------------------------
  api.route({ method: 'get', path: '/duty/now', access: { permissions: [dutyReadPermission, peopleManagePermission] } }, async ctx => {
    const q = parseInput(z.object({ at: instant.optional() }), ctx.req.query);
    return store.dutyAt(q.at ? new Date(q.at) : store.now(), unmasked(ctx));
  });
  api.route(
    {
      method: 'post',
      path: '/dispatches',
      access: { permissions: [dispatchCreatePermission] },
      sampleBody: { source: { kind: 'alert', ruleId: 'down', targetId: 'ocsp' }, severity: 'major', personId: SAMPLE_ID, summary: 'OCSP 服务不可用' },
    },
    async ctx => ({ status: 201, body: await dispatches.create(parseInput(dispatchSchema, ctx.req.body), actorOf(ctx)) }),
  );
  api.route({ method: 'get', path: '/dispatches', access: { permissions: [rosterReadPermission, dispatchSelfPermission] } }, async ctx => {
    const q = parseInput(
      z.object({
        month: month.optional(),
        state: z.enum(DISPATCH_STATES).optional(),
        personId: uuid.optional(),
        ticketId: z.coerce.number().int().positive().max(MAX_ID).optional(),
        mine: z.enum(['true', 'false']).optional(),
      }),
      ctx.req.query,
    );
    const own = q.mine === 'true' || !ctx.granted(rosterReadPermission);
    return { items: await dispatches.list({ ...q, personId: own ? ((await ownPersonId(ctx)) ?? SAMPLE_ID) : q.personId }) };
  });
  api.route({ method: 'get', path: '/dispatches/:id', access: { permissions: [rosterReadPermission, dispatchSelfPermission] } }, async ctx => {
    const dispatch = await dispatches.get(idOf(ctx));
    if (!ctx.granted(rosterReadPermission) && dispatch.personId !== (await ownPersonId(ctx))) throw refuse('DISPATCH_NOT_FOUND', { id: dispatch.id });
    return dispatch;
  });
  const self = { permissions: [dispatchSelfPermission] };
  api.route({ method: 'post', path: '/dispatches/:id/accept', access: self, sampleBody: {} }, async ctx => dispatches.accept(idOf(ctx), ctx.userRef, actorOf(ctx)));
  api.route({ method: 'post', path: '/dispatches/:id/arrive', access: self, sampleBody: {} }, async ctx => dispatches.arrive(idOf(ctx), ctx.userRef, actorOf(ctx)));
  api.route({ method: 'post', path: '/dispatches/:id/log', access: self, sampleBody: { text: '已重启 OCSP 服务' } }, async ctx =>
    dispatches.log(idOf(ctx), parseInput(z.object({ text: text(2000) }), ctx.req.body).text, ctx.userRef, actorOf(ctx)),
  );
  api.route({ method: 'post', path: '/dispatches/:id/complete', access: self, sampleBody: { note: '故障已排除' } }, async ctx =>
    dispatches.complete(idOf(ctx), parseInput(z.object({ note: text(2000) }), ctx.req.body).note, ctx.userRef, actorOf(ctx)),
  );
  api.route(
    { method: 'post', path: '/dispatches/:id/cancel', access: { permissions: [dispatchCreatePermission, scheduleManagePermission] }, sampleBody: { reason: '误报' } },
    async ctx =>
      dispatches.cancel(idOf(ctx), parseInput(z.object({ reason }), ctx.req.body).reason, actorOf(ctx), {
        manager: ctx.granted(scheduleManagePermission),
        personId: await ownPersonId(ctx),
      }),
  );
  api.route({ method: 'get', path: '/reports/arrivals', access: { permissions: [reportReadPermission] } }, async ctx =>
    dispatches.report(parseInput(z.object({ month }), ctx.req.query).month),
  );
  api.route({ method: 'get', path: '/reports/arrivals.csv', access: { permissions: [reportReadPermission] } }, async ctx => {
    const m = parseInput(z.object({ month }), ctx.req.query).month;
    const csv = arrivalCsv(await dispatches.report(m), await dispatches.list({ month: m }), store.zone);
    sendCsv(ctx, csv, `arrivals-${m}.csv`, `到场时效-${m}.csv`);
  });

  // ---- attendance ----------------------------------------------------------------------------
  const attendanceSelf = { permissions: [attendanceSelfPermission] };
  api.route({ method: 'get', path: '/attendance/me', access: attendanceSelf }, async ctx => attendance.mine(ctx.userRef));
  api.route({ method: 'post', path: '/attendance/check-in', access: attendanceSelf, sampleBody: {} }, async ctx => ({ status: 201, body: await attendance.checkIn(ctx.userRef, actorOf(ctx)) }));
  api.route({ method: 'post', path: '/attendance/check-out', access: attendanceSelf, sampleBody: {} }, async ctx => attendance.checkOut(ctx.userRef, actorOf(ctx)));
  api.route({ method: 'get', path: '/attendance', access: { permissions: [reportReadPermission, attendanceSelfPermission] } }, async ctx => {
    const q = parseInput(z.object({ month, personId: uuid.optional() }), ctx.req.query);
    const personId = ctx.granted(reportReadPermission) ? q.personId : ((await ownPersonId(ctx)) ?? SAMPLE_ID);
    return attendance.report(q.month, personId);
  });
  api.route({ method: 'get', path: '/attendance.csv', access: { permissions: [reportReadPermission] } }, async ctx => {
    const m = parseInput(z.object({ month }), ctx.req.query).month;
    sendCsv(ctx, attendanceCsv(await attendance.report(m, undefined)), `attendance-${m}.csv`, `考勤-${m}.csv`);
  });
  api.route({ method: 'get', path: '/attendance/records', access: { permissions: [reportReadPermission, attendanceSelfPermission] } }, async ctx => {
    const q = parseInput(z.object({ month, personId: uuid.optional() }), ctx.req.query);
    const personId = ctx.granted(reportReadPermission) ? q.personId : ((await ownPersonId(ctx)) ?? SAMPLE_ID);
    return { items: await attendance.records(q.month, personId) };
  });

  // ---- audit ---------------------------------------------------------------------------------
  registerAuditRoutes(api, d.audit);
}
