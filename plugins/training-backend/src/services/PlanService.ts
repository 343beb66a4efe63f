import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ApiError } from '@yinxin/ops-node';
import {
  AUDIENCES,
  type Audience,
  type Course,
  type CourseMaterial,
  type Plan,
  type PlanCoverage,
  type PlanDetail,
  type PlanStatus,
  type Topic,
} from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import { ServiceContext, audit, countOf, nowIso } from './context';
import type { TrainerService } from './TrainerService';

type Trx = Knex.Transaction;

/** A new plan. */
export interface PlanInput {
  audience: Audience;
  title: string;
  year?: number;
  description?: string;
  status?: PlanStatus;
}

/** A new course of a plan. */
export interface CourseInput {
  title: string;
  description?: string;
  topic: Topic;
  durationMinutes: number;
  position?: number;
  /** must be a qualified trainer */
  trainerRef?: string | null;
  /** published materials, in order */
  materialIds?: string[];
}

/**
 * Training plans (one or more per audience), their courses with materials and an assigned
 * trainer (who must meet the contract's requirements), and whether every audience is covered.
 * Learners see active plans and the published materials of their courses.
 */
export class PlanService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly trainers: TrainerService,
  ) {}

  private get knex() {
    return this.ctx.knex;
  }

  private toPlan(r: any, courseCount: number): Plan {
    return {
      id: r.id,
      audience: r.audience,
      title: r.title,
      year: r.year === null || r.year === undefined ? undefined : Number(r.year),
      description: r.description,
      status: r.status,
      courseCount,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private async planRow(id: string, trx: Knex | Trx = this.knex) {
    const r = await trx('training_plans').where({ id }).first();
    if (!r) throw new ApiError('NOT_FOUND', `Plan ${id} not found`);
    return r;
  }

  private async courseRow(id: string, trx: Knex | Trx = this.knex) {
    const r = await trx('training_courses').where({ id }).first();
    if (!r) throw new ApiError('NOT_FOUND', `Course ${id} not found`);
    return r;
  }

  private async courseCounts(planIds: string[]) {
    if (planIds.length === 0) return new Map<string, number>();
    const rows = await this.knex('training_courses').whereIn('plan_id', planIds).groupBy('plan_id').select('plan_id').count({ n: '*' });
    return new Map(rows.map((r: any) => [r.plan_id as string, countOf(r)]));
  }

  /** Plans: learners the active ones; staff all, filtered by audience and status. */
  async list(staff: boolean, q: { audience?: Audience; status?: PlanStatus }): Promise<Plan[]> {
    let query = this.knex('training_plans');
    if (q.audience) query = query.where({ audience: q.audience });
    if (!staff) query = query.where({ status: 'active' });
    else if (q.status) query = query.where({ status: q.status });
    const rows = await query.orderBy('audience').orderBy('year', 'desc').orderBy('created_at');
    const counts = await this.courseCounts(rows.map((r: any) => r.id));
    return rows.map((r: any) => this.toPlan(r, counts.get(r.id) ?? 0));
  }

  /** A plan with its courses (learners: active plans, published materials only). */
  async detail(staff: boolean, id: string): Promise<PlanDetail> {
    const r = await this.planRow(id);
    if (!staff && r.status !== 'active') throw new ApiError('NOT_FOUND', `Plan ${id} not found`);
    const courses = await this.coursesOf([id], staff);
    return { ...this.toPlan(r, courses.length), courses };
  }

  private async coursesOf(planIds: string[], staff: boolean): Promise<Course[]> {
    const rows = await this.knex('training_courses').whereIn('plan_id', planIds).orderBy('position').orderBy('created_at');
    if (rows.length === 0) return [];
    const links = await this.knex('training_course_materials as cm')
      .join('training_materials as m', 'm.id', 'cm.material_id')
      .leftJoin('training_material_versions as v', function join() {
        this.on('v.material_id', '=', 'm.id').andOn('v.version', '=', 'm.published_version');
      })
      .whereIn(
        'cm.course_id',
        rows.map((r: any) => r.id),
      )
      .orderBy('cm.position')
      .select('cm.course_id', 'm.id', 'm.status', 'm.published_version', 'v.title', 'v.kind');
    const byCourse = new Map<string, CourseMaterial[]>();
    for (const l of links as any[]) {
      const published = l.status === 'published';
      if (!staff && !published) continue;
      const list = byCourse.get(l.course_id) ?? [];
      list.push({
        id: l.id,
        title: l.title ?? (await this.latestTitle(l.id)),
        kind: l.kind ?? undefined,
        publishedVersion: published ? Number(l.published_version) : undefined,
      });
      byCourse.set(l.course_id, list);
    }
    return rows.map((r: any) => this.toCourse(r, byCourse.get(r.id) ?? []));
  }

  private async latestTitle(materialId: string): Promise<string> {
    const v = await this.knex('training_material_versions').where({ material_id: materialId }).orderBy('version', 'desc').first('title');
    return v?.title ?? '';
  }

  private toCourse(r: any, materials: CourseMaterial[]): Course {
    return {
      id: r.id,
      planId: r.plan_id,
      title: r.title,
      description: r.description,
      topic: r.topic,
      durationMinutes: Number(r.duration_minutes),
      position: Number(r.position),
      trainerRef: r.trainer_ref ?? undefined,
      materials,
    };
  }

  /** One course (learners: of an active plan). */
  async course(staff: boolean, id: string): Promise<Course> {
    const r = await this.courseRow(id);
    if (!staff) {
      const plan = await this.planRow(r.plan_id);
      if (plan.status !== 'active') throw new ApiError('NOT_FOUND', `Course ${id} not found`);
    }
    return (await this.coursesOf([r.plan_id], staff)).find(c => c.id === id)!;
  }

  /** For each audience: how many active plans and courses it has. */
  async coverage(): Promise<PlanCoverage[]> {
    const plans = await this.knex('training_plans').where({ status: 'active' }).select('id', 'audience');
    const counts = await this.courseCounts(plans.map((p: any) => p.id));
    return AUDIENCES.map(audience => {
      const mine = plans.filter((p: any) => p.audience === audience);
      return { audience, activePlans: mine.length, courses: mine.reduce((s: number, p: any) => s + (counts.get(p.id) ?? 0), 0) };
    });
  }

  /** Creates a plan. */
  async create(actor: string, input: PlanInput): Promise<PlanDetail> {
    const id = randomUUID();
    const at = nowIso(this.ctx);
    await this.knex.transaction(async trx => {
      await trx('training_plans').insert({
        id,
        audience: input.audience,
        title: input.title,
        year: input.year ?? null,
        description: input.description ?? '',
        status: input.status ?? 'draft',
        created_by: actor,
        created_at: at,
        updated_at: at,
      });
      await audit(this.ctx, trx, { actor, action: 'plan.create', targetType: 'plan', targetId: id, details: { audience: input.audience, title: input.title, status: input.status ?? 'draft' } });
    });
    return this.detail(true, id);
  }

  /** Changes a plan's title, year, description or status. */
  async update(actor: string, id: string, patch: Partial<Omit<PlanInput, 'audience'>>): Promise<PlanDetail> {
    await this.knex.transaction(async trx => {
      const before = await this.planRow(id, trx);
      const update: Record<string, unknown> = { updated_at: nowIso(this.ctx) };
      if (patch.title !== undefined) update.title = patch.title;
      if (patch.year !== undefined) update.year = patch.year;
      if (patch.description !== undefined) update.description = patch.description;
      if (patch.status !== undefined) update.status = patch.status;
      await trx('training_plans').where({ id }).update(update);
      await audit(this.ctx, trx, { actor, action: 'plan.update', targetType: 'plan', targetId: id, details: { fields: Object.keys(patch).sort(), status: { from: before.status, to: patch.status ?? before.status } } });
    });
    return this.detail(true, id);
  }

  private async checkMaterials(trx: Trx, ids: string[]) {
    if (new Set(ids).size !== ids.length) throw refuse('MATERIAL_LISTED_TWICE');
    if (ids.length === 0) return;
    const rows = await trx('training_materials').whereIn('id', ids).select('id', 'status');
    const published = new Set(rows.filter((r: any) => r.status === 'published').map((r: any) => r.id));
    const missing = ids.filter(i => !published.has(i));
    if (missing.length) throw refuse('MATERIAL_NOT_PUBLISHED', {}, { materialIds: missing });
  }

  private async setMaterials(trx: Trx, courseId: string, ids: string[]) {
    await trx('training_course_materials').where({ course_id: courseId }).delete();
    if (ids.length) await trx('training_course_materials').insert(ids.map((material_id, position) => ({ course_id: courseId, material_id, position })));
  }

  /** Adds a course to a plan; its trainer must be qualified and its materials published. */
  async addCourse(actor: string, planId: string, input: CourseInput): Promise<Course> {
    const id = randomUUID();
    await this.knex.transaction(async trx => {
      await this.planRow(planId, trx);
      if (input.trainerRef) await this.trainers.requireQualified(input.trainerRef, trx);
      await this.checkMaterials(trx, input.materialIds ?? []);
      const at = nowIso(this.ctx);
      const position = input.position ?? countOf(await trx('training_courses').where({ plan_id: planId }).count({ n: '*' }).first()) + 1;
      await trx('training_courses').insert({
        id,
        plan_id: planId,
        title: input.title,
        description: input.description ?? '',
        topic: input.topic,
        duration_minutes: input.durationMinutes,
        position,
        trainer_ref: input.trainerRef ?? null,
        created_at: at,
        updated_at: at,
      });
      await this.setMaterials(trx, id, input.materialIds ?? []);
      await trx('training_plans').where({ id: planId }).update({ updated_at: at });
      await audit(this.ctx, trx, {
        actor,
        action: 'course.create',
        targetType: 'course',
        targetId: id,
        details: { planId, title: input.title, trainerRef: input.trainerRef ?? null, materials: input.materialIds ?? [] },
      });
    });
    return this.course(true, id);
  }

  /** Changes a course; a new trainer must be qualified, new materials published. */
  async updateCourse(actor: string, id: string, patch: Partial<CourseInput>): Promise<Course> {
    await this.knex.transaction(async trx => {
      const before = await this.courseRow(id, trx);
      if (patch.trainerRef) await this.trainers.requireQualified(patch.trainerRef, trx);
      if (patch.materialIds) await this.checkMaterials(trx, patch.materialIds);
      const update: Record<string, unknown> = { updated_at: nowIso(this.ctx) };
      if (patch.title !== undefined) update.title = patch.title;
      if (patch.description !== undefined) update.description = patch.description;
      if (patch.topic !== undefined) update.topic = patch.topic;
      if (patch.durationMinutes !== undefined) update.duration_minutes = patch.durationMinutes;
      if (patch.position !== undefined) update.position = patch.position;
      if (patch.trainerRef !== undefined) update.trainer_ref = patch.trainerRef;
      await trx('training_courses').where({ id }).update(update);
      if (patch.materialIds) await this.setMaterials(trx, id, patch.materialIds);
      await audit(this.ctx, trx, {
        actor,
        action: 'course.update',
        targetType: 'course',
        targetId: id,
        details: { fields: Object.keys(patch).sort(), trainerRef: { from: before.trainer_ref ?? null, to: patch.trainerRef === undefined ? before.trainer_ref ?? null : patch.trainerRef } },
      });
    });
    return this.course(true, id);
  }

  /** Deletes a course that has no sessions. */
  async deleteCourse(actor: string, id: string): Promise<{ deleted: true }> {
    await this.knex.transaction(async trx => {
      const c = await this.courseRow(id, trx);
      if (countOf(await trx('training_sessions').where({ course_id: id }).count({ n: '*' }).first()) > 0) throw refuse('COURSE_HAS_SESSIONS');
      await trx('training_course_materials').where({ course_id: id }).delete();
      await trx('training_courses').where({ id }).delete();
      await audit(this.ctx, trx, { actor, action: 'course.delete', targetType: 'course', targetId: id, details: { planId: c.plan_id, title: c.title } });
    });
    return { deleted: true };
  }
}
