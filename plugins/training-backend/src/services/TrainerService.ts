import type { Knex } from 'knex';
import { ApiError } from '@yinxin/ops-node';
import { checkTrainer, type SimilarProject, type Trainer, type TrainerCheck } from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import { ServiceContext, audit, jsonList, nowIso } from './context';

/** A trainer's qualification as recorded by the training manager. */
export interface TrainerInput {
  userRef: string;
  displayName: string;
  yearsOfExperience: number;
  similarProjects: SimilarProject[];
  evidence: string;
}

/**
 * Trainers' qualifications (years of experience, similar projects led, evidence) and the check
 * the contract asks for before a trainer is assigned to a course or a session.
 */
export class TrainerService {
  constructor(private readonly ctx: ServiceContext) {}

  private toTrainer(r: any): Trainer {
    const similarProjects = jsonList<SimilarProject>(r.similar_projects);
    const yearsOfExperience = Number(r.years_experience);
    return {
      userRef: r.user_ref,
      displayName: r.display_name,
      yearsOfExperience,
      similarProjects,
      evidence: r.evidence,
      check: checkTrainer({ yearsOfExperience, similarProjects }),
      recordedBy: r.recorded_by,
      updatedAt: r.updated_at,
    };
  }

  /** Every recorded trainer, qualified first. */
  async list(): Promise<Trainer[]> {
    const rows = await this.ctx.knex('training_trainers').orderBy('display_name').orderBy('user_ref');
    return rows.map((r: any) => this.toTrainer(r)).sort((a: Trainer, b: Trainer) => Number(b.check.qualified) - Number(a.check.qualified));
  }

  /** One trainer's record. */
  async get(userRef: string): Promise<Trainer> {
    const r = await this.ctx.knex('training_trainers').where({ user_ref: userRef }).first();
    if (!r) throw new ApiError('NOT_FOUND', `No qualification recorded for ${userRef}`);
    return this.toTrainer(r);
  }

  /** Records or replaces a trainer's qualification. */
  async record(actor: string, input: TrainerInput): Promise<Trainer> {
    await this.ctx.knex.transaction(async trx => {
      const before = await trx('training_trainers').where({ user_ref: input.userRef }).first();
      const row = {
        user_ref: input.userRef,
        display_name: input.displayName,
        years_experience: input.yearsOfExperience,
        similar_projects: JSON.stringify(input.similarProjects),
        evidence: input.evidence,
        recorded_by: actor,
        updated_at: nowIso(this.ctx),
      };
      if (before) await trx('training_trainers').where({ user_ref: input.userRef }).update(row);
      else await trx('training_trainers').insert(row);
      const check = checkTrainer(input);
      await audit(this.ctx, trx, {
        actor,
        action: 'trainer.record',
        targetType: 'trainer',
        targetId: input.userRef,
        details: { yearsOfExperience: input.yearsOfExperience, similarProjects: input.similarProjects.length, qualified: check.qualified, failures: check.failures },
      });
    });
    return this.get(input.userRef);
  }

  /** The contract check of a trainer (a trainer without a record fails `recorded`). */
  async check(userRef: string, trx: Knex | Knex.Transaction = this.ctx.knex): Promise<TrainerCheck> {
    const r = await trx('training_trainers').where({ user_ref: userRef }).first();
    return checkTrainer(r ? { yearsOfExperience: Number(r.years_experience), similarProjects: jsonList(r.similar_projects) } : undefined);
  }

  /**
   * Refuses with `TRAINER_NOT_QUALIFIED` — naming each requirement not met, in Chinese and
   * English — unless the trainer has at least three years of experience and has led a similar
   * project.
   */
  async requireQualified(userRef: string, trx: Knex | Knex.Transaction = this.ctx.knex): Promise<void> {
    const c = await this.check(userRef, trx);
    if (!c.qualified) {
      throw refuse(
        'TRAINER_NOT_QUALIFIED',
        { trainerRef: userRef, failures: c.failures, yearsOfExperience: c.yearsOfExperience },
        { trainerRef: userRef, failures: c.failures, yearsOfExperience: c.yearsOfExperience ?? null, similarProjects: c.similarProjects ?? null },
      );
    }
  }
}
