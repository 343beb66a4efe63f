import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Knex } from 'knex';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { engineDatabases } from '@yinxin/backend-testing';
import { migrateTraining } from '../db/migrations';
import { SearchIndex, snippetOf } from './SearchIndex';

jest.setTimeout(300_000);

const databases = engineDatabases();
const CHARS = [...'证书申请电子印章签名客户端运维使用密钥吊销更新备案管理办法单位经办人身份审批部门事业'];

describe.each(databases.eachSupportedId())('search index on %p', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let index: SearchIndex;
  const docs: { versionId: string; materialId: string; body: string; state: string }[] = [];

  async function add(title: string, body: string, state = 'published', status = 'published') {
    const materialId = randomUUID();
    const versionId = randomUUID();
    const at = new Date().toISOString();
    await knex('training_materials').insert({ id: materialId, status, published_version: state === 'published' ? 1 : null, latest_version: 1, created_by: 'user:default/t', created_at: at, updated_at: at });
    await knex('training_material_versions').insert({
      id: versionId,
      material_id: materialId,
      version: 1,
      state,
      title,
      description: '',
      audiences: '["agency"]',
      topics: '["e-seal"]',
      language: 'zh-CN',
      created_by: 'user:default/t',
      created_at: at,
      updated_at: at,
    });
    await knex.transaction(trx => index.index(trx, { versionId, materialId, title, body, at }));
    docs.push({ versionId, materialId, body, state });
    return materialId;
  }

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await migrateTraining(knex);
    index = new SearchIndex(knex);
  });

  it('finds the one document holding a phrase among many that hold all its bigrams apart (no cut before the phrase check)', async () => {
    // 120 documents hold every bigram of 印章核验口令 separately (ties beyond the 25 best); one holds
    // the phrase itself: with the old cut it survived only when its random id sorted early
    for (let i = 0; i < 120; i++) await add(`干扰资料${i}`, `印章管理办法。章核对流程。核验身份。验口径说明。口令更新。第${i}号`);
    const wanted = await add('口令说明', '用印前须输入印章核验口令，并核对印章状态。');
    const hits = await index.search({ q: '印章核验口令', visibility: 'published', limit: 5 });
    expect(hits[0]).toMatchObject({ materialId: wanted, phrase: true });
    expect(hits.slice(1).every(h => !h.phrase)).toBe(true);
    for (const d of docs.splice(-121)) {
      await knex.transaction(trx => index.remove(trx, d.versionId));
      await knex('training_material_versions').where({ id: d.versionId }).delete();
      await knex('training_materials').where({ id: d.materialId }).delete();
    }
  });

  it('finds every phrase of a document in it, and only where visible', async () => {
    const rng = fc.sample(fc.array(fc.constantFrom(...CHARS), { minLength: 40, maxLength: 120 }), { numRuns: 12, seed: 42 });
    for (const [i, chars] of rng.entries()) await add(`资料${i}`, chars.join(''), i % 4 === 3 ? 'draft' : 'published', i % 4 === 3 ? 'draft' : 'published');
    await fc.assert(
      fc.asyncProperty(fc.nat(docs.length - 1), fc.nat(200), fc.integer({ min: 2, max: 8 }), async (d, from, len) => {
        const doc = docs[d];
        const start = from % (doc.body.length - len);
        const phrase = doc.body.slice(start, start + len);
        const hits = await index.search({ q: phrase, visibility: 'all', limit: 50 });
        const hit = hits.find(h => h.materialId === doc.materialId);
        expect(hit).toMatchObject({ phrase: true });
        // the whole phrase ranks at least as high as any document without it
        for (const h of hits) if (!h.phrase) expect(h.score).toBeLessThanOrEqual(hit!.score);
        const learners = await index.search({ q: phrase, visibility: 'published', limit: 50 });
        expect(learners.some(h => h.materialId === doc.materialId)).toBe(doc.state === 'published');
      }),
      { numRuns: 40 },
    );
  });

  it('ranks title matches first, filters by audience and topic, and forgets removed versions', async () => {
    const inTitle = await add('电子印章申请指南', '正文与标题无关。');
    const inBody = await add('其他资料', '本章介绍电子印章申请的步骤。');
    const hits = await index.search({ q: '电子印章申请', visibility: 'published' });
    expect(hits.slice(0, 2).map(h => h.materialId)).toEqual([inTitle, inBody]);
    expect(await index.search({ q: '电子印章申请', visibility: 'published', audience: 'operator' })).toEqual([]);
    expect((await index.search({ q: '电子印章申请', visibility: 'published', topic: 'e-seal' })).length).toBeGreaterThanOrEqual(2);
    const v = docs.find(x => x.materialId === inBody)!;
    await knex.transaction(trx => index.remove(trx, v.versionId));
    expect((await index.search({ q: '电子印章申请', visibility: 'published' })).map(h => h.materialId)).not.toContain(inBody);
    expect(await index.search({ q: '，。！', visibility: 'published' })).toEqual([]);
  });

  it('finds words, full-width forms and one-character queries', async () => {
    const id = await add('USB-Key 驱动安装', '插入ＵＳＢ－ＫＥＹ后，系统会提示安装驱动。');
    expect((await index.search({ q: 'usb key', visibility: 'published' }))[0].materialId).toBe(id);
    expect((await index.search({ q: 'ＵＳＢ', visibility: 'published' })).map(h => h.materialId)).toContain(id);
    expect((await index.search({ q: '驱', visibility: 'published', limit: 50 })).map(h => h.materialId)).toContain(id);
  });

  it('cuts snippets around the match, joining wrapped lines', () => {
    const body = `${'前文'.repeat(50)}加盖公章的申\n请表${'后文'.repeat(100)}`;
    const s = snippetOf(body, '加盖公章的申请表', ['加盖']);
    expect(s).toContain('加盖公章的申请表');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect([...s].length).toBeLessThanOrEqual(162);
    expect(snippetOf('短文本', '无', [])).toBe('短文本');
  });
});
