/*
 * Acceptance: training materials over HTTP on each database engine, through the real permission
 * backend and yinxin's role policy — upload, review, publish, new versions and archive; what
 * learners see; PDF previews inline; office previews (LibreOffice when installed, `unavailable`
 * otherwise); video with range requests; search for a Chinese phrase from a PDF's text; and
 * oversized or disguised files refused with nothing stored (tables and storage directory).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { RealtimeHub } from '@yinxin/ops-node';
import { lastTraining } from './plugin';
import { pdfDocRenderers } from './export/pdfDoc';
import { findExecutable } from './files/tools';
import { as, snapshot, removeTempStorage, tempStorage, trainingTestFeatures } from './testing/trainingBackend';
import { makeDocx, makePptx, writeZip } from './testing/zipWriter';
import { tinyPdf } from './testing/tinyPdf';

jest.setTimeout(600_000);

const databases = engineDatabases();
const DOC_LIMIT = 300_000;
const VIDEO_LIMIT = 400_000;
const soffice = findExecutable(['soffice', 'libreoffice']);

/** A PDF with these lines: from @yinxin/pdf-doc when it is ready, else written by hand with a CJK font. */
async function pdfWith(lines: string[]): Promise<Buffer> {
  const { renderPdf } = pdfDocRenderers();
  if (renderPdf) {
    return renderPdf({ title: lines[0], blocks: [{ kind: 'table', columns: [{ title: '内容' }], rows: lines.slice(1).map(l => [l]) }] });
  }
  return tinyPdf(lines);
}

/** A minimal MP4 header followed by `size` bytes of counting data. */
function mp4(size: number): Buffer {
  const ftyp = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = i % 251;
  return Buffer.concat([ftyp, data]);
}

describe.each(databases.eachSupportedId())('training materials on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  const published = jest.spyOn(RealtimeHub.prototype, 'publish');
  /** the plugin's clock: the real one unless a test sets it */
  let now: Date | undefined;

  const upload = (who: string, id: string, n: number, fileName: string, content: Buffer) =>
    request(server)
      .put(`/api/training/materials/${id}/versions/${n}/file`)
      .set('Authorization', as(who))
      .set('Content-Type', 'application/octet-stream')
      .set('X-Filename', encodeURIComponent(fileName))
      .send(content);
  const post = (who: string, path: string, body: object = {}) => request(server).post(`/api/training${path}`).set('Authorization', as(who)).send(body);
  const get = (who: string, path: string) => request(server).get(`/api/training${path}`).set('Authorization', as(who));
  const patch = (who: string, path: string, body: object) => request(server).patch(`/api/training${path}`).set('Authorization', as(who)).send(body);
  const del = (who: string, path: string) => request(server).delete(`/api/training${path}`).set('Authorization', as(who));
  const binary = (r: request.Test) => r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  const reason = (r: request.Response) => [r.status, r.body?.error?.code, r.body?.error?.details?.reason];
  const create = async (who: string, title: string, extra: object = {}) => {
    const r = await post(who, '/materials', { title, audiences: ['agency', 'approval-department'], topics: ['e-seal'], description: '培训资料', ...extra });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: trainingTestFeatures(
        { storageDir: tempStorage(), limits: { documentBytes: DOC_LIMIT, videoBytes: VIDEO_LIMIT, imageBytes: 100_000 } },
        [engineDatabaseFactory(databases, databaseId, (pluginId, k) => pluginId === 'training' && (knex = k))],
        { clock: () => now ?? new Date() },
      ),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    removeTempStorage();
  });

  it('uploads, reviews, publishes, versions and archives a material; learners see only published versions; PDFs preview inline; search finds a Chinese phrase', async () => {
    const id = await create('trainer', '电子印章管理办法');
    // a draft is invisible to learners
    expect((await get('requester', `/materials/${id}`)).status).toBe(404);
    expect((await get('requester', '/materials')).body.items.map((m: any) => m.id)).not.toContain(id);

    const v1 = await pdfWith(['电子印章管理办法', '第一条 电子印章的申请须由单位经办人提交加盖公章的申请表。', '第二条 印章启用前须完成备案登记。']);
    const up = await upload('trainer', id, 1, '电子印章管理办法.pdf', v1);
    expect(up.status).toBe(200);
    expect(up.body.current.file).toMatchObject({ fileName: '电子印章管理办法.pdf', format: 'pdf', kind: 'document', size: v1.length, preview: 'pdf', textStatus: 'extracted' });
    expect(up.body.current.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('trainer', `/materials/${id}/versions/1/text`)).body.text).toContain('加盖公章的申请表');

    // the workflow: a trainer cannot publish; a reviewer approves
    expect((await post('trainer', `/materials/${id}/versions/1/approve`)).status).toBe(403);
    const submitted = await post('trainer', `/materials/${id}/versions/1/submit`);
    expect([submitted.status, submitted.body.status, submitted.body.current.state]).toEqual([200, 'in-review', 'in-review']);
    expect((await get('requester', `/materials/${id}`)).status).toBe(404);
    expect((await get('requester', `/materials/${id}/preview`)).status).toBe(404);
    const approved = await post('training-review', `/materials/${id}/versions/1/approve`, { note: '同意发布' });
    expect([approved.status, approved.body.status, approved.body.publishedVersion]).toEqual([200, 'published', 1]);
    expect(published).toHaveBeenCalledWith('training:news', 'training', expect.objectContaining({ kind: 'material-published', materialId: id, version: 1, title: '电子印章管理办法' }));

    // learners see it now, and the PDF previews inline
    const seen = await get('requester', `/materials/${id}`);
    expect([seen.status, seen.body.current.version, seen.body.versions.length, seen.body.events]).toEqual([200, 1, 1, []]);
    const preview = await binary(get('requester', `/materials/${id}/preview`));
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toMatch(/^inline; /);
    expect(preview.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('电子印章管理办法.pdf')}`);
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    expect((preview.body as Buffer).equals(v1)).toBe(true);

    // search: a Chinese phrase from the PDF's body
    const hits = await get('support-agent', `/search?q=${encodeURIComponent('加盖公章的申请表')}`);
    expect(hits.status).toBe(200);
    expect(hits.body.items[0]).toMatchObject({ materialId: id, version: 1, phrase: true });
    expect(hits.body.items[0].snippet).toContain('加盖公章的申请表');
    expect((await get('support-agent', `/search?q=${encodeURIComponent('完成备案登记')}`)).body.items.map((h: any) => h.materialId)).toContain(id);
    expect((await get('support-agent', `/search?q=${encodeURIComponent('量子计算机')}`)).body.items).toEqual([]);

    // a new version goes through review; learners keep seeing version 1 until it is published
    const v2 = await post('trainer', `/materials/${id}/versions`, { title: '电子印章管理办法（修订版）' });
    expect([v2.status, v2.body.current.version, v2.body.current.state, v2.body.current.file.sha256]).toEqual([201, 2, 'draft', up.body.current.file.sha256]);
    expect((await post('trainer', `/materials/${id}/versions`)).body.error.details.reason).toBe('VERSION_OPEN');
    const pdf2 = await pdfWith(['电子印章管理办法（修订版）', '第三条 印章变更须重新制作并吊销原印章证书。']);
    expect((await upload('trainer', id, 2, '电子印章管理办法-修订.pdf', pdf2)).status).toBe(200);
    expect((await post('trainer', `/materials/${id}/versions/2/submit`)).body.pending).toEqual({ version: 2, state: 'in-review' });
    const learnerView = await get('requester', `/materials/${id}`);
    expect([learnerView.body.current.version, learnerView.body.current.title, learnerView.body.status]).toEqual([1, '电子印章管理办法', 'published']);
    expect((await binary(get('requester', `/materials/${id}/file`))).body.equals(v1)).toBe(true);
    expect((await get('requester', `/materials/${id}/versions/2/file`)).status).toBe(404);
    const phrase2 = encodeURIComponent('重新制作并吊销原印章证书');
    expect((await get('requester', `/search?q=${phrase2}`)).body.items).toEqual([]);
    expect((await get('requester', `/search?q=${phrase2}&scope=all`)).body.items).toEqual([]);
    expect((await get('training-review', `/search?q=${phrase2}&scope=all`)).body.items[0]).toMatchObject({ materialId: id, version: 2, state: 'in-review' });

    // the reviewer sends it back, then publishes the resubmitted version
    const rejected = await post('training-review', `/materials/${id}/versions/2/reject`, { note: '第三条表述不清' });
    expect([rejected.body.current.state, rejected.body.current.reviewNote]).toEqual(['draft', '第三条表述不清']);
    expect((await post('training-review', `/materials/${id}/versions/2/reject`)).status).toBe(400);
    await post('trainer', `/materials/${id}/versions/2/submit`);
    expect((await post('training-review', `/materials/${id}/versions/2/approve`)).body.publishedVersion).toBe(2);
    const after = await get('requester', `/materials/${id}`);
    expect([after.body.current.version, after.body.current.title]).toEqual([2, '电子印章管理办法（修订版）']);
    expect((await get('requester', `/search?q=${phrase2}`)).body.items[0]).toMatchObject({ materialId: id, version: 2 });
    const staffView = await get('trainer', `/materials/${id}`);
    expect(staffView.body.versions.map((v: any) => [v.version, v.state])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect(staffView.body.events.map((e: any) => e.action)).toEqual(['approve', 'submit', 'reject', 'submit', 'upload', 'new-version', 'approve', 'submit', 'upload', 'create']);

    // archive: the author may; learners no longer see it
    expect((await post('trainer-2', `/materials/${id}/archive`, { reason: '另一位讲师' })).status).toBe(403);
    const archived = await post('trainer', `/materials/${id}/archive`, { reason: '已被新办法取代' });
    expect([archived.status, archived.body.status, archived.body.current.state]).toEqual([200, 'archived', 'archived']);
    expect((await get('requester', `/materials/${id}`)).status).toBe(404);
    expect((await get('requester', `/materials/${id}/file`)).status).toBe(404);
    expect((await get('requester', `/search?q=${phrase2}`)).body.items).toEqual([]);
    expect((await post('trainer', `/materials/${id}/versions`)).body.error.code).toBe('ILLEGAL_TRANSITION');

    // every step is in the audit chain, which verifies
    const trail = await get('auditor', `/audit?targetId=${id}`);
    expect(trail.body.items.map((r: any) => r.action).reverse()).toEqual([
      'material.create',
      'material.upload',
      'material.submit',
      'material.approve',
      'material.new-version',
      'material.upload',
      'material.submit',
      'material.reject',
      'material.submit',
      'material.approve',
      'material.archive',
    ]);
    expect((await get('auditor', '/audit/verify')).body.ok).toBe(true);
  });

  it('finds a phrase that a line wrap cut in the PDF text', async () => {
    const id = await create('trainer', '证书业务办理须知');
    await upload('trainer', id, 1, '须知.pdf', tinyPdf(['办理证书业务时须由经办人提交加盖公章的申', '请表及身份证复印件。']));
    await post('trainer', `/materials/${id}/versions/1/submit`);
    await post('training-review', `/materials/${id}/versions/1/approve`);
    const hits = await get('requester', `/search?q=${encodeURIComponent('加盖公章的申请表及身份证')}`);
    expect(hits.body.items[0]).toMatchObject({ materialId: id, phrase: true });
    expect(hits.body.items[0].snippet).toContain('加盖公章的申请表及身份证');
  });

  it('never lets a reviewer approve their own material', async () => {
    const id = await create('training-manager', 'USB-key 使用手册');
    expect((await upload('training-manager', id, 1, 'usbkey.pdf', tinyPdf(['USB-key 使用手册', '插入 USB-key 后输入 PIN 码']))).status).toBe(200);
    await post('training-manager', `/materials/${id}/versions/1/submit`);
    const self = await post('training-manager', `/materials/${id}/versions/1/approve`);
    expect([self.status, self.body.error.code, self.body.error.details.reason]).toEqual([403, 'SELF_APPROVAL', 'SELF_REVIEW']);
    expect(self.body.error.message).toContain('不能审核自己');
    expect((await post('training-review', `/materials/${id}/versions/1/approve`)).status).toBe(200);
  });

  it('refuses oversized and disguised files and stores nothing: no row, no file', async () => {
    const id = await create('trainer', '数字证书申请指南');
    const store = lastTraining!.store;
    const before = { db: await snapshot(knex), files: await store.listAll() };
    const unchanged = async () => {
      expect(await snapshot(knex)).toBe(before.db);
      expect(await store.listAll()).toEqual(before.files);
    };
    const refused = async (fileName: string, content: Buffer, status: number, code: string, reason: string) => {
      const r = await upload('trainer', id, 1, fileName, content);
      expect([fileName, r.status, r.body.error?.code, r.body.error?.details?.reason]).toEqual([fileName, status, code, reason]);
      await unchanged();
      return r.body.error;
    };

    const big = Buffer.concat([tinyPdf(['大文件']), Buffer.alloc(DOC_LIMIT)]);
    const tooBig = await refused('大文件.pdf', big, 413, 'PAYLOAD_TOO_LARGE', 'FILE_TOO_LARGE');
    expect(tooBig.message).toContain('nothing was stored');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode')]);
    const disguised = await refused('证书申请表.pdf', exe, 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH');
    expect(disguised.details).toMatchObject({ zh: expect.stringContaining('Windows 可执行程序'), en: expect.stringContaining('a Windows executable') });
    expect((await refused('申请指南.pdf', makeDocx(['正文']), 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH')).message).toContain('Word');
    await refused('申请指南.docx', tinyPdf(['正文']), 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH');
    await refused('申请指南.docx', makePptx([['幻灯片']]), 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH');
    await refused('申请指南.pptx', writeZip([{ name: 'a.txt', data: 'x' }]), 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH');
    await refused('视频.mp4', tinyPdf(['不是视频']), 415, 'BAD_FILE', 'FILE_TYPE_MISMATCH');
    await refused('setup.exe', exe, 415, 'BAD_FILE', 'FILE_TYPE_NOT_ALLOWED');
    await refused('无扩展名', exe, 415, 'BAD_FILE', 'FILE_TYPE_NOT_ALLOWED');
    await refused('坏文件.pdf', Buffer.from('%PDF-1.4\n这不是一个真正的 PDF\n'), 415, 'BAD_FILE', 'FILE_UNREADABLE');
    await refused('空.pdf', Buffer.alloc(0), 400, 'VALIDATION_FAILED', 'FILE_EMPTY');
    // a zip bomb named .docx: 60 MB of zeros in a few kilobytes
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: '<Types>wordprocessingml.document.main+xml</Types>' },
      { name: 'word/document.xml', data: Buffer.alloc(60 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(DOC_LIMIT);
    await refused('炸弹.docx', bomb, 415, 'BAD_FILE', 'ARCHIVE_LIMITS');

    // a body without Content-Length is stopped while streaming, too
    const port = (server.address() as AddressInfo).port;
    const chunked = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(
        {
          port,
          method: 'PUT',
          path: `/api/training/materials/${id}/versions/1/file`,
          headers: { Authorization: as('trainer'), 'Content-Type': 'application/octet-stream', 'X-Filename': 'stream.pdf', 'Transfer-Encoding': 'chunked' },
        },
        res => {
          let text = '';
          res.on('data', c => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write(tinyPdf(['流式上传']));
      for (let i = 0; i < 10; i++) req.write(Buffer.alloc(50_000, 0x20));
      req.end();
    });
    expect([chunked.status, chunked.body.error.details.reason]).toEqual([413, 'FILE_TOO_LARGE']);
    await unchanged();

    // a refusal of a later upload keeps the earlier file
    const ok = await upload('trainer', id, 1, '数字证书申请指南.pdf', tinyPdf(['数字证书申请指南']));
    expect(ok.status).toBe(200);
    const kept = { db: await snapshot(knex), files: await store.listAll() };
    expect((await upload('trainer', id, 1, 'x.pdf', exe)).status).toBe(415);
    expect([await snapshot(knex), await store.listAll()]).toEqual([kept.db, kept.files]);
    expect(kept.files.filter(f => f.startsWith('tmp/'))).toEqual([]);
  });

  it('streams video with range requests', async () => {
    const id = await create('trainer', 'USB-key 操作演示', { topics: ['usb-key'] });
    const video = mp4(200_000);
    const up = await upload('trainer', id, 1, '演示.mp4', video);
    expect(up.body.current.file).toMatchObject({ format: 'mp4', kind: 'video', preview: 'video', textStatus: 'unsupported' });
    const path = `/materials/${id}/versions/1/file`;
    const whole = await binary(get('trainer', path));
    expect([whole.status, whole.headers['content-type'], whole.headers['accept-ranges'], whole.headers['content-length']]).toEqual([200, 'video/mp4', 'bytes', String(video.length)]);
    expect(whole.headers['content-disposition']).toMatch(/^inline/);
    const part = await binary(get('trainer', path).set('Range', 'bytes=100-1099'));
    expect([part.status, part.headers['content-range'], part.headers['content-length']]).toEqual([206, `bytes 100-1099/${video.length}`, '1000']);
    expect((part.body as Buffer).equals(video.subarray(100, 1100))).toBe(true);
    const tail = await binary(get('trainer', path).set('Range', 'bytes=-16'));
    expect([tail.status, (tail.body as Buffer).equals(video.subarray(video.length - 16))]).toEqual([206, true]);
    const beyond = await get('trainer', path).set('Range', `bytes=${video.length}-`);
    expect([beyond.status, beyond.headers['content-range'], beyond.body.error.details.reason]).toEqual([416, `bytes */${video.length}`, 'RANGE_NOT_SATISFIABLE']);
    expect((await get('trainer', path).set('Range', 'bytes=9-3')).status).toBe(416);
    const etag = whole.headers.etag;
    expect((await get('trainer', path).set('If-None-Match', etag)).status).toBe(304);
    // a video over its limit
    const tooLong = await upload('trainer', id, 1, '长视频.webm', Buffer.alloc(VIDEO_LIMIT + 1));
    expect(tooLong.body.error.details.reason).toBe('FILE_TOO_LARGE');
  });

  it('streams video through short-lived signed URLs that a <video> element can use without the bearer token', async () => {
    const id = await create('trainer', '签章客户端演示视频', { topics: ['signing-client'] });
    const v1 = mp4(150_000);
    expect((await upload('trainer', id, 1, '演示-1.mp4', v1)).status).toBe(200);
    // learners get no URL for a draft
    expect((await post('requester', `/materials/${id}/versions/1/stream`)).status).toBe(404);
    expect((await request(server).post(`/api/training/materials/${id}/versions/1/stream`)).status).toBe(401);
    const signed = await post('trainer', `/materials/${id}/versions/1/stream`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ version: 1, path: expect.stringMatching(/^\/stream\/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/) });
    expect(signed.body.url).toBe(`/api/training${signed.body.path}`);
    expect(Date.parse(signed.body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(Date.parse(signed.body.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    const url1 = signed.body.url as string;

    // no Authorization header: the URL is the credential; ranges as on the file route
    const part = await binary(request(server).get(url1).set('Range', 'bytes=1000-1999'));
    expect([part.status, part.headers['content-range'], part.headers['content-length'], part.headers['content-type'], part.headers['cache-control']]).toEqual([
      206,
      `bytes 1000-1999/${v1.length}`,
      '1000',
      'video/mp4',
      'private, no-store',
    ]);
    expect((part.body as Buffer).equals(v1.subarray(1000, 2000))).toBe(true);
    const whole = await binary(request(server).get(url1));
    expect([whole.status, whole.headers['accept-ranges'], whole.headers['content-disposition'].startsWith('inline'), (whole.body as Buffer).equals(v1)]).toEqual([200, 'bytes', true, true]);
    expect(whole.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const beyond = await request(server).get(url1).set('Range', `bytes=${v1.length}-`);
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, `bytes */${v1.length}`]);

    // published: learners get a URL for the current version
    await post('trainer', `/materials/${id}/versions/1/submit`);
    await post('training-review', `/materials/${id}/versions/1/approve`);
    const learner = await post('requester', `/materials/${id}/stream`);
    expect([learner.status, learner.body.version]).toEqual([200, 1]);
    expect((await binary(request(server).get(learner.body.url).set('Range', 'bytes=0-99'))).body.equals(v1.subarray(0, 100))).toBe(true);

    // version 2 with another video: the token of version 1 opens version 1 only
    await post('trainer', `/materials/${id}/versions`);
    const v2 = Buffer.from(mp4(120_000).map(b => b ^ 0x5a));
    v2.set(v1.subarray(0, 24));
    expect((await upload('trainer', id, 2, '演示-2.mp4', v2)).status).toBe(200);
    expect((await binary(request(server).get(url1))).body.equals(v1)).toBe(true);
    const [, payload, signature] = url1.slice(url1.lastIndexOf('/') + 1).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, n: 2 })).toString('base64url');
    const other = await request(server).get(`/api/training/stream/v1.${forged}.${signature}`);
    expect(reason(other)).toEqual([403, 'FORBIDDEN', 'STREAM_TOKEN_INVALID']);
    expect(other.body.error.details.zh).toContain('播放链接无效');
    const url2 = (await post('trainer', `/materials/${id}/versions/2/stream`)).body.url;
    expect((await binary(request(server).get(url2))).body.equals(v2)).toBe(true);
    // learners' tokens never open the unpublished version
    expect((await post('requester', `/materials/${id}/versions/2/stream`)).status).toBe(404);

    // tampered or malformed tokens: 403, never a crash
    const flipped = url1.slice(0, -2) + (url1.at(-2) === 'A' ? 'B' : 'A') + url1.at(-1);
    for (const bad of [flipped, '/api/training/stream/nonsense', `/api/training/stream/v1.${payload}`, `/api/training/stream/${'x'.repeat(3000)}`]) {
      expect([bad.slice(0, 60), ...reason(await request(server).get(bad))]).toEqual([bad.slice(0, 60), 403, 'FORBIDDEN', 'STREAM_TOKEN_INVALID']);
    }
    // expired after 10 minutes
    now = new Date(Date.now() + 10 * 60_000 + 1000);
    try {
      const expired = await request(server).get(url1).set('Range', 'bytes=0-9');
      expect(reason(expired)).toEqual([403, 'FORBIDDEN', 'STREAM_TOKEN_EXPIRED']);
      expect(expired.body.error.details.zh).toContain('已过期');
    } finally {
      now = undefined;
    }
  });

  it('lets only the material’s creator (or the version’s author) and the training manager change its versions', async () => {
    const id = await create('trainer', '讲师一的资料');
    expect((await upload('trainer', id, 1, '讲师一.pdf', tinyPdf(['讲师一的资料']))).status).toBe(200);
    const store = lastTraining!.store;
    const before = { db: await snapshot(knex), files: await store.listAll() };
    const refused = async (r: request.Response) => {
      expect(reason(r)).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_MATERIAL']);
      expect(r.body.error.details.zh).toContain('培训管理员');
      expect(await snapshot(knex)).toBe(before.db);
      expect(await store.listAll()).toEqual(before.files);
    };
    await refused(await patch('trainer-2', `/materials/${id}/versions/1`, { title: '改掉别人的标题' }));
    await refused(await upload('trainer-2', id, 1, '别人的.pdf', tinyPdf(['别人的文件'])));
    await refused(await post('trainer-2', `/materials/${id}/versions/1/submit`));
    await refused(await del('trainer-2', `/materials/${id}/versions/1`));
    // a reviewer cannot write either (no material.write)
    expect((await patch('training-review', `/materials/${id}/versions/1`, { title: 'x' })).status).toBe(403);

    expect((await post('trainer', `/materials/${id}/versions/1/submit`)).status).toBe(200);
    const inReview = await snapshot(knex);
    expect(reason(await post('trainer-2', `/materials/${id}/versions/1/withdraw`))).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_MATERIAL']);
    expect(await snapshot(knex)).toBe(inReview);

    // the training manager may: withdraw, edit, upload, submit
    expect((await post('training-manager', `/materials/${id}/versions/1/withdraw`)).body.current.state).toBe('draft');
    expect((await patch('training-manager', `/materials/${id}/versions/1`, { title: '讲师一的资料（管理员修订）' })).body.current.title).toBe('讲师一的资料（管理员修订）');
    expect((await upload('training-manager', id, 1, '修订.pdf', tinyPdf(['讲师一的资料（修订）']))).status).toBe(200);
    expect((await post('training-manager', `/materials/${id}/versions/1/submit`)).status).toBe(200);
    expect((await post('training-review', `/materials/${id}/versions/1/approve`)).body.publishedVersion).toBe(1);

    // new versions: not for other trainers; the manager's new version can be finished by the creator
    expect(reason(await post('trainer-2', `/materials/${id}/versions`))).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_MATERIAL']);
    const v2 = await post('training-manager', `/materials/${id}/versions`, { title: '第二版' });
    expect([v2.status, v2.body.current.createdBy]).toEqual([201, 'user:default/training-manager']);
    expect((await patch('trainer', `/materials/${id}/versions/2`, { title: '第二版（讲师一）' })).status).toBe(200);
    expect(reason(await del('trainer-2', `/materials/${id}/versions/2`))).toEqual([403, 'FORBIDDEN', 'NOT_YOUR_MATERIAL']);
    expect((await del('training-manager', `/materials/${id}/versions/2`)).body).toEqual({ deleted: true, materialDeleted: false });
  });

  it('indexes Word and PowerPoint text, and previews office files with LibreOffice or says it cannot', async () => {
    const id = await create('trainer', '签章客户端安装说明', { topics: ['signing-client'] });
    const up = await upload('trainer', id, 1, '签章客户端安装说明.docx', makeDocx(['签章客户端安装说明', '安装前请关闭杀毒软件的实时防护功能。']));
    expect(up.status).toBe(200);
    expect(up.body.current.file).toMatchObject({ format: 'docx', textStatus: 'extracted', preview: soffice ? 'converted-pdf' : 'unavailable' });
    const hits = await get('trainer', `/search?scope=all&q=${encodeURIComponent('关闭杀毒软件')}`);
    expect(hits.body.items[0]).toMatchObject({ materialId: id, state: 'draft', phrase: true });
    const slides = await create('trainer', '运维值守要点', { topics: ['operations'] });
    await upload('trainer', slides, 1, '运维.pptx', makePptx([['运维值守要点'], ['每日检查证书吊销列表的更新时间']]));
    expect((await get('trainer', `/search?scope=all&q=${encodeURIComponent('证书吊销列表')}`)).body.items[0].materialId).toBe(slides);

    const caps = await get('requester', '/capabilities');
    expect(caps.body).toMatchObject({
      officePreview: soffice ? 'available' : 'unavailable',
      pdfText: 'available',
      certificates: 'available',
      limits: { document: DOC_LIMIT, video: VIDEO_LIMIT },
    });
    const preview = await binary(get('trainer', `/materials/${id}/versions/1/preview`));
    if (soffice) {
      expect([preview.status, preview.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect((preview.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      const body = JSON.parse((preview.body as Buffer).toString());
      expect([preview.status, body.error.code, body.error.details.reason]).toEqual([503, 'PREVIEW_UNAVAILABLE', 'PREVIEW_UNAVAILABLE']);
      expect(body.error.message).toContain('LibreOffice');
    }
    // the office file itself is always downloadable
    const file = await get('trainer', `/materials/${id}/versions/1/file`);
    expect([file.status, file.headers['content-disposition'].startsWith('attachment')]).toEqual([200, true]);
  });

  (soffice ? it : it.skip)('converts a Word document to a PDF preview with LibreOffice', async () => {
    const id = await create('trainer', '转换测试');
    await upload('trainer', id, 1, '转换.docx', makeDocx(['转换测试正文']));
    const first = await binary(get('trainer', `/materials/${id}/versions/1/preview`));
    expect([first.status, (first.body as Buffer).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect((await lastTraining!.store.listAll()).some(f => f.startsWith('previews/'))).toBe(true);
  });

  it('lists materials by audience and topic, and the review queue for reviewers', async () => {
    const id = await create('trainer', '经办机构专用：证书更新流程', { audiences: ['agency'], topics: ['certificate-application'] });
    await upload('trainer', id, 1, 'renew.pdf', tinyPdf(['证书更新流程']));
    await post('trainer', `/materials/${id}/versions/1/submit`);
    const queue = await get('training-review', '/materials?scope=all&status=in-review');
    expect(queue.body.items.map((m: any) => m.id)).toContain(id);
    expect((await get('requester', '/materials?scope=all&status=in-review')).body.items.map((m: any) => m.id)).not.toContain(id);
    await post('training-review', `/materials/${id}/versions/1/approve`);
    expect((await get('requester', '/materials?audience=agency&topic=certificate-application')).body.items.map((m: any) => m.id)).toContain(id);
    expect((await get('requester', '/materials?audience=operator')).body.items.map((m: any) => m.id)).not.toContain(id);
    expect((await get('requester', `/materials?q=${encodeURIComponent('证书更新')}`)).body.items.map((m: any) => m.id)).toEqual([id]);
    expect((await get('requester', '/materials?audience=nobody')).status).toBe(400);
  });

  it('deletes drafts with their files', async () => {
    const id = await create('trainer', '草稿');
    await upload('trainer', id, 1, 'draft.pdf', tinyPdf(['草稿']));
    const files = (await lastTraining!.store.listAll()).length;
    const del = await request(server).delete(`/api/training/materials/${id}/versions/1`).set('Authorization', as('trainer'));
    expect(del.body).toEqual({ deleted: true, materialDeleted: true });
    expect((await lastTraining!.store.listAll()).length).toBe(files - 1);
    expect((await get('trainer', `/materials/${id}`)).status).toBe(404);
  });
});
