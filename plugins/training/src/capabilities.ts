import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import {
  learnEnrolPermission,
  learnReadPermission,
  materialReviewPermission,
  materialWritePermission,
  planManagePermission,
  planReadPermission,
  reportReadPermission,
  sessionManagePermission,
  trainerManagePermission,
} from '@yinxin/plugin-training-common';

/**
 * What the signed-in user may do in the training UI. Only used to decide what to show: the
 * backend decides what is allowed, and a refusal is shown with its message.
 */
export interface TrainingRights {
  /** Reads published materials, active plans and sessions; searches (every role). */
  learn: boolean;
  /** Enrols, checks in, gives feedback, asks for sessions (every role). */
  enrol: boolean;
  /** Writes materials: drafts, uploads, submits, new versions (trainers). */
  write: boolean;
  /** Approves and rejects versions in review, archives (training reviewers). */
  review: boolean;
  /** Schedules sessions, answers requests, marks attendance (trainers). */
  manageSessions: boolean;
  /** Reads every plan and the coverage per audience (trainers, reviewers). */
  readPlans: boolean;
  /** Creates and edits plans and courses (training manager). */
  managePlans: boolean;
  /** Records trainers' qualifications (training manager). */
  manageTrainers: boolean;
  /** Reads and exports training records and reports (manager, trainers, auditors). */
  readReports: boolean;
}

/** The rights of a user with these ownership entity refs (`group:default/<role>`). */
export function rightsOf(ownershipRefs: readonly string[]): TrainingRights {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    learn: may(learnReadPermission),
    enrol: may(learnEnrolPermission),
    write: may(materialWritePermission),
    review: may(materialReviewPermission),
    manageSessions: may(sessionManagePermission),
    readPlans: may(planReadPermission),
    managePlans: may(planManagePermission),
    manageTrainers: may(trainerManagePermission),
    readReports: may(reportReadPermission),
  };
}

/** Whether the user sees the trainers' qualifications (as the API lets them read them). */
export function seesTrainers(r: TrainingRights): boolean {
  return r.readPlans || r.manageTrainers || r.manageSessions;
}

/** Whether the user sees the coverage of plans per audience. */
export function seesPlanCoverage(r: TrainingRights): boolean {
  return r.readPlans || r.managePlans || r.readReports;
}

/** The sections (tabs) of the training page, in display order. */
export const TRAINING_SECTIONS = ['library', 'materials', 'plans', 'sessions', 'records'] as const;
/** One of {@link TRAINING_SECTIONS}. */
export type TrainingSection = (typeof TRAINING_SECTIONS)[number];

/**
 * The sections a user sees: learners the library, plans, sessions and their own records; writers
 * and reviewers also 我的资料 / 审核.
 */
export function visibleSections(r: TrainingRights): TrainingSection[] {
  const show: Record<TrainingSection, boolean> = {
    library: r.learn,
    materials: r.write || r.review,
    plans: r.learn || r.readPlans || r.managePlans,
    sessions: r.learn || r.manageSessions,
    records: r.learn || r.readReports,
  };
  return TRAINING_SECTIONS.filter(s => show[s]);
}

/**
 * Where `/training` takes a user: reviewers to their review queue, everyone else to the library;
 * no section at all without the right to learn.
 */
export function homeSection(r: TrainingRights): TrainingSection | undefined {
  const sections = visibleSections(r);
  if (r.review && !r.write && sections.includes('materials')) return 'materials';
  return sections[0];
}
