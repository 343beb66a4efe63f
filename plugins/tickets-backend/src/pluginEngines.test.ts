/*
 * The tickets and platform plugins over HTTP on each database engine (SQLite and, when
 * configured, PostgreSQL 15): each plugin gets its own database of the engine under test, so the
 * test can look into it. Through the real permission backend and yinxin's role policy, every
 * route (read from the plugins' API routers) is called as every role, a backend plugin and
 * anonymously; every refusal must leave the plugin's whole database exactly as it was.
 */
import http from 'node:http';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases, snapshot } from '@yinxin/backend-testing';
import { RouteDescriptor } from '@yinxin/ops-node';
import { lastPlatformApi } from '@yinxin/plugin-platform-backend';
import { CALLERS, as, ticketsTestFeatures } from './testing/roleBackend';
import { lastTicketsApi } from './plugin';

jest.setTimeout(300_000);

const databases = engineDatabases();

const SECRET = 'engine-webhook-secret';
const MAX_ATTACHMENT = 2048;
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');



const count = async (knex: Knex, table: string, where: Record<string, unknown> = {}) =>
  Number((await knex(table).where(where).count({ n: '*' }))[0].n);

describe.each(databases.eachSupportedId())('tickets and platform plugins on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  const db = new Map<string, Knex>();
  const ids = { ticket: 0, number: '', article: 0, attachment: 0 };

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: ticketsTestFeatures(
        {
          tickets: {
            maxAttachmentBytes: MAX_ATTACHMENT,
            im: { webhookSecret: SECRET },
            agents: [{ ref: 'user:default/support-agent', skills: [] }],
          },
        },
        [
          engineDatabaseFactory(databases, databaseId, (pluginId, knex) => db.set(pluginId, knex)),
        ],
      ),
    });
    server = backend.server;
    stop = () => backend.stop();

    const lead = as('support-lead');
    const ticket = await request(server).post('/api/tickets/tickets').set('Authorization', lead).send({ title: '签章服务超时', category: 'seal', requesterName: '冯科长' });
    expect(ticket.status).toBe(201);
    ids.ticket = ticket.body.id;
    ids.number = ticket.body.number;
    const article = await request(server).post('/api/tickets/kb').set('Authorization', lead).send({ title: '签章超时排查', body: '检查签章服务器时间同步', category: 'seal' });
    expect(article.status).toBe(201);
    ids.article = article.body.id;
    const file = await request(server)
      .post(`/api/tickets/tickets/${ids.ticket}/attachments`)
      .set('Authorization', lead)
      .set('Content-Type', 'text/plain')
      .set('X-Filename', 'trace.txt')
      .send('timeout after 30s');
    expect(file.status).toBe(201);
    ids.attachment = file.body.id;
  });

  afterAll(async () => {
    await stop?.();
  });

  const routes = (): { plugin: string; route: RouteDescriptor }[] => [
    ...lastTicketsApi!.routes().map(route => ({ plugin: 'tickets', route })),
    ...lastPlatformApi!.routes().map(route => ({ plugin: 'platform', route })),
  ];

  function url(plugin: string, route: RouteDescriptor): string {
    const values: Record<string, string> = {
      id: String(route.path.startsWith('/kb/') ? ids.article : ids.ticket),
      attachmentId: String(ids.attachment),
      number: ids.number,
      day: '2027-01-04',
      year: '2026',
    };
    return `/api/${plugin}${route.path.replace(/:(\w+)/g, (_, k: string) => {
      if (!(k in values)) throw new Error(`the matrix has no value for :${k} of ${route.path}`);
      return values[k];
    })}`;
  }

  it('uses a database of the engine under test for each plugin', () => {
    expect([...db.keys()].sort()).toEqual(expect.arrayContaining(['platform', 'tickets']));
    expect(db.get('tickets')).not.toBe(db.get('platform'));
    const client = String(db.get('tickets')!.client.config.client);
    expect(client).toMatch(databaseId === 'POSTGRES_15' ? /pg/ : /sqlite/);
  });

  it('answers every route × caller as the policy says; refusals leave the database untouched', async () => {
    const problems: string[] = [];
    const tally = { public: 0, anonymous: 0, refused: 0, granted: 0 };
    const state = new Map<string, string>();
    for (const { plugin, route } of routes()) {
      const knex = db.get(plugin)!;
      for (const caller of CALLERS) {
        const before = state.get(plugin) ?? (await snapshot(knex));
        const body = JSON.stringify(route.sampleBody ?? {});
        let req = (request(server) as any)[route.method](url(plugin, route));
        if (caller.header) req = req.set('Authorization', caller.header);
        // Every body is signed, so the IM webhook (public, self-authenticating) accepts it too.
        if (route.method !== 'get') req = req.set('Content-Type', 'application/json').set('X-Yinxin-Signature', sign(body)).send(body);
        const res = await req;
        const what = `${caller.name} ${route.method.toUpperCase()} /${plugin}${route.path} → ${res.status} ${res.body?.error?.code ?? ''}`;
        const refused = res.status === 401 || res.status === 403;
        if (res.status >= 500) problems.push(`${what}: server error`);
        if ('public' in route.access) {
          tally.public++;
          if (refused) problems.push(`${what}: a public route must not refuse`);
        } else if (!caller.header) {
          tally.anonymous++;
          if (res.status !== 401) problems.push(`${what}: anonymous must get 401`);
        } else if (route.access.permissions.some(p => caller.granted(p.name))) {
          tally.granted++;
          if (refused) problems.push(`${what}: granted but refused`);
        } else {
          tally.refused++;
          if (res.status !== 403 || res.body?.error?.code !== 'FORBIDDEN') problems.push(`${what}: expected 403 FORBIDDEN`);
        }
        if (refused) {
          const after = await snapshot(knex);
          if (after !== before) problems.push(`${what}: the ${plugin} database changed`);
          state.set(plugin, after);
        } else {
          state.delete(plugin);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tally.public + tally.anonymous + tally.refused + tally.granted).toBe(routes().length * CALLERS.length);
    expect(tally.refused).toBeGreaterThan(200);
    expect(tally.granted).toBeGreaterThan(100);
    expect(tally.public).toBeGreaterThan(0);
  });

  it('answers malformed JSON on every JSON route with 400 VALIDATION_FAILED, changing nothing', async () => {
    const problems: string[] = [];
    const jsonRoutes = routes().filter(({ route }) => route.method !== 'get' && route.sampleBody !== undefined);
    expect(jsonRoutes.length).toBeGreaterThan(15);
    for (const { plugin, route } of jsonRoutes) {
      const knex = db.get(plugin)!;
      const before = await snapshot(knex);
      const res = await (request(server) as any)[route.method](url(plugin, route))
        .set('Authorization', as('super-admin'))
        .set('Content-Type', 'application/json')
        .send('{"title": "半截');
      if (res.status !== 400 || res.body?.error?.code !== 'VALIDATION_FAILED') problems.push(`${route.method} /${plugin}${route.path} → ${res.status}`);
      if ((await snapshot(knex)) !== before) problems.push(`${route.method} /${plugin}${route.path}: database changed`);
    }
    expect(problems).toEqual([]);
  });

  it('refuses an oversized attachment with 413, whether its length is declared or streamed, storing nothing', async () => {
    const knex = db.get('tickets')!;
    const before = await snapshot(knex);
    const declared = await request(server)
      .post(`/api/tickets/tickets/${ids.ticket}/attachments`)
      .set('Authorization', as('support-agent'))
      .set('Content-Type', 'application/octet-stream')
      .set('X-Filename', 'dump.bin')
      .send(Buffer.alloc(MAX_ATTACHMENT + 1, 1));
    expect([declared.status, declared.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    // Chunked, without Content-Length: refused while streaming.
    const streamed = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port(),
          method: 'POST',
          path: `/api/tickets/tickets/${ids.ticket}/attachments`,
          headers: { Authorization: as('support-agent'), 'Content-Type': 'application/octet-stream', 'X-Filename': 'dump.bin', 'Transfer-Encoding': 'chunked' },
        },
        res => {
          let data = '';
          res.on('data', c => (data += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(Buffer.alloc(512, 2));
      req.end();
    });
    expect([streamed.status, streamed.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await snapshot(knex)).toBe(before);
    expect(await count(knex, 'ticket_attachments', { filename: 'dump.bin' })).toBe(0);
  });

  it('stores a JSON file as an attachment, byte for byte, like any other file', async () => {
    // The app uploads a file with its own type: a .json log arrives as application/json.
    const knex = db.get('tickets')!;
    const content = '{"error":"签章超时","code":504}\n';
    const res = await request(server)
      .post(`/api/tickets/tickets/${ids.ticket}/attachments`)
      .set('Authorization', as('support-agent'))
      .set('Content-Type', 'application/json')
      .set('X-Filename', encodeURIComponent('日志.json'))
      .send(content);
    expect([res.status, res.body.filename, res.body.size]).toEqual([201, '日志.json', Buffer.byteLength(content)]);
    const row = await knex('ticket_attachments').where({ id: res.body.id }).first();
    expect(Buffer.from(row.content).toString('utf8')).toBe(content);
    // Even one that is not valid JSON.
    const broken = await request(server)
      .post(`/api/tickets/tickets/${ids.ticket}/attachments`)
      .set('Authorization', as('support-agent'))
      .set('Content-Type', 'application/json')
      .set('X-Filename', 'partial.json')
      .send('{"truncated": ');
    expect([broken.status, broken.body.size]).toEqual([201, 14]);
  });

  it('records IM messages only with a good signature, in the tickets database', async () => {
    const knex = db.get('tickets')!;
    const body = JSON.stringify({ conversationId: `conv-${databaseId}`, from: '小钱', text: '签章失败\n提示证书链不完整' });
    const bad = await request(server).post('/api/tickets/public/im/webhook').set('Content-Type', 'application/json').set('X-Yinxin-Signature', sign(`${body} `)).send(body);
    expect([bad.status, bad.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await count(knex, 'tickets', { im_conversation: `conv-${databaseId}` })).toBe(0);
    const good = await request(server).post('/api/tickets/public/im/webhook').set('Content-Type', 'application/json').set('X-Yinxin-Signature', sign(body)).send(body);
    expect(good.status).toBe(201);
    const row = await knex('tickets').where({ im_conversation: `conv-${databaseId}` }).first();
    expect(row).toMatchObject({ number: good.body.ticket, channel: 'im', title: '签章失败', created_by: 'im:小钱', state: 'new' });
  });

  it('answers ids and fields beyond the column limits with 4xx on every engine, never 500', async () => {
    // PostgreSQL ids are 32-bit and its varchar lengths are enforced; SQLite has neither limit.
    const knex = db.get('tickets')!;
    const before = await snapshot(knex);
    const big = 2 ** 31;
    const cases: [string, string, object | undefined, number][] = [
      ['get', `/api/tickets/tickets/${big}`, undefined, 400],
      ['get', `/api/tickets/tickets/${Number.MAX_SAFE_INTEGER}`, undefined, 400],
      ['get', `/api/tickets/tickets/${ids.ticket}/attachments/${big}`, undefined, 400],
      ['get', `/api/tickets/kb/${big}`, undefined, 400],
      ['put', `/api/tickets/kb/${big}`, { title: 't', body: 'b', category: 'seal' }, 400],
      ['post', `/api/tickets/tickets/${ids.ticket}/merge`, { into: big }, 400],
      ['post', `/api/tickets/tickets/${ids.ticket}/kb`, { articleId: big }, 400],
      ['post', '/api/tickets/tickets', { title: 't', category: 'seal', requesterName: 'x', parentId: big }, 400],
      ['post', `/api/tickets/tickets/${ids.ticket}/assign`, { assignee: `user:default/${'a'.repeat(250)}` }, 400],
      // The largest id that fits is merely not found.
      ['get', `/api/tickets/tickets/${big - 1}`, undefined, 404],
    ];
    const answers: string[] = [];
    for (const [method, path, body, status] of cases) {
      const res = await (request(server) as any)[method](path).set('Authorization', as('super-admin')).send(body);
      if (res.status !== status) answers.push(`${method} ${path} → ${res.status} ${res.body?.error?.code}, expected ${status}`);
    }
    expect(answers).toEqual([]);
    expect(await snapshot(knex)).toBe(before);

    // The longest conversation id the webhook accepts still makes a ticket.
    const conversationId = 'c'.repeat(200);
    const msg = JSON.stringify({ conversationId, from: '小孙', text: '长会话' });
    const im = await request(server).post('/api/tickets/public/im/webhook').set('Content-Type', 'application/json').set('X-Yinxin-Signature', sign(msg)).send(msg);
    expect(im.status).toBe(201);
    const row = await knex('tickets').where({ number: im.body.ticket }).first();
    expect([row.im_conversation, row.requester_contact.length]).toEqual([conversationId, 200]);
  });

  it('searches tickets and articles without regard to ASCII case, on every engine', async () => {
    const agent = as('support-agent');
    const created = await request(server).post('/api/tickets/tickets').set('Authorization', agent).send({ title: 'USB-Key 无法识别', category: 'usbkey-unlock', requesterName: '卫' });
    expect(created.status).toBe(201);
    const search = async (q: string) =>
      (await request(server).get(`/api/tickets/tickets?q=${encodeURIComponent(q)}`).set('Authorization', agent)).body.items.map((t: any) => t.id);
    expect(await search('usb-key')).toContain(created.body.id);
    expect(await search('USB-KEY')).toContain(created.body.id);
    // Numbers are upper case (YX…); an agent typing them in lower case still finds the ticket.
    expect(await search(created.body.number.toLowerCase())).toEqual([created.body.id]);

    const article = await request(server).post('/api/tickets/kb').set('Authorization', agent).send({ title: 'UKey 驱动安装', body: 'Install the UKey driver', category: 'usbkey-unlock' });
    expect(article.status).toBe(201);
    const kb = async (q: string) => (await request(server).get(`/api/tickets/kb?q=${encodeURIComponent(q)}`).set('Authorization', agent)).body.items.map((a: any) => a.id);
    expect(await kb('ukey')).toContain(article.body.id);
    expect(await kb('INSTALL')).toContain(article.body.id);
  });

  it('keeps both audit chains intact, and /audit/verify names a record tampered with in the database', async () => {
    for (const plugin of ['tickets', 'platform']) {
      const verify = () => request(server).get(`/api/${plugin}/audit/verify`).set('Authorization', as('auditor'));
      const ok = await verify();
      expect([ok.status, ok.body.ok]).toEqual([200, true]);
      expect(ok.body.count).toBeGreaterThan(0);
      const knex = db.get(plugin)!;
      const seq = Math.max(1, Math.ceil(ok.body.count / 2));
      await knex('audit_log').where({ seq }).update({ details: '{"tampered":true}' });
      const broken = await verify();
      expect(broken.body.ok).toBe(false);
      expect(Number(broken.body.firstBroken.seq)).toBe(seq);
    }
  });
});
