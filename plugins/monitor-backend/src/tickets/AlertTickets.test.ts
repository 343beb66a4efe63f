/*
 * Alert tickets through the real tickets plugin (and the permission backend with yinxin's role
 * policy): a firing alert opens an urgent `fault` ticket on the `alert` channel as the monitor
 * plugin; its resolution comments and resolves it; a ticket people resolved already is left alone.
 */
import request from 'supertest';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { as, policyTestFeatures } from '@yinxin/backend-testing';
import type { AlertEvent } from '../alerts/engine';
import { AlertTickets } from './AlertTickets';

jest.setTimeout(120_000);

describe('alert tickets through the tickets API', () => {
  let server: any;
  let stop: () => Promise<void>;
  let tickets: AlertTickets;

  beforeAll(async () => {
    // a stand-in for the monitor plugin: only to be given its own discovery and auth services
    const probePlugin = createBackendPlugin({
      pluginId: 'monitor',
      register(env) {
        env.registerInit({
          deps: { discovery: coreServices.discovery, auth: coreServices.auth },
          async init({ discovery, auth }) {
            tickets = new AlertTickets(discovery, auth);
          },
        });
      },
    });
    const backend = await startTestBackend({ features: [probePlugin, ticketsPlugin, platformPlugin, ...policyTestFeatures({})] as any[] });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  const event = (type: AlertEvent['type'], at: string): AlertEvent => ({ type, ruleId: 'ldap-down', targetId: 'ldap', at, severity: 'critical', message: 'LDAP 目录不可用: status down', silenced: false });
  const read = (id: number) => request(server).get(`/api/tickets/tickets/${id}`).set('Authorization', as('support-agent'));

  it('opens an urgent fault ticket for a firing alert, and resolves it when the alert does', async () => {
    const opened = await tickets.open(event('firing', '2026-11-29T01:00:00.000Z'), 'LDAP 目录');
    const t = await read(opened.id);
    expect(t.status).toBe(200);
    expect(t.body.ticket).toMatchObject({ number: opened.number, channel: 'alert', category: 'fault', priority: 'urgent', state: 'new', requesterName: '监控系统' });
    expect(t.body.ticket.title).toContain('LDAP 目录');
    await tickets.resolve(opened.id, event('resolved', '2026-11-29T01:05:00.000Z'));
    const after = await read(opened.id);
    expect(after.body.ticket.state).toBe('resolved');
    expect(after.body.comments.map((c: any) => c.body).join('\n')).toMatch(/告警已恢复/);
  });

  it('leaves a ticket that people already resolved as it is, with a comment', async () => {
    const opened = await tickets.open(event('firing', '2026-11-29T02:00:00.000Z'), 'OCSP');
    expect((await request(server).post(`/api/tickets/tickets/${opened.id}/transition`).set('Authorization', as('support-agent')).send({ to: 'resolved', note: '人工处理' })).status).toBe(200);
    await tickets.resolve(opened.id, event('resolved', '2026-11-29T02:10:00.000Z'));
    const after = await read(opened.id);
    expect(after.body.ticket.state).toBe('resolved');
    expect(after.body.comments.filter((c: any) => /告警已恢复/.test(c.body))).toHaveLength(1);
  });
});
