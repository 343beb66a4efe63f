/*
 * The tickets plugin over HTTP, in a test backend with the platform plugin, the real permission
 * backend and yinxin's role policy: visibility and refusals with codes. The route × role matrix
 * is in pluginEngines.test.ts, on every database engine.
 */
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { startTestBackend } from '@backstage/backend-test-utils';
import { as, ticketsTestFeatures } from './testing/roleBackend';

jest.setTimeout(180_000);

const WEBHOOK_SECRET = 's3cret';
const sign = (body: string, secret = WEBHOOK_SECRET) => createHmac('sha256', secret).update(body).digest('hex');


describe('tickets plugin over HTTP', () => {
  let server: any;
  const ids = { ticket: 0, number: '', article: 0, attachment: 0 };

  const post = (path: string, role: string, body: object) => request(server).post(`/api/tickets${path}`).set('Authorization', as(role)).send(body);
  const get = (path: string, role: string) => request(server).get(`/api/tickets${path}`).set('Authorization', as(role));
  const total = async () => (await get('/tickets?limit=1', 'support-lead')).body.total as number;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: ticketsTestFeatures({ tickets: { maxAttachmentBytes: 1024, im: { webhookSecret: WEBHOOK_SECRET } } }),
    });
    server = backend.server;

    const ticket = await post('/tickets', 'support-lead', { title: '证书下载失败', category: 'cert-apply', requesterName: '周科员' });
    expect(ticket.status).toBe(201);
    ids.ticket = ticket.body.id;
    ids.number = ticket.body.number;
    const article = await post('/kb', 'support-lead', { title: '证书下载常见问题', body: '清除浏览器缓存后重试', category: 'cert-apply' });
    expect(article.status).toBe(201);
    ids.article = article.body.id;
    const attachment = await request(server)
      .post(`/api/tickets/tickets/${ids.ticket}/attachments`)
      .set('Authorization', as('support-lead'))
      .set('Content-Type', 'text/plain')
      .set('X-Filename', 'log.txt')
      .send('error 0x0A00001');
    expect(attachment.status).toBe(201);
    ids.attachment = attachment.body.id;
  });

  it('shows a requester only their own tickets, without internal notes or history', async () => {
    const own = await post('/tickets', 'requester', { title: '我的印章无法使用', category: 'seal', requesterName: '申请人', channel: 'phone' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ requesterRef: 'user:default/requester', channel: 'web' });
    expect((await post(`/tickets/${own.body.id}/comments`, 'support-agent', { body: '请提供印章编号' })).status).toBe(201);
    expect((await post(`/tickets/${own.body.id}/comments`, 'support-agent', { body: '疑似证书过期', internal: true })).status).toBe(201);
    expect((await post(`/tickets/${own.body.id}/comments`, 'requester', { body: '编号 YZ-001' })).status).toBe(201);

    const list = await get('/tickets', 'requester');
    expect(list.status).toBe(200);
    // The matrix above created tickets of its own as the requester too; none of anyone else's.
    expect(list.body.items.map((t: any) => t.id)).toContain(own.body.id);
    expect(list.body.items.map((t: any) => t.id)).not.toContain(ids.ticket);
    expect(list.body.items.every((t: any) => t.requesterRef === 'user:default/requester')).toBe(true);
    expect(list.body.total).toBe(list.body.items.length);
    expect((await get('/tickets', 'support-agent')).body.total).toBeGreaterThan(1);

    const other = await get(`/tickets/${ids.ticket}`, 'requester');
    expect([other.status, other.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    const otherFile = await get(`/tickets/${ids.ticket}/attachments/${ids.attachment}`, 'requester');
    expect(otherFile.status).toBe(404);
    expect((await post(`/tickets/${ids.ticket}/comments`, 'requester', { body: '插话' })).status).toBe(404);

    const mine = await get(`/tickets/${own.body.id}`, 'requester');
    expect(mine.status).toBe(200);
    expect(mine.body.comments.map((c: any) => c.body)).toEqual(['请提供印章编号', '编号 YZ-001']);
    expect(JSON.stringify(mine.body)).not.toContain('疑似证书过期');
    expect(mine.body.events).toEqual([]);
    const staff = await get(`/tickets/${own.body.id}`, 'support-agent');
    expect(staff.body.comments.map((c: any) => c.body)).toContain('疑似证书过期');

    const note = await post(`/tickets/${own.body.id}/comments`, 'requester', { body: '偷偷备注', internal: true });
    expect([note.status, note.body.error?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers malformed JSON with 400 VALIDATION_FAILED and creates nothing', async () => {
    const before = await total();
    const res = await request(server)
      .post('/api/tickets/tickets')
      .set('Authorization', as('support-agent'))
      .set('Content-Type', 'application/json')
      .send('{"title": "半截请求", "category":');
    expect([res.status, res.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const missing = await post('/tickets', 'support-agent', { category: 'consult' });
    expect([missing.status, missing.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await total()).toBe(before);
  });

  it('answers an unknown category with 400 UNKNOWN_CATEGORY and creates no row', async () => {
    const before = await total();
    const res = await post('/tickets', 'support-agent', { title: '分类错误', category: 'certificate', requesterName: '吴' });
    expect([res.status, res.body.error?.code]).toEqual([400, 'UNKNOWN_CATEGORY']);
    const pub = await request(server).post('/api/tickets/public/tickets').send({ title: 'x', category: 'nope', requesterName: 'x', requesterContact: 'x' });
    expect([pub.status, pub.body.error?.code]).toEqual([400, 'UNKNOWN_CATEGORY']);
    expect(await total()).toBe(before);
  });

  it('answers an illegal transition with 409 ILLEGAL_TRANSITION and keeps the state', async () => {
    const created = await post('/tickets', 'support-agent', { title: '已处理的来电', category: 'consult', requesterName: '郑' });
    const closed = await post(`/tickets/${created.body.id}/transition`, 'support-agent', { to: 'closed' });
    expect([closed.status, closed.body.state]).toEqual([200, 'closed']);
    const illegal = await post(`/tickets/${created.body.id}/transition`, 'support-agent', { to: 'plan-given' });
    expect([illegal.status, illegal.body.error?.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(illegal.body.error.details).toEqual({ from: 'closed', to: 'plan-given' });
    const merged = await post(`/tickets/${created.body.id}/transition`, 'support-agent', { to: 'merged' });
    expect([merged.status, merged.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const after = await get(`/tickets/${created.body.id}`, 'support-agent');
    expect(after.body.ticket.state).toBe('closed');
    expect(after.body.events.filter((e: any) => e.type === 'transition')).toHaveLength(1);
  });

  it('refuses an attachment over yinxin.tickets.maxAttachmentBytes with 413 and stores nothing', async () => {
    const created = await post('/tickets', 'support-agent', { title: '上传日志', category: 'fault', requesterName: '孙' });
    const upload = (bytes: number, name: string) =>
      request(server)
        .post(`/api/tickets/tickets/${created.body.id}/attachments`)
        .set('Authorization', as('support-agent'))
        .set('Content-Type', 'application/octet-stream')
        .set('X-Filename', encodeURIComponent(name))
        .send(Buffer.alloc(bytes, 1));
    const big = await upload(1025, '过大.bin');
    expect([big.status, big.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await get(`/tickets/${created.body.id}`, 'support-agent')).body.attachments).toEqual([]);
    const fits = await upload(1024, '正好.bin');
    expect([fits.status, fits.body.size, fits.body.filename]).toEqual([201, 1024, '正好.bin']);
    const shown = (await get(`/tickets/${created.body.id}`, 'support-agent')).body.attachments;
    expect(shown.map((a: any) => [a.filename, a.size])).toEqual([['正好.bin', 1024]]);
  });

  it('takes an IM message only with the HMAC-SHA256 signature of the exact body', async () => {
    const body = JSON.stringify({ conversationId: 'wx-42', from: '小陈', text: 'USB-key 提示 PIN 被锁\n请帮忙解锁' });
    const send = (signature: string | undefined, raw = body) => {
      const req = request(server).post('/api/tickets/public/im/webhook').set('Content-Type', 'application/json');
      return (signature === undefined ? req : req.set('X-Yinxin-Signature', signature)).send(raw);
    };
    const before = await total();
    for (const wrong of [sign(body, 'other-secret'), sign(`${body}\n`), sign(body).toUpperCase(), '', undefined]) {
      const res = await send(wrong);
      expect([res.status, res.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    // The same object serialised differently is not the signed body.
    const reordered = JSON.stringify({ from: '小陈', conversationId: 'wx-42', text: 'USB-key 提示 PIN 被锁\n请帮忙解锁' });
    expect((await send(sign(body), reordered)).status).toBe(401);
    expect(await total()).toBe(before);

    const good = await send(sign(body));
    expect([good.status, good.body.appended]).toEqual([201, false]);
    expect(await total()).toBe(before + 1);
    const follow = JSON.stringify({ conversationId: 'wx-42', from: '小陈', text: '现在好了' });
    const appended = await send(sign(follow), follow);
    expect([appended.status, appended.body]).toEqual([200, { ticket: good.body.ticket, appended: true }]);
    const found = (await get(`/tickets?q=${encodeURIComponent(good.body.ticket)}`, 'support-agent')).body.items[0];
    expect(found).toMatchObject({ channel: 'im', title: 'USB-key 提示 PIN 被锁', requesterContact: 'im:wx-42' });
  });

  it('searches the knowledge base with % and _ taken literally', async () => {
    for (const title of ['签章成功率 100% 的配置', '签章成功率 1000 次压测', 'seal_api 接入', 'sealXapi 接入'])
      expect((await post('/kb', 'support-lead', { title, body: '正文', category: 'seal' })).status).toBe(201);
    const search = async (q: string) => (await get(`/kb?q=${encodeURIComponent(q)}`, 'requester')).body.items.map((a: any) => a.title);
    expect(await search('100%')).toEqual(['签章成功率 100% 的配置']);
    expect(await search('seal_api')).toEqual(['seal_api 接入']);
    expect(await search('签章成功率')).toHaveLength(2);
  });
});
