import type { Material, MaterialDetail, MaterialVersion } from '@yinxin/plugin-training-common';
import { authoredBy, canArchive, canStartVersion, focusVersion, reviewQueue, versionActions } from './materials';

const version = (over: Partial<MaterialVersion> = {}): MaterialVersion => ({
  materialId: 'm1',
  version: 1,
  state: 'draft',
  title: '电子印章使用指南',
  description: '',
  audiences: ['agency'],
  topics: ['e-seal'],
  language: 'zh-CN',
  createdBy: 'user:default/trainer1',
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  ...over,
});
const material = (id: string, over: Partial<Material> = {}): Material => ({
  id,
  status: 'in-review',
  latestVersion: 1,
  current: version({ materialId: id }),
  createdBy: 'user:default/trainer1',
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
  ...over,
});
const file = { fileName: 'a.pdf', format: 'pdf' as const, kind: 'document' as const, size: 1, sha256: 'x', preview: 'pdf' as const, textStatus: 'extracted' as const };

describe('reviewQueue', () => {
  it('takes versions in review from both lists, once, oldest first', () => {
    const a = material('a', { pending: { version: 1, state: 'in-review' }, updatedAt: '2026-03-03T00:00:00Z' });
    const b = material('b', { status: 'published', pending: { version: 2, state: 'in-review' }, updatedAt: '2026-03-02T00:00:00Z' });
    const c = material('c', { status: 'published' });
    const d = material('d', { status: 'published', pending: { version: 2, state: 'draft' } });
    expect(reviewQueue([[a], [b, c, d, a]]).map(m => m.id)).toEqual(['b', 'a']);
  });
});

describe('versionActions', () => {
  const writer = { write: true, review: false };
  const reviewer = { write: false, review: true };

  it('lets writers work on drafts and submit once a file is there', () => {
    expect(versionActions({ status: 'draft' }, version(), writer)).toEqual({ edit: true, upload: true, submit: false, withdraw: false, approve: false, reject: false, remove: true });
    expect(versionActions({ status: 'draft' }, version({ file }), writer).submit).toBe(true);
  });

  it('lets writers withdraw and reviewers decide versions in review', () => {
    expect(versionActions({ status: 'in-review' }, version({ state: 'in-review', file }), writer)).toMatchObject({ withdraw: true, approve: false });
    expect(versionActions({ status: 'in-review' }, version({ state: 'in-review', file }), reviewer)).toMatchObject({ withdraw: false, approve: true, reject: true, edit: false });
  });

  it('offers nothing on published, superseded or archived versions', () => {
    for (const state of ['published', 'superseded', 'archived'] as const) {
      expect(Object.values(versionActions({ status: 'published' }, version({ state }), { write: true, review: true })).some(Boolean)).toBe(false);
    }
    expect(Object.values(versionActions({ status: 'archived' }, version(), { write: true, review: true })).some(Boolean)).toBe(false);
  });

  it('knows the authors', () => {
    expect(authoredBy(version({ submittedBy: 'user:default/x' }), 'user:default/x')).toBe(true);
    expect(authoredBy(version(), 'user:default/treview1')).toBe(false);
    expect(authoredBy(version(), undefined)).toBe(false);
  });
});

describe('material actions', () => {
  const detail = (over: Partial<MaterialDetail>): MaterialDetail => ({ ...material('m'), versions: [], events: [], ...over });

  it('starts a new version only without an open one', () => {
    expect(canStartVersion(detail({ status: 'published' }), { write: true })).toBe(true);
    expect(canStartVersion(detail({ status: 'published', pending: { version: 2, state: 'draft' } }), { write: true })).toBe(false);
    expect(canStartVersion(detail({ status: 'archived' }), { write: true })).toBe(false);
  });

  it('archives published materials: the author or a reviewer', () => {
    const m = detail({ status: 'published' });
    expect(canArchive(m, { write: true, review: false }, 'user:default/trainer1')).toBe(true);
    expect(canArchive(m, { write: true, review: false }, 'user:default/other')).toBe(false);
    expect(canArchive(m, { write: false, review: true }, 'user:default/treview1')).toBe(true);
    expect(canArchive(detail({ status: 'draft' }), { write: false, review: true }, undefined)).toBe(false);
  });

  it('focuses the open version, else the published one', () => {
    const v1 = version({ version: 1, state: 'published' });
    const v2 = version({ version: 2, state: 'draft' });
    expect(focusVersion(detail({ versions: [v2, v1] }))?.version).toBe(2);
    expect(focusVersion(detail({ versions: [version({ version: 2, state: 'superseded' }), v1] }))?.version).toBe(1);
    expect(focusVersion(detail({ versions: [] }))).toBeUndefined();
  });
});
