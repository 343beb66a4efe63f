import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ApiError } from '@yinxin/ops-node';
import {
  FEEDBACK_QUESTIONS,
  sessionPhase,
  type Audience,
  type Enrolment,
  type FeedbackInput,
  type MySessionStanding,
  type RequestStatus,
  type Session,
  type SessionMode,
  type SessionRequest,
  type SessionStatus,
  type Topic,
} from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import { CertificateInput, render, type PdfRenderers } from '../export/pdfDoc';
import { trainingMetrics } from '../metrics';
import { ServiceContext, audit, countOf, nowIso, refName } from './context';
import type { TrainerService } from './TrainerService';

type Trx = Knex.Transaction;

/** A session to schedule. */
export interface SessionInput {
  courseId?: string;
  /** the request this session answers (its status becomes `scheduled`) */
  requestId?: string;
  title?: string;
  topic?: Topic;
  audience?: Audience;
  startsAt: string;
  endsAt: string;
  mode: SessionMode;
  place?: string;
  onlineUrl?: string;
  trainerRef: string;
  capacity: number;
}

/** A request for a session. */
export interface RequestInput {
  department: string;
  topic: Topic;
  audience?: Audience;
  description: string;
  preferredFrom?: string;
  preferredTo?: string;
  expectedAttendees?: number;
}

/** Session list filters. */
export interface SessionQuery {
  from?: string;
  to?: string;
  courseId?: string;
  status?: SessionStatus;
  /** only sessions the viewer is enrolled in */
  mine?: boolean;
  /** only sessions this trainer runs */
  trainerRef?: string;
}

const iso = (s: string) => new Date(s).toISOString();

/**
 * Who manages a session: the user, and whether they are the training manager (`plan.manage`),
 * who may manage anyone's session.
 */
export interface SessionManager {
  ref: string;
  manager: boolean;
}

/** A date as written on Chinese documents, in Beijing time: 2026年12月1日. */
export function cnDate(at: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find(p => p.type === t)!.value);
  return `${get('year')}年${get('month')}月${get('day')}日`;
}

/** A certificate serial: `PX` + year + 64 random bits in hex. */
export function newCertificateSerial(now: Date): string {
  return `PX${now.getUTCFullYear()}-${randomBytes(8).toString('hex').toUpperCase()}`;
}

/**
 * Sessions (scheduled with a qualified trainer, in a place or online), requests for sessions
 * (随时响应), enrolment (race-free: the seat is taken by one conditional update inside the
 * transaction), attendance (the learner checks in during the window, or the trainer marks it),
 * feedback once per attendee, and certificates of completion.
 */
export class SessionService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly trainers: TrainerService,
    private readonly o: { renderers: PdfRenderers; issuer: string },
  ) {}

  private get knex() {
    return this.ctx.knex;
  }

  private toSession(r: any, me?: MySessionStanding): Session {
    const base = { status: r.status as SessionStatus, startsAt: r.starts_at as string, endsAt: r.ends_at as string };
    return {
      id: r.id,
      courseId: r.course_id ?? undefined,
      requestId: r.request_id ?? undefined,
      title: r.title,
      topic: r.topic,
      audience: r.audience ?? undefined,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      mode: r.mode,
      place: r.place ?? undefined,
      onlineUrl: r.online_url ?? undefined,
      trainerRef: r.trainer_ref,
      capacity: Number(r.capacity),
      enrolled: Number(r.enrolled),
      status: r.status,
      phase: sessionPhase(base, this.ctx.clock()),
      cancelReason: r.cancel_reason ?? undefined,
      createdBy: r.created_by,
      createdAt: r.created_at,
      me,
    };
  }

  private async row(id: string, trx: Knex | Trx = this.knex) {
    const r = await trx('training_sessions').where({ id }).first();
    if (!r) throw new ApiError('NOT_FOUND', `Session ${id} not found`);
    return r;
  }

  private async standings(learnerRef: string, sessionIds: string[]): Promise<Map<string, MySessionStanding>> {
    const out = new Map<string, MySessionStanding>();
    if (sessionIds.length === 0) return out;
    const [enrolments, feedback, certificates] = await Promise.all([
      this.knex('training_enrolments').where({ learner_ref: learnerRef }).whereIn('session_id', sessionIds),
      this.knex('training_feedback').where({ learner_ref: learnerRef }).whereIn('session_id', sessionIds).select('session_id'),
      this.knex('training_certificates').where({ learner_ref: learnerRef }).whereIn('session_id', sessionIds).select('session_id', 'serial'),
    ]);
    const given = new Set(feedback.map((f: any) => f.session_id));
    const serials = new Map(certificates.map((c: any) => [c.session_id, c.serial]));
    for (const id of sessionIds) {
      const e = enrolments.find((x: any) => x.session_id === id);
      out.set(id, { enrolled: !!e, attended: !!e?.attended_at, feedbackGiven: given.has(id), certificateSerial: serials.get(id) });
    }
    return out;
  }

  /** Sessions, newest start first, each with the viewer's own standing. */
  async list(viewerRef: string, q: SessionQuery): Promise<Session[]> {
    let query = this.knex('training_sessions');
    if (q.from) query = query.where('ends_at', '>=', iso(q.from));
    if (q.to) query = query.where('starts_at', '<', iso(q.to));
    if (q.courseId) query = query.where({ course_id: q.courseId });
    if (q.status) query = query.where({ status: q.status });
    if (q.trainerRef) query = query.where({ trainer_ref: q.trainerRef });
    if (q.mine) query = query.whereIn('id', this.knex('training_enrolments').where({ learner_ref: viewerRef }).select('session_id'));
    const rows = await query.orderBy('starts_at', 'desc').orderBy('id').limit(500);
    const me = await this.standings(viewerRef, rows.map((r: any) => r.id));
    return rows.map((r: any) => this.toSession(r, me.get(r.id)));
  }

  /** One session with the viewer's standing. */
  async get(viewerRef: string, id: string): Promise<Session> {
    const r = await this.row(id);
    return this.toSession(r, (await this.standings(viewerRef, [id])).get(id));
  }

  private checkPlace(mode: SessionMode, place?: string | null, onlineUrl?: string | null) {
    if (mode === 'onsite' && !place) throw refuse('SESSION_PLACE_REQUIRED');
    if (mode === 'online' && !onlineUrl) throw refuse('SESSION_LINK_REQUIRED');
  }

  private checkTimes(startsAt: string, endsAt: string) {
    if (Date.parse(endsAt) <= Date.parse(startsAt)) throw refuse('SESSION_TIMES_INVALID');
    if (Date.parse(endsAt) - Date.parse(startsAt) > 7 * 86_400_000) throw refuse('SESSION_TOO_LONG', { maxDays: 7 });
  }

  /**
   * Only the session's trainer, its creator and the training manager may change or cancel a
   * session or mark attendance; others are refused with `NOT_YOUR_SESSION` before anything changes.
   */
  private requireManager(who: SessionManager, r: any) {
    if (who.manager || r.trainer_ref === who.ref || r.created_by === who.ref) return;
    throw refuse('NOT_YOUR_SESSION', {}, { trainerRef: r.trainer_ref, createdBy: r.created_by });
  }

  /** Schedules a session with a qualified trainer; announces it in `training:news`. */
  async create(actor: string, input: SessionInput): Promise<Session> {
    this.checkTimes(input.startsAt, input.endsAt);
    this.checkPlace(input.mode, input.place, input.onlineUrl);
    const id = randomUUID();
    let row: any;
    await this.knex.transaction(async trx => {
      await this.trainers.requireQualified(input.trainerRef, trx);
      let title = input.title;
      let topic = input.topic;
      if (input.courseId) {
        const course = await trx('training_courses').where({ id: input.courseId }).first();
        if (!course) throw new ApiError('NOT_FOUND', `Course ${input.courseId} not found`);
        title ??= course.title;
        topic ??= course.topic;
      }
      if (!title || !topic) throw refuse('SESSION_TITLE_REQUIRED');
      if (input.requestId) {
        const req = await trx('training_requests').where({ id: input.requestId }).first();
        if (!req) throw new ApiError('NOT_FOUND', `Request ${input.requestId} not found`);
        if (req.status !== 'open' && req.status !== 'accepted') throw refuse('REQUEST_CLOSED', { status: req.status }, { status: req.status });
        await trx('training_requests').where({ id: input.requestId }).update({ status: 'scheduled', session_id: id, answered_by: req.answered_by ?? actor, answered_at: req.answered_at ?? nowIso(this.ctx) });
      }
      const at = nowIso(this.ctx);
      row = {
        id,
        course_id: input.courseId ?? null,
        request_id: input.requestId ?? null,
        title,
        topic,
        audience: input.audience ?? null,
        starts_at: iso(input.startsAt),
        ends_at: iso(input.endsAt),
        mode: input.mode,
        place: input.place ?? null,
        online_url: input.onlineUrl ?? null,
        trainer_ref: input.trainerRef,
        capacity: input.capacity,
        enrolled: 0,
        status: 'scheduled',
        cancel_reason: null,
        created_by: actor,
        created_at: at,
        updated_at: at,
      };
      await trx('training_sessions').insert(row);
      await audit(this.ctx, trx, {
        actor,
        action: 'session.create',
        targetType: 'session',
        targetId: id,
        details: { title, startsAt: row.starts_at, endsAt: row.ends_at, trainerRef: input.trainerRef, capacity: input.capacity, requestId: input.requestId ?? null },
      });
    });
    this.ctx.news?.({ kind: 'session-scheduled', sessionId: id, title: row.title, topic: row.topic, startsAt: row.starts_at, endsAt: row.ends_at, mode: row.mode, at: row.created_at });
    return this.get(actor, id);
  }

  /** Changes a scheduled session (a new trainer must be qualified; capacity not below enrolment). */
  async update(who: SessionManager, id: string, patch: Partial<Omit<SessionInput, 'courseId' | 'requestId'>>): Promise<Session> {
    const actor = who.ref;
    await this.knex.transaction(async trx => {
      const r = await this.row(id, trx);
      this.requireManager(who, r);
      if (r.status === 'cancelled') throw refuse('SESSION_CANCELLED');
      const startsAt = patch.startsAt ? iso(patch.startsAt) : r.starts_at;
      const endsAt = patch.endsAt ? iso(patch.endsAt) : r.ends_at;
      this.checkTimes(startsAt, endsAt);
      const mode = patch.mode ?? r.mode;
      const place = patch.place !== undefined ? patch.place : r.place;
      const onlineUrl = patch.onlineUrl !== undefined ? patch.onlineUrl : r.online_url;
      this.checkPlace(mode, place, onlineUrl);
      if (patch.trainerRef && patch.trainerRef !== r.trainer_ref) await this.trainers.requireQualified(patch.trainerRef, trx);
      const update: Record<string, unknown> = { starts_at: startsAt, ends_at: endsAt, mode, place: place ?? null, online_url: onlineUrl ?? null, updated_at: nowIso(this.ctx) };
      if (patch.title !== undefined) update.title = patch.title;
      if (patch.topic !== undefined) update.topic = patch.topic;
      if (patch.audience !== undefined) update.audience = patch.audience;
      if (patch.trainerRef !== undefined) update.trainer_ref = patch.trainerRef;
      if (patch.capacity !== undefined) {
        // conditional on the enrolment seen by the database, not by this read
        const ok = await trx('training_sessions').where({ id }).where('enrolled', '<=', patch.capacity).update({ capacity: patch.capacity });
        if (!ok) throw refuse('CAPACITY_BELOW_ENROLMENT', { enrolled: Number(r.enrolled) });
      }
      await trx('training_sessions').where({ id }).update(update);
      await audit(this.ctx, trx, { actor, action: 'session.update', targetType: 'session', targetId: id, details: { fields: Object.keys(patch).sort() } });
    });
    return this.get(actor, id);
  }

  /** Cancels a session that has not ended. */
  async cancel(who: SessionManager, id: string, reason: string): Promise<Session> {
    const actor = who.ref;
    await this.knex.transaction(async trx => {
      const r = await this.row(id, trx);
      this.requireManager(who, r);
      if (r.status === 'cancelled') throw refuse('SESSION_CANCELLED');
      if (Date.parse(r.ends_at) < this.ctx.clock().getTime()) throw refuse('SESSION_ENDED');
      await trx('training_sessions').where({ id }).update({ status: 'cancelled', cancel_reason: reason, updated_at: nowIso(this.ctx) });
      await audit(this.ctx, trx, { actor, action: 'session.cancel', targetType: 'session', targetId: id, details: { reason, enrolled: Number(r.enrolled) } });
    });
    return this.get(actor, id);
  }

  /**
   * Enrols a learner, recording their department. The seat is taken by one conditional update
   * (`enrolled < capacity`) in the transaction, so two learners racing for the last seat cannot
   * both get it on either engine.
   */
  async enrol(learnerRef: string, id: string, input: { department: string; name?: string }): Promise<Session> {
    try {
      await this.knex.transaction(async trx => {
        const r = await this.row(id, trx);
        if (r.status === 'cancelled') throw refuse('SESSION_CANCELLED');
        if (this.ctx.clock().getTime() >= Date.parse(r.starts_at)) throw refuse('SESSION_STARTED');
        if (await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).first()) throw refuse('ALREADY_ENROLLED');
        const taken = await trx('training_sessions').where({ id, status: 'scheduled' }).whereRaw('enrolled < capacity').increment('enrolled', 1);
        if (!taken) {
          const now = await this.row(id, trx);
          throw refuse('SESSION_FULL', { capacity: Number(now.capacity), enrolled: Number(now.enrolled) }, { capacity: Number(now.capacity) });
        }
        await trx('training_enrolments').insert({
          session_id: id,
          learner_ref: learnerRef,
          learner_name: input.name ?? refName(learnerRef),
          department: input.department,
          enrolled_at: nowIso(this.ctx),
        });
        await audit(this.ctx, trx, { actor: learnerRef, action: 'session.enrol', targetType: 'session', targetId: id, details: { department: input.department } });
      });
      trainingMetrics.enrolments.inc({ outcome: 'enrolled' });
    } catch (e) {
      const reason = ((e as ApiError).details as { reason?: string } | undefined)?.reason;
      trainingMetrics.enrolments.inc({ outcome: reason ?? 'error' });
      // a concurrent enrolment of the same learner lost the primary-key race
      if (!reason && /unique|duplicate|constraint/i.test(String((e as Error).message))) throw refuse('ALREADY_ENROLLED');
      throw e;
    }
    return this.get(learnerRef, id);
  }

  /** Gives the seat back before the session starts. */
  async unenrol(learnerRef: string, id: string): Promise<Session> {
    await this.knex.transaction(async trx => {
      const r = await this.row(id, trx);
      if (this.ctx.clock().getTime() >= Date.parse(r.starts_at)) throw refuse('SESSION_STARTED');
      const removed = await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).delete();
      if (!removed) throw refuse('NOT_ENROLLED');
      await trx('training_sessions').where({ id }).decrement('enrolled', 1);
      await audit(this.ctx, trx, { actor: learnerRef, action: 'session.unenrol', targetType: 'session', targetId: id });
    });
    return this.get(learnerRef, id);
  }

  /** The learner checks in, from 30 minutes before the start until the end. */
  async checkIn(learnerRef: string, id: string): Promise<Session> {
    await this.knex.transaction(async trx => {
      const r = await this.row(id, trx);
      const e = await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).first();
      if (!e) throw refuse('NOT_ENROLLED');
      const phase = sessionPhase({ status: r.status, startsAt: r.starts_at, endsAt: r.ends_at }, this.ctx.clock());
      if (phase === 'cancelled') throw refuse('SESSION_CANCELLED');
      if (phase !== 'check-in-open') throw refuse('CHECK_IN_CLOSED');
      if (e.attended_at) return;
      const at = nowIso(this.ctx);
      await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).update({ attended_at: at, attendance_source: 'self', marked_by: learnerRef });
      await audit(this.ctx, trx, { actor: learnerRef, action: 'session.check-in', targetType: 'session', targetId: id });
    });
    return this.get(learnerRef, id);
  }

  /** The trainer marks a learner present or absent (from when check-in opens; any time after). */
  async markAttendance(who: SessionManager, id: string, learnerRef: string, present: boolean): Promise<Enrolment> {
    const actor = who.ref;
    await this.knex.transaction(async trx => {
      const r = await this.row(id, trx);
      this.requireManager(who, r);
      const phase = sessionPhase({ status: r.status, startsAt: r.starts_at, endsAt: r.ends_at }, this.ctx.clock());
      if (phase === 'cancelled') throw refuse('SESSION_CANCELLED');
      if (phase === 'upcoming') throw refuse('CHECK_IN_CLOSED');
      const e = await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).first();
      if (!e) throw refuse('NOT_ENROLLED');
      if (!present && (await trx('training_certificates').where({ session_id: id, learner_ref: learnerRef }).first())) {
        throw refuse('CERTIFICATE_ISSUED');
      }
      await trx('training_enrolments')
        .where({ session_id: id, learner_ref: learnerRef })
        .update(present ? { attended_at: e.attended_at ?? nowIso(this.ctx), attendance_source: e.attended_at ? e.attendance_source : 'trainer', marked_by: actor } : { attended_at: null, attendance_source: null, marked_by: actor });
      await audit(this.ctx, trx, { actor, action: 'session.mark-attendance', targetType: 'session', targetId: id, details: { learnerRef, present } });
    });
    return (await this.enrolments(id)).find(e => e.learnerRef === learnerRef)!;
  }

  /** Everyone enrolled in a session, with attendance and feedback. */
  async enrolments(id: string): Promise<Enrolment[]> {
    await this.row(id);
    const rows = await this.knex('training_enrolments').where({ session_id: id }).orderBy('enrolled_at').orderBy('learner_ref');
    const given = new Set((await this.knex('training_feedback').where({ session_id: id }).select('learner_ref')).map((r: any) => r.learner_ref));
    const serials = new Map((await this.knex('training_certificates').where({ session_id: id }).select('learner_ref', 'serial')).map((r: any) => [r.learner_ref, r.serial]));
    return rows.map((r: any) => ({
      sessionId: r.session_id,
      learnerRef: r.learner_ref,
      learnerName: r.learner_name,
      department: r.department,
      enrolledAt: r.enrolled_at,
      attendedAt: r.attended_at ?? undefined,
      attendanceSource: r.attendance_source ?? undefined,
      markedBy: r.marked_by ?? undefined,
      feedbackGiven: given.has(r.learner_ref),
      certificateSerial: serials.get(r.learner_ref),
    }));
  }

  /** Records an attendee's feedback, once. */
  async feedback(learnerRef: string, id: string, input: FeedbackInput): Promise<{ ok: true }> {
    await this.knex.transaction(async trx => {
      await this.row(id, trx);
      const e = await trx('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).first();
      if (!e?.attended_at) throw refuse('NOT_ATTENDED');
      if (await trx('training_feedback').where({ session_id: id, learner_ref: learnerRef }).first()) throw refuse('FEEDBACK_GIVEN');
      await trx('training_feedback').insert({
        session_id: id,
        learner_ref: learnerRef,
        ...Object.fromEntries(FEEDBACK_QUESTIONS.map(q => [`score_${q}`, input.scores[q]])),
        comment: input.comment ?? '',
        at: nowIso(this.ctx),
      });
      await audit(this.ctx, trx, { actor: learnerRef, action: 'session.feedback', targetType: 'session', targetId: id, details: { scores: { ...input.scores } } });
    });
    return { ok: true };
  }

  /**
   * The certificate of completion of a learner who attended a session that has ended, as PDF:
   * its serial is issued (and audited) the first time, and kept.
   */
  async certificate(actor: string, learnerRef: string, id: string): Promise<{ serial: string; pdf: Buffer }> {
    const r = await this.row(id);
    const e = await this.knex('training_enrolments').where({ session_id: id, learner_ref: learnerRef }).first();
    if (!e?.attended_at) throw refuse('NOT_ATTENDED');
    if (r.status === 'cancelled') throw refuse('SESSION_CANCELLED');
    if (this.ctx.clock().getTime() <= Date.parse(r.ends_at)) throw refuse('SESSION_NOT_ENDED');
    if (!this.o.renderers.renderCertificate) await render(undefined, 'renderCertificate', {});
    let serial = (await this.knex('training_certificates').where({ session_id: id, learner_ref: learnerRef }).first())?.serial as string | undefined;
    if (!serial) {
      const fresh = newCertificateSerial(this.ctx.clock());
      try {
        await this.knex.transaction(async trx => {
          await trx('training_certificates').insert({ serial: fresh, session_id: id, learner_ref: learnerRef, issued_at: nowIso(this.ctx) });
          await audit(this.ctx, trx, { actor, action: 'certificate.issue', targetType: 'certificate', targetId: fresh, details: { sessionId: id, learnerRef } });
        });
        serial = fresh;
      } catch (err) {
        // issued concurrently: use that one
        serial = (await this.knex('training_certificates').where({ session_id: id, learner_ref: learnerRef }).first())?.serial;
        if (!serial) throw err;
      }
    }
    const hours = Math.round(((Date.parse(r.ends_at) - Date.parse(r.starts_at)) / 3_600_000) * 10) / 10;
    const input: CertificateInput = {
      title: '培训结业证书',
      recipient: e.learner_name,
      body: `${e.department} ${e.learner_name} 于 ${cnDate(r.starts_at)} 参加「${r.title}」培训（${hours} 小时），经考勤合格，特发此证。`,
      issuer: this.o.issuer,
      date: cnDate(r.ends_at),
      serial: serial!,
    };
    return { serial: serial!, pdf: await render(this.o.renderers.renderCertificate, 'renderCertificate', input) };
  }

  // ---- requests (随时响应) ----------------------------------------------------------------------------

  private toRequest(r: any): SessionRequest {
    return {
      id: r.id,
      requesterRef: r.requester_ref,
      department: r.department,
      topic: r.topic,
      audience: r.audience ?? undefined,
      description: r.description,
      preferredFrom: r.preferred_from ?? undefined,
      preferredTo: r.preferred_to ?? undefined,
      expectedAttendees: r.expected_attendees === null || r.expected_attendees === undefined ? undefined : Number(r.expected_attendees),
      status: r.status,
      reply: r.reply ?? undefined,
      answeredBy: r.answered_by ?? undefined,
      answeredAt: r.answered_at ?? undefined,
      sessionId: r.session_id ?? undefined,
      createdAt: r.created_at,
    };
  }

  /** A user or department asks for a session on a topic. */
  async request(actor: string, input: RequestInput): Promise<SessionRequest> {
    const id = randomUUID();
    await this.knex.transaction(async trx => {
      await trx('training_requests').insert({
        id,
        requester_ref: actor,
        department: input.department,
        topic: input.topic,
        audience: input.audience ?? null,
        description: input.description,
        preferred_from: input.preferredFrom ? iso(input.preferredFrom) : null,
        preferred_to: input.preferredTo ? iso(input.preferredTo) : null,
        expected_attendees: input.expectedAttendees ?? null,
        status: 'open',
        created_at: nowIso(this.ctx),
      });
      await audit(this.ctx, trx, { actor, action: 'request.create', targetType: 'request', targetId: id, details: { department: input.department, topic: input.topic } });
    });
    return this.toRequest(await this.knex('training_requests').where({ id }).first());
  }

  /** Requests: the viewer's own, or all of them for those who answer. */
  async requests(q: { requesterRef?: string; status?: RequestStatus }): Promise<{ items: SessionRequest[]; total: number }> {
    let query = this.knex('training_requests');
    if (q.requesterRef) query = query.where({ requester_ref: q.requesterRef });
    if (q.status) query = query.where({ status: q.status });
    const total = countOf(await query.clone().count({ n: '*' }).first());
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(500);
    return { items: rows.map((r: any) => this.toRequest(r)), total };
  }

  /** Accepts (to schedule a session for it) or declines an open request, with a reply. */
  async answer(actor: string, id: string, decision: 'accepted' | 'declined', reply: string): Promise<SessionRequest> {
    await this.knex.transaction(async trx => {
      const r = await trx('training_requests').where({ id }).first();
      if (!r) throw new ApiError('NOT_FOUND', `Request ${id} not found`);
      const allowed = decision === 'accepted' ? ['open'] : ['open', 'accepted'];
      if (!allowed.includes(r.status)) throw refuse('REQUEST_CLOSED', { status: r.status }, { status: r.status });
      await trx('training_requests').where({ id }).update({ status: decision, reply, answered_by: actor, answered_at: nowIso(this.ctx) });
      await audit(this.ctx, trx, { actor, action: `request.${decision === 'accepted' ? 'accept' : 'decline'}`, targetType: 'request', targetId: id, details: { reply } });
    });
    return this.toRequest(await this.knex('training_requests').where({ id }).first());
  }
}
