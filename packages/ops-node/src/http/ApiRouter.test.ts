import express from 'express';
import request from 'supertest';
import { createPermission } from '@backstage/plugin-permission-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ApiError } from './ApiError';
import { createApiRouter } from './ApiRouter';
import { readRawBody } from './rawBody';
import { parseInput } from './validate';
import { z } from 'zod';

const readPerm = createPermission({ name: 'test.read', attributes: { action: 'read' } });
const writePerm = createPermission({ name: 'test.write', attributes: { action: 'update' } });

function app(allowed: string[]) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(r => ({ result: allowed.includes((r as any).permission.name) ? ('ALLOW' as any) : ('DENY' as any) })),
  );
  const api = createApiRouter({ httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }), permissions, logger: mockServices.logger.mock() });
  api.route({ method: 'get', path: '/things', access: { permissions: [readPerm, writePerm] } }, async ctx => ({
    read: ctx.granted(readPerm),
    write: ctx.granted(writePerm),
    actor: ctx.actor,
  }));
  api.route({ method: 'post', path: '/things', access: { permissions: [writePerm] } }, async ctx => {
    const body = parseInput(z.object({ name: z.string().min(1) }), ctx.req.body);
    if (body.name === 'dup') throw new ApiError('CONFLICT', 'exists');
    if (body.name === 'boom') throw new Error('secret internal detail');
    return { status: 201, body };
  });
  api.route({ method: 'post', path: '/upload', access: { public: true } }, async ctx => ({ size: (await readRawBody(ctx.req, 10)).length }));
  const e = express();
  e.use(api.router);
  return { e, api };
}

describe('createApiRouter', () => {
  const auth = { Authorization: mockCredentials.user.header('user:default/alice') };

  it('records every route with its access rule', () => {
    expect(app([]).api.routes().map(r => `${r.method} ${r.path}`)).toEqual(['get /things', 'post /things', 'post /upload']);
  });

  it('refuses a caller holding none of the permissions with 403 FORBIDDEN', async () => {
    const res = await request(app([]).e).get('/things').set(auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('tells the handler which permissions were granted', async () => {
    const res = await request(app(['test.read']).e).get('/things').set(auth);
    expect(res.body).toEqual({ read: true, write: false, actor: 'user:default/alice' });
  });

  it('answers 401 to anonymous callers of protected routes', async () => {
    const res = await request(app(['test.read']).e).get('/things');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('maps validation errors, malformed JSON, API errors and unknown errors', async () => {
    const { e } = app(['test.write']);
    expect((await request(e).post('/things').set(auth).send({})).body.error.code).toBe('VALIDATION_FAILED');
    const malformed = await request(e).post('/things').set(auth).set('Content-Type', 'application/json').send('{"name":');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await request(e).post('/things').set(auth).send({ name: 'dup' })).status).toBe(409);
    const boom = await request(e).post('/things').set(auth).send({ name: 'boom' });
    expect([boom.status, boom.body.error.code]).toEqual([500, 'INTERNAL']);
    expect(JSON.stringify(boom.body)).not.toContain('secret');
    const ok = await request(e).post('/things').set(auth).send({ name: 'x' });
    expect([ok.status, ok.body]).toEqual([201, { name: 'x' }]);
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const res = await request(app(['test.write']).e).post('/things').set(auth).send({ name: 'x'.repeat(300_000) });
    expect([res.status, res.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('streams raw bodies with a hard size limit', async () => {
    const { e } = app([]);
    const small = await request(e).post('/upload').set('Content-Type', 'application/octet-stream').send(Buffer.alloc(10));
    expect(small.body).toEqual({ size: 10 });
    const big = await request(e).post('/upload').set('Content-Type', 'application/octet-stream').send(Buffer.alloc(11));
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('throttles anonymous callers of costly public routes (429 with Retry-After); signed-in callers and other routes are not limited', async () => {
    const api = createApiRouter({ httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }), permissions: mockServices.permissions.mock(), logger: mockServices.logger.mock(), anonymousPerMinute: 2 });
    let handled = 0;
    api.route({ method: 'post', path: '/verify', access: { public: true, throttled: true } }, async () => ({ n: ++handled }));
    api.route({ method: 'get', path: '/lookup', access: { public: true } }, async () => ({ ok: true }));
    const e = express();
    e.use(api.router);
    expect((await request(e).post('/verify')).status).toBe(200);
    expect((await request(e).post('/verify')).status).toBe(200);
    const third = await request(e).post('/verify');
    expect([third.status, third.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(handled).toBe(2);
    expect((await request(e).post('/verify').set(auth)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await request(e).get('/lookup')).status).toBe(200);
  });
});
