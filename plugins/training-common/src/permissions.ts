import { createPermission } from '@backstage/plugin-permission-common';

const training = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.training.${name}`, attributes: { action } });

/** Read published materials, active plans and their courses, scheduled sessions; search (every signed-in role). */
export const learnReadPermission = training('learn.read', 'read');
/**
 * Enrol in sessions, check in, give feedback, ask for a session, fetch one's own certificates
 * (every signed-in role).
 */
export const learnEnrolPermission = training('learn.enrol', 'create');
/** Write materials: create drafts, upload files, submit versions for review, archive one's own (trainers). */
export const materialWritePermission = training('material.write', 'update');
/** Review materials: approve or reject versions in review (never one's own), archive any (training reviewers). */
export const materialReviewPermission = training('material.review', 'update');
/** Schedule, change and cancel sessions, answer session requests, mark attendance (trainers). */
export const sessionManagePermission = training('session.manage', 'update');
/** Read every plan, draft or retired, with its courses (trainers, reviewers). */
export const planReadPermission = training('plan.read', 'read');
/** Create and change plans and courses, assign trainers to courses (training manager). */
export const planManagePermission = training('plan.manage', 'update');
/** Record trainers' qualifications (training manager). */
export const trainerManagePermission = training('trainer.manage', 'update');
/** Read training records and reports, export them (training manager, trainers, auditors). */
export const reportReadPermission = training('report.read', 'read');

/** Every permission of the training plugin. */
export const trainingPermissions = [
  learnReadPermission,
  learnEnrolPermission,
  materialWritePermission,
  materialReviewPermission,
  sessionManagePermission,
  planReadPermission,
  planManagePermission,
  trainerManagePermission,
  reportReadPermission,
];
