import type { Knex } from 'knex';
import type { Audience, SearchHit, Topic, VersionState } from '@yinxin/plugin-training-common';
import { normalizeForSearch, searchTerms, squeezeCjk } from './tokenize';
import { jsonList } from '../services/context';

/** Most distinct terms indexed for one version's body. */
export const MAX_BODY_TERMS = 60_000;
/** Most terms of a query that are looked up. */
export const MAX_QUERY_TERMS = 32;
/** Rows per insert (SQLite's default limit of bound variables is far above 3 × this). */
const BATCH = 300;
/** How many of the best candidates are checked for the whole phrase and given a snippet. */
const CANDIDATES = 25;
/**
 * When more versions than {@link CANDIDATES} hold every term of the query, up to this many of them
 * are checked for the whole phrase, so that a document containing it is not cut for a tie.
 */
const PHRASE_POOL = 200;

/** What a search looks at. */
export interface SearchQuery {
  q: string;
  /** `published`: what learners see; `all`: also drafts and versions in review (trainers, reviewers) */
  visibility: 'published' | 'all';
  audience?: Audience;
  topic?: Topic;
  limit?: number;
}

/**
 * Full-text search over the titles and extracted text of material versions, in two ordinary
 * tables that work the same on SQLite and PostgreSQL (no extensions): `training_search_docs`
 * keeps each version's title and text; `training_search_terms` its distinct terms (see
 * {@link searchTerms}: character bigrams for Chinese, words otherwise) by field. A query's terms
 * are looked up through the term index; versions are ranked by the share of the query's terms
 * they hold (title hits weigh more), and the best candidates are checked for the whole phrase.
 */
export class SearchIndex {
  constructor(private readonly knex: Knex) {}

  /** (Re)indexes a version's title and text, inside the caller's transaction. */
  async index(trx: Knex.Transaction, doc: { versionId: string; materialId: string; title: string; body: string; at: string }): Promise<void> {
    await this.remove(trx, doc.versionId);
    await trx('training_search_docs').insert({ version_id: doc.versionId, material_id: doc.materialId, title: doc.title, body: doc.body, indexed_at: doc.at });
    const rows = [
      ...searchTerms(doc.title, 1000, true).map(term => ({ version_id: doc.versionId, field: 't', term })),
      ...searchTerms(doc.body, MAX_BODY_TERMS, true).map(term => ({ version_id: doc.versionId, field: 'b', term })),
    ];
    for (let i = 0; i < rows.length; i += BATCH) await trx('training_search_terms').insert(rows.slice(i, i + BATCH));
  }

  /** Re-indexes only the title of a version (its metadata changed). */
  async reindexTitle(trx: Knex.Transaction, versionId: string, title: string): Promise<void> {
    const updated = await trx('training_search_docs').where({ version_id: versionId }).update({ title });
    if (!updated) return;
    await trx('training_search_terms').where({ version_id: versionId, field: 't' }).delete();
    const rows = searchTerms(title, 1000, true).map(term => ({ version_id: versionId, field: 't', term }));
    for (let i = 0; i < rows.length; i += BATCH) await trx('training_search_terms').insert(rows.slice(i, i + BATCH));
  }

  /** Removes a version from the index. */
  async remove(trx: Knex.Transaction, versionId: string): Promise<void> {
    await trx('training_search_terms').where({ version_id: versionId }).delete();
    await trx('training_search_docs').where({ version_id: versionId }).delete();
  }

  /** Searches; see the class comment for the ranking. */
  async search(query: SearchQuery): Promise<SearchHit[]> {
    const terms = searchTerms(query.q, MAX_QUERY_TERMS);
    if (terms.length === 0) return [];
    const states: VersionState[] = query.visibility === 'published' ? ['published'] : ['draft', 'in-review', 'published'];
    // Count the query's terms per version and field through the term index first, then keep the
    // versions the caller may see: grouping before the joins keeps the plan on the term index
    // whatever the planner's statistics (joining first read every term row of every published
    // version: over a second for 5,000 documents on SQLite).
    const counted = this.knex('training_search_terms')
      .whereIn('term', terms)
      .groupBy('version_id', 'field')
      .select('version_id', 'field')
      .count({ n: '*' })
      .as('g');
    let q = this.knex
      .from(counted)
      .join('training_material_versions as v', 'v.id', 'g.version_id')
      .join('training_materials as m', 'm.id', 'v.material_id')
      .whereIn('v.state', states)
      .whereNot('m.status', 'archived');
    // audiences and topics are JSON lists of enumeration values: the quoted value matches exactly
    if (query.audience) q = q.where('v.audiences', 'like', `%"${query.audience}"%`);
    if (query.topic) q = q.where('v.topics', 'like', `%"${query.topic}"%`);
    const rows = (await q.select('g.version_id', 'g.field', 'g.n')) as { version_id: string; field: string; n: unknown }[];

    const hits = new Map<string, { title: number; body: number }>();
    for (const r of rows) {
      const h = hits.get(r.version_id) ?? { title: 0, body: 0 };
      if (r.field === 't') h.title = Number(r.n);
      else h.body = Number(r.n);
      hits.set(r.version_id, h);
    }
    // at least half of the query's terms in one field
    const need = Math.max(1, Math.ceil(terms.length / 2));
    const sorted = [...hits.entries()]
      .filter(([, h]) => Math.max(h.title, h.body) >= need)
      .map(([versionId, h]) => ({ versionId, full: Math.max(h.title, h.body) === terms.length, base: Math.max(h.title, h.body) / terms.length + (0.5 * h.title) / terms.length }))
      .sort((a, b) => b.base - a.base || a.versionId.localeCompare(b.versionId));
    // every version holding all the terms may hold the phrase: check that many (up to a bound)
    const ranked = sorted.slice(0, Math.max(CANDIDATES, Math.min(PHRASE_POOL, sorted.filter(r => r.full).length)));
    if (ranked.length === 0) return [];

    const docs = await this.knex('training_search_docs as d')
      .join('training_material_versions as v', 'v.id', 'd.version_id')
      .whereIn(
        'd.version_id',
        ranked.map(r => r.versionId),
      )
      .select('d.version_id', 'd.material_id', 'd.title', 'd.body', 'v.version', 'v.state', 'v.kind', 'v.audiences', 'v.topics');
    const byId = new Map(docs.map((d: any) => [d.version_id as string, d]));
    const phrase = normalizeForSearch(query.q).trim();
    const out: SearchHit[] = [];
    for (const r of ranked) {
      const d = byId.get(r.versionId);
      if (!d) continue;
      const inTitle = normalizeForSearch(d.title).includes(phrase);
      const inBody = normalizeForSearch(d.body).includes(phrase);
      out.push({
        materialId: d.material_id,
        version: Number(d.version),
        state: d.state,
        title: d.title,
        kind: d.kind ?? undefined,
        audiences: jsonList<Audience>(d.audiences),
        topics: jsonList<Topic>(d.topics),
        snippet: snippetOf(d.body, query.q, terms),
        score: Math.round((r.base + (inTitle ? 2 : 0) + (inBody ? 1 : 0)) * 1000) / 1000,
        phrase: inTitle || inBody,
      });
    }
    out.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
    // a material appears once: its best version
    const seen = new Set<string>();
    return out.filter(h => (seen.has(h.materialId) ? false : (seen.add(h.materialId), true))).slice(0, query.limit ?? 20);
  }
}

/** About 160 characters of `body` around the first match of the query (or of one of its terms). */
export function snippetOf(body: string, q: string, terms: readonly string[]): string {
  // lines joined as search sees them (a phrase cut by a line wrap is found whole)
  const flat = squeezeCjk(body).replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  let at = lower.indexOf(squeezeCjk(q.trim().toLowerCase()));
  for (let i = 0; at < 0 && i < terms.length; i++) at = lower.indexOf(terms[i]);
  const start = Math.max(0, at - 40);
  const text = [...flat.slice(start, start + 161)].slice(0, 160).join('').trim();
  return (start > 0 ? '…' : '') + text + (start + 160 < flat.length ? '…' : '');
}
