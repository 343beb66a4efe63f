import express from 'express';
import request from 'supertest';
import { metricsHandler } from './metrics';

describe('metricsHandler', () => {
  it('serves the Prometheus text format', async () => {
    const app = express().get('/metrics', metricsHandler());
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^# TYPE yinxin_process_cpu_user_seconds_total counter$/m);
  });

  it('requires the bearer token when one is configured', async () => {
    const app = express().get('/metrics', metricsHandler({ token: 't0ken' }));
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer t0ken')).status).toBe(200);
  });
});
