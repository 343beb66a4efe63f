import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { ApiError, likePattern } from '@yinxin/ops-node';
import {
  FORMAT_INFO,
  OPEN_VERSION_STATES,
  formatOfFileName,
  materialStatusOf,
  nextVersionState,
  type Audience,
  type FileFormat,
  type Material,
  type MaterialDetail,
  type MaterialEvent,
  type MaterialKind,
  type MaterialStatus,
  type MaterialVersion,
  type NewMaterialInput,
  type PreviewMode,
  type TextStatus,
  type Topic,
  type VersionAction,
  type VersionState,
} from '@yinxin/plugin-training-common';
import { refuse } from '../errors';
import { FileStore, TooLargeError } from '../files/FileStore';
import { InspectOptions, inspectFile } from '../files/inspect';
import { OFFICE_FORMATS, OfficePreview } from '../files/OfficePreview';
import { SearchIndex } from '../search/SearchIndex';
import { trainingMetrics } from '../metrics';
import { ServiceContext, audit, countOf, jsonList, nowIso } from './context';

type Trx = Knex.Transaction;

/** Who is looking: learners see published versions only; staff (writers, reviewers) see all. */
export interface Viewer {
  ref: string;
  staff: boolean;
}

/**
 * Who changes a material's versions: the user, and whether they are the training manager
 * (`plan.manage`), who may change anyone's material.
 */
export interface Writer {
  ref: string;
  manager: boolean;
}

/** A change of a draft's metadata. */
export type MaterialPatch = Partial<NewMaterialInput>;

/** A material list query. */
export interface MaterialQuery {
  q?: string;
  audience?: Audience;
  topic?: Topic;
  kind?: MaterialKind;
  /** staff only: filter by status (e.g. `in-review` for the review queue) */
  status?: MaterialStatus;
  /** staff only: only materials the viewer created */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

/** A stored file ready to be served. */
export interface ServedFile {
  key: string;
  path: string;
  size: number;
  sha256: string;
  format: FileFormat;
  fileName: string;
  version: number;
}

/** Options of {@link MaterialService}. */
export interface MaterialServiceOptions {
  store: FileStore;
  search: SearchIndex;
  preview: OfficePreview;
  /** size limits per kind, bytes */
  limits: Record<MaterialKind, number>;
  inspect: InspectOptions;
  /** told about refused uploads (they leave no row, so no audit record) */
  onRefusedUpload?: (what: { actor: string; fileName: string; reason: string }) => void;
}

/**
 * Training materials: drafts with metadata, uploads (streamed to disk, sniffed, text extracted),
 * the review workflow draft → in-review → published → archived with versions, what learners may
 * see, and files to serve. Every change is one transaction with its history event and audit
 * record; a file is moved into the store inside that transaction and removed if it rolls back.
 */
export class MaterialService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly o: MaterialServiceOptions,
  ) {}

  private get knex() {
    return this.ctx.knex;
  }

  // ---- mapping -----------------------------------------------------------------------------------

  /** How a format is previewed on this server. */
  previewMode(format: FileFormat): PreviewMode {
    if (format === 'pdf') return 'pdf';
    if (OFFICE_FORMATS.includes(format)) return this.o.preview.available ? 'converted-pdf' : 'unavailable';
    return FORMAT_INFO[format].kind === 'video' ? 'video' : 'image';
  }

  private toVersion(r: any): MaterialVersion {
    return {
      materialId: r.material_id,
      version: Number(r.version),
      state: r.state,
      title: r.title,
      description: r.description,
      audiences: jsonList<Audience>(r.audiences),
      topics: jsonList<Topic>(r.topics),
      language: r.language,
      file: r.storage_key
        ? {
            fileName: r.file_name,
            format: r.format,
            kind: r.kind,
            size: Number(r.size),
            sha256: r.sha256,
            preview: this.previewMode(r.format),
            textStatus: r.text_status as TextStatus,
          }
        : undefined,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      submittedBy: r.submitted_by ?? undefined,
      submittedAt: r.submitted_at ?? undefined,
      reviewedBy: r.reviewed_by ?? undefined,
      reviewedAt: r.reviewed_at ?? undefined,
      reviewNote: r.review_note ?? undefined,
      publishedAt: r.published_at ?? undefined,
    };
  }

  private toMaterial(m: any, current: any, open: { version: number; state: VersionState } | undefined, viewer: Viewer): Material {
    return {
      id: m.id,
      status: m.status,
      publishedVersion: m.published_version === null || m.published_version === undefined ? undefined : Number(m.published_version),
      latestVersion: viewer.staff ? Number(m.latest_version) : Number(m.published_version),
      pending: viewer.staff ? open : undefined,
      current: this.toVersion(current),
      createdBy: m.created_by,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
      archivedAt: m.archived_at ?? undefined,
      archivedBy: viewer.staff ? m.archived_by ?? undefined : undefined,
      archiveReason: viewer.staff ? m.archive_reason ?? undefined : undefined,
    };
  }

  // ---- reading -----------------------------------------------------------------------------------

  private async materialRow(id: string, trx: Knex | Trx = this.knex) {
    const m = await trx('training_materials').where({ id }).first();
    if (!m) throw new ApiError('NOT_FOUND', `Material ${id} not found`);
    return m;
  }

  private async versionRow(materialId: string, version: number, trx: Knex | Trx = this.knex) {
    const v = await trx('training_material_versions').where({ material_id: materialId, version }).first();
    if (!v) throw new ApiError('NOT_FOUND', `Material ${materialId} has no version ${version}`);
    return v;
  }

  /** Lists materials: learners the published ones (their published version), staff every one (its newest version). */
  async list(viewer: Viewer, q: MaterialQuery): Promise<{ items: Material[]; total: number }> {
    let query = this.knex('training_materials as m').join('training_material_versions as v', function join() {
      this.on('v.material_id', '=', 'm.id');
    });
    if (viewer.staff) {
      query = query.whereRaw('v.version = m.latest_version');
      if (q.status) query = query.where('m.status', q.status);
      if (q.mine) query = query.where('m.created_by', viewer.ref);
    } else {
      query = query.where('m.status', 'published').whereRaw('v.version = m.published_version');
    }
    if (q.audience) query = query.where('v.audiences', 'like', `%"${q.audience}"%`);
    if (q.topic) query = query.where('v.topics', 'like', `%"${q.topic}"%`);
    if (q.kind) query = query.where('v.kind', q.kind);
    if (q.q) query = query.whereRaw("lower(v.title) like ? escape '\\'", [likePattern(q.q.toLowerCase())]);
    const total = countOf(await query.clone().count({ n: '*' }).first());
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    const rows = await query
      .orderBy('m.updated_at', 'desc')
      .orderBy('m.id')
      .limit(pageSize)
      .offset(((q.page ?? 1) - 1) * pageSize)
      .select('m.*', this.knex.raw('v.id as v_id'));
    const versionIds = rows.map((r: any) => r.v_id);
    const versions = versionIds.length ? await this.knex('training_material_versions').whereIn('id', versionIds) : [];
    const byId = new Map(versions.map((v: any) => [v.id, v]));
    const open = viewer.staff && rows.length ? await this.openVersions(rows.map((r: any) => r.id)) : new Map();
    return { items: rows.map((r: any) => this.toMaterial(r, byId.get(r.v_id), open.get(r.id), viewer)), total };
  }

  private async openVersions(materialIds: string[], trx: Knex | Trx = this.knex) {
    const rows = await trx('training_material_versions').whereIn('material_id', materialIds).whereIn('state', OPEN_VERSION_STATES as VersionState[]).select('material_id', 'version', 'state');
    return new Map(rows.map((r: any) => [r.material_id as string, { version: Number(r.version), state: r.state as VersionState }]));
  }

  /** A material with its versions and history (learners: the published version only, no history). */
  async detail(viewer: Viewer, id: string): Promise<MaterialDetail> {
    const m = await this.materialRow(id);
    if (!viewer.staff) {
      if (m.status !== 'published') throw new ApiError('NOT_FOUND', `Material ${id} not found`);
      const v = await this.versionRow(id, Number(m.published_version));
      const current = this.toVersion(v);
      return { ...this.toMaterial(m, v, undefined, viewer), versions: [current], events: [] };
    }
    const versions = await this.knex('training_material_versions').where({ material_id: id }).orderBy('version', 'desc');
    const events = await this.knex('training_material_events').where({ material_id: id }).orderBy('id', 'desc').limit(200);
    const open = versions.find((v: any) => (OPEN_VERSION_STATES as string[]).includes(v.state));
    return {
      ...this.toMaterial(m, versions[0], open ? { version: Number(open.version), state: open.state } : undefined, viewer),
      versions: versions.map((v: any) => this.toVersion(v)),
      events: events.map(
        (e: any): MaterialEvent => ({ at: e.at, actor: e.actor, action: e.action, version: e.version === null ? null : Number(e.version), note: e.note ?? undefined }),
      ),
    };
  }

  /**
   * The file of a version for serving. Learners may fetch only the published version of a
   * published material; without `version` everyone gets the published version (staff the newest
   * one when nothing is published).
   */
  async file(viewer: Viewer, id: string, version?: number): Promise<ServedFile> {
    const m = await this.materialRow(id);
    let n = version;
    if (!viewer.staff) {
      if (m.status !== 'published' || (n !== undefined && n !== Number(m.published_version))) throw new ApiError('NOT_FOUND', `Material ${id} not found`);
      n = Number(m.published_version);
    } else if (n === undefined) {
      n = m.published_version !== null && m.published_version !== undefined ? Number(m.published_version) : Number(m.latest_version);
    }
    const v = await this.versionRow(id, n);
    if (!v.storage_key) throw new ApiError('NOT_FOUND', `Version ${n} of material ${id} has no file`);
    return { key: v.storage_key, path: this.o.store.pathOf(v.storage_key), size: Number(v.size), sha256: v.sha256, format: v.format, fileName: v.file_name, version: n };
  }

  /** The extracted text of a version (staff: to check what search sees). */
  async text(id: string, version: number): Promise<{ text: string; textStatus: TextStatus | null }> {
    const v = await this.versionRow(id, version);
    const doc = await this.knex('training_search_docs').where({ version_id: v.id }).first();
    return { text: doc?.body ?? '', textStatus: v.text_status ?? null };
  }

  // ---- writing -----------------------------------------------------------------------------------

  private async event(trx: Trx, materialId: string, version: number | null, actor: string, action: string, note?: string) {
    await trx('training_material_events').insert({ material_id: materialId, version, at: nowIso(this.ctx), actor, action, note: note ?? null });
  }

  /** Recomputes a material's status, published and latest version from its versions. */
  private async refresh(trx: Trx, id: string): Promise<void> {
    const m = await this.materialRow(id, trx);
    const versions = await trx('training_material_versions').where({ material_id: id }).select('version', 'state');
    const published = versions.find((v: any) => v.state === 'published');
    await trx('training_materials')
      .where({ id })
      .update({
        status: materialStatusOf(!!m.archived_at, versions),
        published_version: published ? Number(published.version) : m.archived_at ? m.published_version : null,
        latest_version: Math.max(...versions.map((v: any) => Number(v.version))),
        updated_at: nowIso(this.ctx),
      });
  }

  /** Creates a material: its first version, a draft without a file. */
  async create(actor: string, input: NewMaterialInput): Promise<MaterialDetail> {
    const id = randomUUID();
    const at = nowIso(this.ctx);
    await this.knex.transaction(async trx => {
      await trx('training_materials').insert({ id, status: 'draft', published_version: null, latest_version: 1, created_by: actor, created_at: at, updated_at: at });
      await trx('training_material_versions').insert({
        id: randomUUID(),
        material_id: id,
        version: 1,
        state: 'draft',
        title: input.title,
        description: input.description ?? '',
        audiences: JSON.stringify(input.audiences),
        topics: JSON.stringify(input.topics),
        language: input.language ?? 'zh-CN',
        created_by: actor,
        created_at: at,
        updated_at: at,
      });
      await this.event(trx, id, 1, actor, 'create');
      await audit(this.ctx, trx, { actor, action: 'material.create', targetType: 'material', targetId: id, details: { title: input.title, audiences: input.audiences, topics: input.topics } });
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  private requireState(v: any, allowed: readonly VersionState[]) {
    if (!allowed.includes(v.state)) throw refuse('VERSION_NOT_EDITABLE', { version: Number(v.version), state: v.state });
  }

  /**
   * Only the material's creator, the version's author (who created it) and the training manager
   * may change a material's versions; others are refused with `NOT_YOUR_MATERIAL` before
   * anything changes.
   */
  private requireWriter(w: Writer, m: any, v: any | undefined, action: string) {
    if (w.manager || m.created_by === w.ref || (v && v.created_by === w.ref)) return;
    throw refuse('NOT_YOUR_MATERIAL', { action }, { action, createdBy: m.created_by });
  }

  /** Changes the metadata of a draft version. */
  async updateDraft(w: Writer, id: string, version: number, patch: MaterialPatch): Promise<MaterialDetail> {
    const actor = w.ref;
    await this.knex.transaction(async trx => {
      const m = await this.materialRow(id, trx);
      const v = await this.versionRow(id, version, trx);
      this.requireWriter(w, m, v, 'edit');
      this.requireState(v, ['draft']);
      const update: Record<string, unknown> = { updated_at: nowIso(this.ctx) };
      if (patch.title !== undefined) update.title = patch.title;
      if (patch.description !== undefined) update.description = patch.description;
      if (patch.audiences !== undefined) update.audiences = JSON.stringify(patch.audiences);
      if (patch.topics !== undefined) update.topics = JSON.stringify(patch.topics);
      if (patch.language !== undefined) update.language = patch.language;
      await trx('training_material_versions').where({ id: v.id }).update(update);
      if (patch.title !== undefined) await this.o.search.reindexTitle(trx, v.id, patch.title);
      await trx('training_materials').where({ id }).update({ updated_at: nowIso(this.ctx) });
      await this.event(trx, id, version, actor, 'edit');
      await audit(this.ctx, trx, { actor, action: 'material.edit', targetType: 'material', targetId: id, details: { version, fields: Object.keys(patch).sort() } });
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /**
   * Starts a new version from the newest one: its metadata (with `patch`) and its file; a draft
   * that can be changed and submitted while learners keep the published version.
   */
  async newVersion(w: Writer, id: string, patch: MaterialPatch): Promise<MaterialDetail> {
    const actor = w.ref;
    await this.knex.transaction(async trx => {
      const m = await this.materialRow(id, trx);
      const prev = await this.versionRow(id, Number(m.latest_version), trx);
      this.requireWriter(w, m, prev, 'new-version');
      if (m.archived_at) throw refuse('MATERIAL_ARCHIVED');
      const open = (await this.openVersions([id], trx)).get(id);
      if (open) throw refuse('VERSION_OPEN', { version: open.version, state: open.state });
      const at = nowIso(this.ctx);
      const n = Number(m.latest_version) + 1;
      const versionId = randomUUID();
      const title = patch.title ?? prev.title;
      await trx('training_material_versions').insert({
        id: versionId,
        material_id: id,
        version: n,
        state: 'draft',
        title,
        description: patch.description ?? prev.description,
        audiences: patch.audiences ? JSON.stringify(patch.audiences) : prev.audiences,
        topics: patch.topics ? JSON.stringify(patch.topics) : prev.topics,
        language: patch.language ?? prev.language,
        file_name: prev.file_name,
        format: prev.format,
        kind: prev.kind,
        size: prev.size,
        sha256: prev.sha256,
        storage_key: prev.storage_key,
        text_status: prev.text_status,
        uploaded_by: prev.uploaded_by,
        created_by: actor,
        created_at: at,
        updated_at: at,
      });
      const doc = await trx('training_search_docs').where({ version_id: prev.id }).first();
      if (doc) await this.o.search.index(trx, { versionId, materialId: id, title, body: doc.body, at });
      await this.refresh(trx, id);
      await this.event(trx, id, n, actor, 'new-version');
      await audit(this.ctx, trx, { actor, action: 'material.new-version', targetType: 'material', targetId: id, details: { version: n, from: Number(prev.version) } });
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /**
   * Stores the file of a draft version from a request body: streamed to a temporary file with
   * its SHA-256 under the size limit of its kind, checked by content to be what its extension
   * says, its text extracted; then in one transaction the version row, the search index, the
   * history event and the audit record are written and the file moved into the store. A refusal
   * at any step leaves nothing: no row, no file.
   */
  async upload(w: Writer, id: string, version: number, fileName: string, body: Readable): Promise<MaterialDetail> {
    const actor = w.ref;
    let tmpPath: string | undefined;
    let committedKey: string | undefined;
    let replacedKey: string | undefined;
    let received = false;
    let committed = false;
    try {
      const m = await this.materialRow(id);
      const v = await this.versionRow(id, version);
      this.requireWriter(w, m, v, 'upload');
      this.requireState(v, ['draft']);
      const format = formatOfFileName(fileName);
      if (!format) throw refuse('FILE_TYPE_NOT_ALLOWED', { fileName });
      const kind = FORMAT_INFO[format].kind;
      const limit = this.o.limits[kind];
      let file;
      try {
        file = await this.o.store.receive(body, limit);
      } catch (e) {
        received = true;
        if (e instanceof TooLargeError) throw refuse('FILE_TOO_LARGE', { limitBytes: e.limit }, { limitBytes: e.limit, kind });
        throw e;
      }
      received = true;
      tmpPath = file.tmpPath;
      const inspection = await inspectFile({ path: file.tmpPath, size: file.size, head: file.head }, fileName, format, this.o.inspect);
      const key = this.o.store.newKey();
      await this.knex.transaction(async trx => {
        const row = await this.versionRow(id, version, trx);
        this.requireState(row, ['draft']);
        const at = nowIso(this.ctx);
        await trx('training_material_versions').where({ id: row.id }).update({
          file_name: fileName,
          format,
          kind,
          size: file.size,
          sha256: file.sha256,
          storage_key: key,
          text_status: inspection.textStatus,
          uploaded_by: actor,
          updated_at: at,
        });
        await this.o.search.index(trx, { versionId: row.id, materialId: id, title: row.title, body: inspection.text, at });
        await trx('training_materials').where({ id }).update({ updated_at: at });
        await this.event(trx, id, version, actor, 'upload', fileName);
        await audit(this.ctx, trx, {
          actor,
          action: 'material.upload',
          targetType: 'material',
          targetId: id,
          details: { version, fileName, format, size: file.size, sha256: file.sha256, textStatus: inspection.textStatus },
        });
        await this.o.store.commit(file.tmpPath, key);
        committedKey = key;
        replacedKey = row.storage_key ?? undefined;
      });
      committed = true;
      trainingMetrics.uploads.inc({ kind, outcome: 'stored' });
      trainingMetrics.uploadBytes.inc({ kind }, file.size);
    } catch (e) {
      // the transaction rolled back after the file was moved: remove it
      if (committedKey && !committed) await this.o.store.remove(committedKey).catch(() => undefined);
      if (!received) body.resume();
      const reason = e instanceof ApiError ? (e.details as { reason?: string } | undefined)?.reason : undefined;
      if (reason) {
        trainingMetrics.uploads.inc({ kind: 'any', outcome: reason });
        this.o.onRefusedUpload?.({ actor, fileName, reason });
      }
      throw e;
    } finally {
      if (tmpPath) await this.o.store.discard(tmpPath);
    }
    if (replacedKey) await this.removeIfUnreferenced(replacedKey);
    return this.detail({ ref: actor, staff: true }, id);
  }

  private async removeIfUnreferenced(key: string) {
    const used = countOf(await this.knex('training_material_versions').where({ storage_key: key }).count({ n: '*' }).first());
    if (used === 0) await this.o.store.remove(key);
  }

  /** Moves a version along the workflow; see {@link VERSION_TRANSITIONS}. */
  private async transition(
    actor: string,
    id: string,
    version: number,
    action: VersionAction,
    options: {
      note?: string;
      /** the writer of a writer's step (submit, withdraw): must be allowed to change the material */
      writer?: Writer;
      check?: (v: any, trx: Trx) => Promise<void> | void;
      apply?: (v: any, trx: Trx, at: string) => Promise<void>;
    } = {},
  ): Promise<void> {
    await this.knex.transaction(async trx => {
      const m = await this.materialRow(id, trx);
      const v = await this.versionRow(id, version, trx);
      if (options.writer) this.requireWriter(options.writer, m, v, action);
      if (m.archived_at) throw refuse('MATERIAL_ARCHIVED');
      const to = nextVersionState(v.state, action);
      if (!to) throw refuse('VERSION_NOT_EDITABLE', { version, state: v.state }, { action });
      await options.check?.(v, trx);
      const at = nowIso(this.ctx);
      await trx('training_material_versions').where({ id: v.id, state: v.state }).update({ state: to, updated_at: at });
      await options.apply?.(v, trx, at);
      await this.refresh(trx, id);
      await this.event(trx, id, version, actor, action, options.note);
      await audit(this.ctx, trx, { actor, action: `material.${action}`, targetType: 'material', targetId: id, details: { version, from: v.state, to, ...(options.note ? { note: options.note } : {}) } });
    });
  }

  /** Authors of a version: who created it, uploaded its file, submitted it. */
  private static authors(v: any): string[] {
    return [v.created_by, v.uploaded_by, v.submitted_by].filter(Boolean);
  }

  /** Submits a draft for review (it needs a file). */
  async submit(w: Writer, id: string, version: number, note?: string): Promise<MaterialDetail> {
    const actor = w.ref;
    await this.transition(actor, id, version, 'submit', {
      note,
      writer: w,
      check: v => {
        if (!v.storage_key) throw refuse('NO_FILE');
      },
      apply: (v, trx, at) => trx('training_material_versions').where({ id: v.id }).update({ submitted_by: actor, submitted_at: at, review_note: null }),
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /** Takes a version back from review. */
  async withdraw(w: Writer, id: string, version: number): Promise<MaterialDetail> {
    const actor = w.ref;
    await this.transition(actor, id, version, 'withdraw', { writer: w });
    return this.detail({ ref: actor, staff: true }, id);
  }

  private noSelfReview(actor: string) {
    return (v: any) => {
      if (MaterialService.authors(v).includes(actor)) throw refuse('SELF_REVIEW');
    };
  }

  /** Approves a version in review: it is published, the previously published one superseded. */
  async approve(actor: string, id: string, version: number, note?: string): Promise<MaterialDetail> {
    let published: any;
    await this.transition(actor, id, version, 'approve', {
      note,
      check: this.noSelfReview(actor),
      apply: async (v, trx, at) => {
        await trx('training_material_versions').where({ material_id: id, state: 'published' }).whereNot({ id: v.id }).update({ state: 'superseded', updated_at: at });
        await trx('training_material_versions').where({ id: v.id }).update({ reviewed_by: actor, reviewed_at: at, review_note: note ?? null, published_at: at });
        published = { ...v, published_at: at };
      },
    });
    trainingMetrics.published.inc();
    this.ctx.news?.({
      kind: 'material-published',
      materialId: id,
      version,
      title: published.title,
      audiences: jsonList<Audience>(published.audiences),
      topics: jsonList<Topic>(published.topics),
      at: published.published_at,
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /** Sends a version in review back to draft with the reviewer's reason. */
  async reject(actor: string, id: string, version: number, note: string): Promise<MaterialDetail> {
    await this.transition(actor, id, version, 'reject', {
      note,
      check: this.noSelfReview(actor),
      apply: (v, trx, at) => trx('training_material_versions').where({ id: v.id }).update({ reviewed_by: actor, reviewed_at: at, review_note: note }),
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /**
   * Archives a published material: learners no longer see it. Writers may archive the materials
   * they created, reviewers any (`any`). Refused while a version is open.
   */
  async archive(actor: string, id: string, reason: string, any: boolean): Promise<MaterialDetail> {
    await this.knex.transaction(async trx => {
      const m = await this.materialRow(id, trx);
      if (!any && m.created_by !== actor) throw refuse('NOT_YOUR_MATERIAL', { action: 'archive' }, { action: 'archive', createdBy: m.created_by });
      if (m.status !== 'published') throw refuse('MATERIAL_NOT_ARCHIVABLE', { status: m.status }, { status: m.status });
      const open = (await this.openVersions([id], trx)).get(id);
      if (open) throw refuse('VERSION_OPEN', { version: open.version, state: open.state });
      const at = nowIso(this.ctx);
      await trx('training_material_versions').where({ material_id: id, state: 'published' }).update({ state: 'archived', updated_at: at });
      await trx('training_materials').where({ id }).update({ archived_at: at, archived_by: actor, archive_reason: reason });
      await this.refresh(trx, id);
      await this.event(trx, id, Number(m.published_version), actor, 'archive', reason);
      await audit(this.ctx, trx, { actor, action: 'material.archive', targetType: 'material', targetId: id, details: { version: Number(m.published_version), reason } });
    });
    return this.detail({ ref: actor, staff: true }, id);
  }

  /** Deletes a draft version (and the material when it was its only version). */
  async deleteDraft(w: Writer, id: string, version: number): Promise<{ deleted: true; materialDeleted: boolean }> {
    const actor = w.ref;
    let key: string | undefined;
    let materialDeleted = false;
    await this.knex.transaction(async trx => {
      const m = await this.materialRow(id, trx);
      const v = await this.versionRow(id, version, trx);
      this.requireWriter(w, m, v, 'delete');
      this.requireState(v, ['draft']);
      key = v.storage_key ?? undefined;
      await this.o.search.remove(trx, v.id);
      await trx('training_material_versions').where({ id: v.id }).delete();
      const left = countOf(await trx('training_material_versions').where({ material_id: id }).count({ n: '*' }).first());
      if (left === 0) {
        if (countOf(await trx('training_course_materials').where({ material_id: id }).count({ n: '*' }).first()) > 0) {
          throw refuse('MATERIAL_IN_COURSE');
        }
        await trx('training_material_events').where({ material_id: id }).delete();
        await trx('training_materials').where({ id }).delete();
        materialDeleted = true;
      } else {
        await this.refresh(trx, id);
        await this.event(trx, id, version, actor, 'delete-draft');
      }
      await audit(this.ctx, trx, { actor, action: 'material.delete-draft', targetType: 'material', targetId: id, details: { version, materialDeleted } });
    });
    if (key) await this.removeIfUnreferenced(key);
    return { deleted: true, materialDeleted };
  }

  /** Facts about published materials for courses: id → title, kind, published version. */
  async published(ids: string[], trx: Knex | Trx = this.knex) {
    if (ids.length === 0) return new Map<string, { title: string; kind?: MaterialKind; publishedVersion: number }>();
    const rows = await trx('training_materials as m')
      .join('training_material_versions as v', function join() {
        this.on('v.material_id', '=', 'm.id').andOn('v.version', '=', 'm.published_version');
      })
      .whereIn('m.id', ids)
      .where('m.status', 'published')
      .select('m.id', 'v.title', 'v.kind', 'm.published_version');
    return new Map(rows.map((r: any) => [r.id as string, { title: r.title as string, kind: (r.kind ?? undefined) as MaterialKind | undefined, publishedVersion: Number(r.published_version) }]));
  }
}
