/*
 * The route × role matrix, generated from the routes the plugins register (never a hand-written
 * list): every route of the tickets and platform plugins is called as every role, as a backend
 * plugin and anonymously, through the real permission backend and yinxin's one policy.
 */
import { createHmac } from 'node:crypto';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { ROLES, SERVICE_GRANTS, grantMatches, rolesGrant } from '@yinxin/ops-common';
import { RealtimeHub, RolePermissionPolicy, RouteDescriptor, realtimeServiceRef } from '@yinxin/ops-node';
import platformPlugin, { lastPlatformApi } from '@yinxin/plugin-platform-backend';
import { ticketsPlugin, lastTicketsApi } from './plugin';

jest.setTimeout(120_000);

const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-role-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new RolePermissionPolicy(userInfo));
      },
    });
  },
});

/** Test users are named after their role: user:default/<role> is a member of group:default/<role>. */
const roleUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref: string = credentials.principal.userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, `group:default/${ref.split('/')[1]}`] };
    },
  }),
});

const SECRET = 'webhook-secret';

type Caller = { name: string; header?: string; grants: (permission: string) => boolean };
const callers: Caller[] = [
  ...ROLES.map(role => ({
    name: role,
    header: mockCredentials.user.header(`user:default/${role}`),
    grants: (p: string) => rolesGrant([role], p),
  })),
  { name: 'plugin', header: mockCredentials.service.header(), grants: (p: string) => SERVICE_GRANTS.some(g => grantMatches(g, p)) },
  { name: 'anonymous', header: undefined, grants: () => false },
];

describe('route × role matrix', () => {
  let server: any;
  let ticketId: number;
  let ticketNumber: string;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        ticketsPlugin,
        platformPlugin,
        permissionPlugin,
        policyModule,
        permissionsServiceFactory,
        roleUserInfo,
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => new RealtimeHub() }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true }, yinxin: { tickets: { maxAttachmentBytes: 1024, im: { webhookSecret: SECRET } } } },
        }),
      ],
    });
    server = backend.server;
    const lead = mockCredentials.user.header('user:default/support-lead');
    const created = await request(server)
      .post('/api/tickets/tickets')
      .set('Authorization', lead)
      .send({ title: '矩阵测试', category: 'consult', requesterName: '测试' });
    expect(created.status).toBe(201);
    ticketId = created.body.id;
    ticketNumber = created.body.number;
    await request(server).post('/api/tickets/kb').set('Authorization', lead).send({ title: 'kb', body: 'kb', category: 'consult' }).expect(201);
    await request(server)
      .post(`/api/tickets/tickets/${ticketId}/attachments`)
      .set('Authorization', lead)
      .set('Content-Type', 'text/plain')
      .set('X-Filename', 'a.txt')
      .send('hello')
      .expect(201);
  });

  const routes = (): { plugin: string; route: RouteDescriptor }[] => [
    ...lastTicketsApi!.routes().map(route => ({ plugin: 'tickets', route })),
    ...lastPlatformApi!.routes().map(route => ({ plugin: 'platform', route })),
  ];

  function path(plugin: string, route: RouteDescriptor) {
    const values: Record<string, string> = {
      id: String(ticketId),
      attachmentId: '1',
      number: ticketNumber,
      day: '2027-01-01',
      year: '2026',
      username: 'nobody',
    };
    return `/api/${plugin}${route.path.replace(/:(\w+)/g, (_, k) => values[k] ?? 'x')}`;
  }

  it('registers routes for the matrix to check', () => {
    expect(routes().length).toBeGreaterThan(25);
  });

  it('answers every route as the policy says, for every caller', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { plugin, route } of routes()) {
      for (const caller of callers) {
        const req = (request(server) as any)[route.method](path(plugin, route));
        if (caller.header) req.set('Authorization', caller.header);
        const res = await (route.method === 'get' ? req : req.send((route.sampleBody ?? {}) as object));
        const where = `${caller.name} ${route.method.toUpperCase()} ${plugin}${route.path} → ${res.status}`;
        checked++;
        if ('public' in route.access) {
          // A public route may refuse on its own terms (a webhook's bad signature answers 401
          // UNAUTHENTICATED), but neither the auth policy nor the permission check may refuse it.
          const byFramework = res.status === 403 || (res.status === 401 && res.body?.error?.name === 'AuthenticationError');
          if (byFramework) failures.push(`${where}: public route refused`);
          continue;
        }
        const granted = route.access.permissions.some(p => caller.grants(p.name));
        if (caller.name === 'anonymous') {
          if (res.status !== 401) failures.push(`${where}: anonymous must get 401`);
        } else if (granted) {
          if (res.status === 401 || res.status === 403) failures.push(`${where}: granted but refused`);
        } else if (res.status !== 403 || res.body?.error?.code !== 'FORBIDDEN') {
          failures.push(`${where}: must be 403 FORBIDDEN`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(routes().length * callers.length);
  });

  it('takes IM messages only with the right signature', async () => {
    const body = JSON.stringify({ conversationId: 'c-1', from: '小李', text: '证书无法下载' });
    const sign = (b: string) => createHmac('sha256', SECRET).update(b).digest('hex');
    const good = await request(server)
      .post('/api/tickets/public/im/webhook')
      .set('Content-Type', 'application/json')
      .set('X-Yinxin-Signature', sign(body))
      .send(body);
    expect(good.status).toBe(201);
    const again = await request(server)
      .post('/api/tickets/public/im/webhook')
      .set('Content-Type', 'application/json')
      .set('X-Yinxin-Signature', sign(body))
      .send(body);
    expect(again.body).toEqual({ ticket: good.body.ticket, appended: true });
    const bad = await request(server)
      .post('/api/tickets/public/im/webhook')
      .set('Content-Type', 'application/json')
      .set('X-Yinxin-Signature', sign(`${body} `))
      .send(body);
    expect([bad.status, bad.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses bad input with a code and changes nothing', async () => {
    const agent = mockCredentials.user.header('user:default/support-agent');
    const count = async () =>
      (await request(server).get('/api/tickets/tickets?limit=1').set('Authorization', agent)).body.total as number;
    const before = await count();
    const unknown = await request(server).post('/api/tickets/tickets').set('Authorization', agent).send({ title: 't', category: 'bogus', requesterName: 'x' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'UNKNOWN_CATEGORY']);
    const malformed = await request(server).post('/api/tickets/tickets').set('Authorization', agent).set('Content-Type', 'application/json').send('{"title":');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await count()).toBe(before);

    const illegal = await request(server).post(`/api/tickets/tickets/${ticketId}/transition`).set('Authorization', agent).send({ to: 'closed' });
    const state = (await request(server).get(`/api/tickets/tickets/${ticketId}`).set('Authorization', agent)).body.ticket.state;
    if (state === 'new') expect(illegal.status).toBe(200);
    const back = await request(server).post(`/api/tickets/tickets/${ticketId}/transition`).set('Authorization', agent).send({ to: 'plan-given' });
    expect([back.status, back.body.error?.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    const attachmentsBefore = (await request(server).get(`/api/tickets/tickets/${ticketId}`).set('Authorization', agent)).body.attachments.length;
    const big = await request(server)
      .post(`/api/tickets/tickets/${ticketId}/attachments`)
      .set('Authorization', agent)
      .set('Content-Type', 'application/octet-stream')
      .set('X-Filename', 'big.bin')
      .send(Buffer.alloc(2048));
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const attachmentsAfter = (await request(server).get(`/api/tickets/tickets/${ticketId}`).set('Authorization', agent)).body.attachments.length;
    expect(attachmentsAfter).toBe(attachmentsBefore);

    const audit = await request(server).get('/api/tickets/audit/verify').set('Authorization', mockCredentials.user.header('user:default/auditor'));
    expect(audit.body.ok).toBe(true);
  });

  it('shows requesters their own tickets only, without internal notes', async () => {
    const requester = mockCredentials.user.header('user:default/requester');
    const agent = mockCredentials.user.header('user:default/support-agent');
    const own = await request(server).post('/api/tickets/tickets').set('Authorization', requester).send({ title: '我的工单', category: 'seal', requesterName: '申请人' });
    expect(own.status).toBe(201);
    expect(own.body.requesterRef).toBe('user:default/requester');
    await request(server).post(`/api/tickets/tickets/${own.body.id}/comments`).set('Authorization', agent).send({ body: '公开答复' }).expect(201);
    await request(server).post(`/api/tickets/tickets/${own.body.id}/comments`).set('Authorization', agent).send({ body: '内部备注', internal: true }).expect(201);

    const list = await request(server).get('/api/tickets/tickets').set('Authorization', requester);
    expect(list.body.items.map((t: any) => t.id)).toContain(own.body.id);
    expect(list.body.items.every((t: any) => t.requesterRef === 'user:default/requester')).toBe(true);
    const other = await request(server).get(`/api/tickets/tickets/${ticketId}`).set('Authorization', requester);
    expect(other.status).toBe(404);
    const mine = await request(server).get(`/api/tickets/tickets/${own.body.id}`).set('Authorization', requester);
    expect(mine.body.comments.map((c: any) => c.body)).toEqual(['公开答复']);
    expect(mine.body.events).toEqual([]);
    const note = await request(server).post(`/api/tickets/tickets/${own.body.id}/comments`).set('Authorization', requester).send({ body: 'x', internal: true });
    expect(note.status).toBe(403);
  });
});
