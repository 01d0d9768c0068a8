import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useApi } from '../support/app.js';

describe('the API process', () => {
  const api = useApi();
  const http = () => request(api.app.getHttpServer());

  it('is live', async () => {
    await http().get('/health/live').expect(200, { status: 'ok' });
  });

  it('is ready when PostgreSQL and Redis answer', async () => {
    const response = await http().get('/health/ready').expect(200);
    // 2027 ships without its holidays: ready, with a warning saying so.
    expect(response.body).toEqual({
      status: 'ok',
      down: [],
      checks: { postgres: 'up', redis: 'up' },
      warnings: [expect.stringMatching(/^HOLIDAYS_MISSING 2027: /)],
    });
  });

  it('gives every response a correlation id, keeping a sane one the caller sent', async () => {
    const mine = await http().get('/health/live').set('X-Correlation-Id', 'trace-123').expect(200);
    expect(mine.headers['x-correlation-id']).toBe('trace-123');
    const fresh = await http().get('/health/live').expect(200);
    expect(fresh.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await http().get('/health/live').set('X-Correlation-Id', 'a b; drop table').expect(200);
    expect(hostile.headers['x-correlation-id']).not.toBe('a b; drop table');
  });

  it('serves the OpenAPI document at /docs', async () => {
    await http().get('/docs').expect(200).expect('Content-Type', /html/);
    const document = await http().get('/docs/openapi.json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it('exposes Prometheus metrics, including request latency', async () => {
    await http().get('/health/live');
    const metrics = await http()
      .get('/metrics')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\}/,
    );
  });

  it('answers unknown routes and malformed JSON in the one error shape', async () => {
    const missing = await http().get('/no/such/route').expect(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: '未找到', errors: [] });
    const malformed = await http()
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_REQUEST', errors: [] });
  });

  it('refuses an oversized body with 413 in the same shape', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
    const response = await http().post('/health/live').set('Content-Type', 'application/json').send(big).expect(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('the API process with Redis unreachable', () => {
  const api = useApi({ REDIS_URL: 'redis://127.0.0.1:1/0', HEALTH_TIMEOUT_MS: '500' });

  it('says 503 on /health/ready and names Redis as what is down', async () => {
    const response = await request(api.app.getHttpServer()).get('/health/ready').expect(503);
    expect(response.body).toEqual({
      status: 'unavailable',
      down: ['redis'],
      checks: { postgres: 'up', redis: 'down' },
      warnings: [expect.stringMatching(/^HOLIDAYS_MISSING 2027: /)],
    });
  });

  it('stays live', async () => {
    await request(api.app.getHttpServer()).get('/health/live').expect(200);
  });
});
