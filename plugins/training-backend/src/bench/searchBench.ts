/*
 * Benchmark of the training plugin's search index and upload inspection. Documents of about
 * 5,000 Chinese characters are generated deterministically (a seeded PRNG) from a fixed list of
 * domain words (证书申请, 电子印章, 签章客户端 …), common words, single characters, a few Latin
 * words and numbers, with punctuation and paragraphs; SQLite in memory.
 *
 * Indexing: the first BENCH_INDEXED (default 500) documents go through `SearchIndex.index`, one
 * transaction each as publishing a version does (the material and version rows are written
 * beforehand, untimed); the rest up to each size of BENCH_DOCS (default 1000,5000) are
 * bulk-loaded with the same rows straight through better-sqlite3 (indexing them all the real way
 * would take two minutes); at the end BENCH_EXTRA (default 30) more go through `SearchIndex.index`
 * on top of the full index. Queries: at each size, phrases of 2, 4 and 8 Chinese characters cut
 * from random indexed documents, searched as a learner does (published versions, limit 20) for
 * BENCH_SECONDS (default 1, at least 3 queries) per length; then again on the largest index after
 * `ANALYZE`.
 *
 * Upload inspection of a 10 MB .docx-like ZIP (2.4 MB of document XML, deflated, and 9 MB of
 * pictures, half stored, half deflated): content sniffing with the central directory, reading every
 * entry, extracting the text, and `inspectFile` from a temporary file. Prints Markdown; about a
 * minute on two cores, 1.3 GB of memory.
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/training-backend/src/bench/searchBench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrateTraining } from '../db/migrations';
import { inspectFile } from '../files/inspect';
import { SNIFF_HEAD_BYTES, refineZip, sniffHead } from '../files/sniff';
import { docxText } from '../files/text';
import { ZipReader } from '../files/zip';
import { MAX_BODY_TERMS, SearchIndex } from '../search/SearchIndex';
import { normalizeForSearch, searchTerms } from '../search/tokenize';
import { writeZip } from '../testing/zipWriter';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
/** Documents indexed through `SearchIndex.index` (timed) before the rest are bulk-loaded. */
const INDEXED = Number(process.env.BENCH_INDEXED ?? 500);
/** Documents indexed (timed) on top of the largest index at the end. */
const EXTRA = Number(process.env.BENCH_EXTRA ?? 30);
const SIZES = (process.env.BENCH_DOCS ?? '1000,5000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const CHARS_PER_DOC = 5000;

// ---- deterministic text ------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN = `证书申请 电子印章 签章客户端 数字证书 审批 经办机构 经办人 法定代表人 统一社会信用代码 营业执照 证书更新 证书吊销
  证书注销 密码重置 智能密码钥匙 驱动程序 浏览器控件 时间戳 签名验证 加密 解密 私钥 公钥 国密算法 印章管理 印模 制章 备案
  公安机关 政务服务 网上办事大厅 受理窗口 材料审核 授权委托书 身份证 有效期 续期 收费标准 电子发票 注册机构 业务系统 接口对接
  运维 故障排查 客服热线 工单 操作手册 常见问题 证书链 根证书 吊销列表 在线状态查询 签章平台 印章使用 用印审批 印章授权`.split(/\s+/);
const COMMON = `我们 可以 需要 进行 办理 提交 材料 系统 用户 单位 如果 应当 按照 相关 规定 流程 完成 确认 点击 选择 页面 信息 填写
  上传 下载 打开 登录 查看 结果 时间 工作日 之后 之前 首先 然后 最后 注意 及时 联系 部门 负责 人员 要求 情况 问题 处理 方式
  使用 申请表 原件 复印件 加盖 公章 签字 本人 携带 前往 地点 办公 电话 咨询 服务 管理 办法 通知 文件 第一 第二 第三 其中
  包括 以及 但是 因此 同时 已经 正在 能够 直接 通过 根据 关于 对于 此外 例如 一般 特别 重要 安全 保管 妥善 丢失 补办 变更`.split(/\s+/);
const SINGLE = [...'的了在是和与及或并将由对向从为后中上下时可不也都已等其该此各个年月日内请'];
const LATIN = ['USB-Key', 'PDF', 'SM2', 'SM3', 'CA', 'OCSP', 'Windows', 'V3.2', '2026', '10', '3', '15', 'OFD'];

/** A document of about `chars` Chinese characters (plus punctuation, Latin words, numbers, line breaks). */
function makeText(rand: () => number, chars = CHARS_PER_DOC): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const out: string[] = [];
  let han = 0;
  let sentences = 0;
  while (han < chars) {
    const tokens = 6 + Math.floor(rand() * 15);
    for (let i = 0; i < tokens; i++) {
      const r = rand();
      let t: string;
      if (r < 0.25) t = pick(DOMAIN);
      else if (r < 0.7) t = pick(COMMON);
      else if (r < 0.96) t = pick(SINGLE);
      else t = ` ${pick(LATIN)} `;
      out.push(t);
      if (t[0] !== ' ') han += t.length;
      if (i + 1 < tokens && rand() < 0.12) out.push(rand() < 0.8 ? '，' : '、');
    }
    out.push(rand() < 0.85 ? '。' : '；');
    if (++sentences % (3 + Math.floor(rand() * 6)) === 0) out.push('\n');
  }
  return out.join('').replace(/ +/g, ' ').trim();
}

// ---- helpers -----------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const HAN = /\p{Script=Han}/u;

/** Writes material and version rows for `ids` (published), in batches. */
async function insertVersions(knex: Knex, ids: string[]) {
  const at = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    await knex.transaction(async trx => {
      await trx('training_materials').insert(
        batch.map(id => ({ id: `m-${id}`, status: 'published', published_version: 1, latest_version: 1, created_by: 'user:default/t', created_at: at, updated_at: at })),
      );
      await trx('training_material_versions').insert(
        batch.map(id => ({
          id,
          material_id: `m-${id}`,
          version: 1,
          state: 'published',
          title: '',
          description: '',
          audiences: '["agency"]',
          topics: '["e-seal"]',
          language: 'zh-CN',
          created_by: 'user:default/t',
          created_at: at,
          updated_at: at,
        })),
      );
    });
  }
}

/** The rows {@link SearchIndex.index} writes for a document, written straight through better-sqlite3 (bulk loading). */
async function bulkLoad(knex: Knex, docs: readonly { versionId: string; materialId: string; title: string; body: string }[]) {
  // The term index is dropped while loading and built again after: sorting once is faster than
  // inserting millions of terms in random order.
  await knex.raw('drop index training_search_terms_term_index');
  const conn = await (knex.client as any).acquireConnection();
  try {
    const M = 200;
    const one = conn.prepare('insert into training_search_terms (version_id, field, term) values (?, ?, ?)');
    const many = conn.prepare(`insert into training_search_terms (version_id, field, term) values ${Array(M).fill('(?, ?, ?)').join(', ')}`);
    const doc = conn.prepare('insert into training_search_docs (version_id, material_id, title, body, indexed_at) values (?, ?, ?, ?, ?)');
    for (let i = 0; i < docs.length; i += 100) {
      conn.transaction(() => {
        for (const d of docs.slice(i, i + 100)) {
          doc.run(d.versionId, d.materialId, d.title, d.body, '2026-11-29T00:00:00.000Z');
          const rows = [...searchTerms(d.title, 1000, true).map(t => [d.versionId, 't', t]), ...searchTerms(d.body, MAX_BODY_TERMS, true).map(t => [d.versionId, 'b', t])];
          let j = 0;
          for (; j + M <= rows.length; j += M) many.run(rows.slice(j, j + M).flat());
          for (; j < rows.length; j++) one.run(...rows[j]);
        }
      })();
    }
  } finally {
    await (knex.client as any).releaseConnection(conn);
  }
  await knex.raw('create index training_search_terms_term_index on training_search_terms (term)');
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await migrateTraining(knex);
  const index = new SearchIndex(knex);
  const rand = prng(20261129);
  const titleWords = [...DOMAIN, ...COMMON];
  const pickTitle = () => titleWords[Math.floor(rand() * titleWords.length)];
  const last = SIZES[SIZES.length - 1];
  const all = Array.from({ length: last + EXTRA }, (_, n) => {
    const versionId = `v-${String(n).padStart(6, '0')}`;
    return { versionId, materialId: `m-${versionId}`, title: `${pickTitle()}${pickTitle()}培训资料 ${n}`, body: makeText(rand) };
  });
  await insertVersions(
    knex,
    all.map(d => d.versionId),
  );
  const normalized = all.map(d => normalizeForSearch(d.body));
  const hanOf = (docs: readonly { body: string }[]) => docs.reduce((n, d) => n + [...d.body].filter(c => HAN.test(c)).length, 0);

  const indexRows: string[] = [];
  const queryRows: string[] = [];
  const termRows = async () => Number((await knex('training_search_terms').count({ n: '*' }).first())!.n);
  /** Indexes `docs` one transaction each, as publishing does, and adds a row to the table. */
  const indexTimed = async (docs: typeof all, label: string) => {
    const t0 = performance.now();
    for (const d of docs) await knex.transaction(trx => index.index(trx, { ...d, at: '2026-11-29T00:00:00.000Z' }));
    const seconds = (performance.now() - t0) / 1000;
    const chars = docs.reduce((n, d) => n + d.body.length, 0);
    indexRows.push(
      `| ${label} | ${docs.length} | ${Math.round(hanOf(docs) / docs.length)} | ${Math.round(chars / docs.length)} | ${(docs.length / seconds).toFixed(1)} | ${Math.round(chars / seconds).toLocaleString('en')} | ${fmt((seconds * 1000) / docs.length)} | ${(await termRows()).toLocaleString('en')} |`,
    );
  };
  /** Phrases of `length` CJK characters cut from random documents among the first `size`, searched for SECONDS. */
  const queries = async (size: number, statistics: string) => {
    for (const length of [2, 4, 8]) {
      // the same phrases for a size and length whatever the statistics
      const pr = prng(size * 10 + length);
      const phrases: { q: string }[] = [];
      while (phrases.length < 200) {
        const d = all[Math.floor(pr() * size)];
        const at = Math.floor(pr() * (d.body.length - length));
        const q = d.body.slice(at, at + length);
        if ([...q].every(c => HAN.test(c))) phrases.push({ q });
      }
      if (length === 2) await index.search({ q: phrases[199].q, visibility: 'published' }); // warm-up (the longer ones take a second without statistics)
      const times: number[] = [];
      let hits = 0;
      let whole = 0;
      const used: string[] = [];
      const started = performance.now();
      for (let i = 0; performance.now() - started < SECONDS * 1000 || times.length < 3; i++) {
        const { q } = phrases[i % phrases.length];
        const t = performance.now();
        const r = await index.search({ q, visibility: 'published' });
        times.push(performance.now() - t);
        hits += r.length;
        whole += r.filter(h => h.phrase).length;
        used.push(q);
      }
      // how many of the indexed documents hold each phrase searched (in the form search compares)
      let holding = 0;
      let possible = 0;
      for (const q of used) {
        let n = 0;
        for (let k = 0; k < size; k++) if (normalized[k].includes(q)) n++;
        holding += n;
        possible += Math.min(20, n);
      }
      times.sort((a, b) => a - b);
      const terms = searchTerms(phrases[0].q).length;
      queryRows.push(
        `| ${size} | ${length} (${terms} term${terms > 1 ? 's' : ''}) | ${statistics} | ${times.length} | ${fmt(percentile(times, 0.5))} | ${fmt(percentile(times, 0.99))} | ${Math.round(holding / used.length)} | ${(hits / times.length).toFixed(1)} | ${(whole / times.length).toFixed(1)} of ${(possible / used.length).toFixed(1)} |`,
      );
    }
  };

  const begun = performance.now();
  const progress = (what: string) => process.stderr.write(`  ${((performance.now() - begun) / 1000).toFixed(1)} s: ${what}\n`);
  const timedCount = Math.min(INDEXED, SIZES[0]);
  progress('texts generated');
  await indexTimed(all.slice(0, timedCount), `1–${timedCount}, into an empty index`);
  progress(`${timedCount} documents indexed`);
  let loaded = timedCount;
  for (const size of SIZES) {
    if (size > loaded) await bulkLoad(knex, all.slice(loaded, size));
    loaded = size;
    progress(`${size} documents loaded`);
    await queries(size, 'none');
    progress(`queries over ${size}`);
  }
  // What the planner does with statistics (PostgreSQL keeps them by autovacuum; SQLite only after ANALYZE).
  const t0 = performance.now();
  await knex.raw('analyze');
  const analyzeSeconds = (performance.now() - t0) / 1000;
  await queries(last, `ANALYZE (${analyzeSeconds.toFixed(1)} s)`);
  progress('queries after ANALYZE');
  if (EXTRA) await indexTimed(all.slice(last, last + EXTRA), `${last + 1}–${last + EXTRA}, on top of ${last}`);
  await knex.destroy();

  // ---- upload inspection: a 10 MB .docx-like ZIP --------------------------------------------
  const paragraphs: string[] = [];
  let xmlChars = 0;
  const prand = prng(7);
  while (xmlChars < 650_000) {
    const p = makeText(prand, 60 + Math.floor(prand() * 200)).replace(/\n/g, '');
    paragraphs.push(p);
    xmlChars += p.length;
  }
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
    .map(p => `<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`)
    .join('')}<w:sectPr/></w:body></w:document>`;
  const media = Array.from({ length: 18 }, (_, i) => ({ name: `word/media/image${i + 1}.${i % 2 ? 'png' : 'jpeg'}`, data: randomBytes(512 * 1024), method: (i % 2 ? 8 : 0) as 0 | 8 }));
  const docx = writeZip([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: documentXml },
    ...media,
  ]);
  const MB = docx.length / 1e6;
  const xmlMB = Buffer.byteLength(documentXml) / 1e6;
  const dir = mkdtempSync(join(os.tmpdir(), 'yinxin-search-bench-'));
  const path = join(dir, 'bench.docx');
  writeFileSync(path, docx);
  const head = docx.subarray(0, SNIFF_HEAD_BYTES);

  const run = (f: () => unknown) => {
    for (let i = 0; i < 3; i++) f();
    const times: number[] = [];
    const started = performance.now();
    while (performance.now() - started < SECONDS * 1000 || times.length < 10) {
      const t = performance.now();
      f();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return percentile(times, 0.5);
  };
  const runAsync = async (f: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await f();
    const times: number[] = [];
    const started = performance.now();
    while (performance.now() - started < SECONDS * 1000 || times.length < 10) {
      const t = performance.now();
      await f();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return percentile(times, 0.5);
  };
  const fileRows: string[] = [];
  const fileRow = (label: string, msPer: number, mb = MB) =>
    fileRows.push(`| ${label} | ${msPer < 0.1 ? msPer.toFixed(3) : fmt(msPer)} | ${Number.isNaN(mb) ? '— (size-independent)' : Math.round(mb / (msPer / 1000)).toLocaleString('en')} |`);
  let text = '';
  fileRow('sniffHead (first 4 KiB) + ZipReader.open (central directory, limits) + refineZip', run(() => {
    if (sniffHead(head) !== 'zip') throw new Error('not sniffed as zip');
    if (refineZip(ZipReader.open(docx)) !== 'docx') throw new Error('not a docx');
  }), NaN);
  fileRow('ZipReader.read of every entry (inflate, size and CRC-32 checks)', run(() => {
    const zip = ZipReader.open(docx);
    for (const e of zip.entries) zip.read(e);
  }));
  fileRow(`docxText: inflate word/document.xml (${xmlMB.toFixed(1)} MB) + scan + clean; MB/s of the XML`, run(() => (text = docxText(ZipReader.open(docx)))), xmlMB);
  fileRow('inspectFile from a temporary file (read, sniff, open, refine, text)', await runAsync(async () => {
    const r = await inspectFile({ path, size: docx.length, head }, 'bench.docx', 'docx');
    if (r.textStatus !== 'extracted') throw new Error(`text ${r.textStatus}`);
  }));
  rmSync(dir, { recursive: true, force: true });

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nTraining search: ${os.cpus().length} × ${cpu}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 10)}; SQLite in memory; documents of about ${CHARS_PER_DOC} Chinese characters from a seeded generator; ${SECONDS} s per query row (at least 3 queries)\n`,
  );
  console.log('| documents | indexed | Chinese characters / doc | characters / doc | docs/s | chars/s | ms / doc | term rows after |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of indexRows) console.log(r);
  console.log('\n| documents indexed | phrase length, characters (terms) | SQLite statistics | queries | p50 ms | p99 ms | documents holding the phrase | hits | hits with the whole phrase, of possible |');
  console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of queryRows) console.log(r);
  console.log(`\nUpload inspection of a ${MB.toFixed(1)} MB .docx-like ZIP (${media.length} pictures of 512 KiB, half stored, half deflated; document XML ${xmlMB.toFixed(1)} MB, ${text.length.toLocaleString('en')} characters of text kept); median of ${SECONDS} s\n`);
  console.log('| operation | ms per file | MB/s |');
  console.log('|---|---:|---:|');
  for (const r of fileRows) console.log(r);
}

main().catch(e => {
  process.stderr.write(`${String((e as Error).stack ?? e).slice(0, 2000)}\n`);
  process.exit(1);
});
