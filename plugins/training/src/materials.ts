import type { Material, MaterialDetail, MaterialVersion } from '@yinxin/plugin-training-common';
import type { TrainingRights } from './capabilities';

/**
 * The versions waiting for review, from the staff lists of materials in review and of published
 * materials (whose newer version may be in review): each material once, oldest change first.
 */
export function reviewQueue(lists: readonly (readonly Material[])[]): Material[] {
  const seen = new Map<string, Material>();
  for (const m of lists.flat()) if (m.pending?.state === 'in-review' && !seen.has(m.id)) seen.set(m.id, m);
  return [...seen.values()].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
}

/** Whether the user wrote, uploaded or submitted a version (the backend refuses them its review). */
export function authoredBy(v: MaterialVersion, userRef: string | undefined): boolean {
  return !!userRef && (v.createdBy === userRef || v.submittedBy === userRef);
}

/** The buttons of one version in the staff view. The backend decides; these only pick what to show. */
export interface VersionActions {
  edit: boolean;
  upload: boolean;
  submit: boolean;
  withdraw: boolean;
  approve: boolean;
  reject: boolean;
  remove: boolean;
}

/**
 * What a user may try on a version: writers edit, upload, submit and delete drafts and withdraw
 * versions in review; reviewers approve or reject versions in review — also their own, so that
 * the backend's refusal (no self-review) is shown rather than hidden. Nothing on archived materials.
 */
export function versionActions(m: Pick<Material, 'status'>, v: MaterialVersion, r: Pick<TrainingRights, 'write' | 'review'>): VersionActions {
  const live = m.status !== 'archived';
  const draft = live && v.state === 'draft';
  const inReview = live && v.state === 'in-review';
  return {
    edit: r.write && draft,
    upload: r.write && draft,
    submit: r.write && draft && !!v.file,
    withdraw: r.write && inReview,
    approve: r.review && inReview,
    reject: r.review && inReview,
    remove: r.write && draft,
  };
}

/** Whether a new version may be started: a writer, a live material, no open version. */
export function canStartVersion(m: Pick<MaterialDetail, 'status' | 'pending'>, r: Pick<TrainingRights, 'write'>): boolean {
  return r.write && m.status !== 'archived' && !m.pending;
}

/** Whether the material may be archived by this user: published, no open version, its author or a reviewer. */
export function canArchive(m: Pick<MaterialDetail, 'status' | 'pending' | 'createdBy'>, r: Pick<TrainingRights, 'write' | 'review'>, userRef: string | undefined): boolean {
  return m.status === 'published' && !m.pending && (r.review || (r.write && m.createdBy === userRef));
}

/** The version shown first on a material's staff page: the open one, else the published one, else the newest. */
export function focusVersion(m: MaterialDetail): MaterialVersion | undefined {
  return m.versions.find(v => v.state === 'draft' || v.state === 'in-review') ?? m.versions.find(v => v.state === 'published') ?? m.versions[0];
}
