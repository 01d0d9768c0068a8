import { describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { pino } from 'pino';
import { loadConfig } from '@app/config';
import { AppModule } from '../app.module.js';
import { documentProblems, openApiDocument } from './document.js';

/** The document of the whole api, built in preview mode: no database, no Redis. */
async function apiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', TOKEN_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config, pino({ level: 'silent' })), {
    preview: true,
    logger: false,
  });
  return openApiDocument(app);
}

describe('the OpenAPI document', () => {
  it('describes every route completely: a summary, a success body schema and its errors', async () => {
    expect(documentProblems(await apiDocument())).toEqual([]);
  });

  it('documents the real statuses, the query parameters and the one error shape', async () => {
    const document = await apiDocument();
    const act = document.paths['/declarations/{id}/{action}']!.post!;
    expect(Object.keys(act.responses)).toEqual(expect.arrayContaining(['200', '412', '428']));
    expect(act.responses['201']).toBeUndefined();
    const list = document.paths['/declarations']!.get!.parameters as { name: string; schema: { type: string } }[];
    expect(list.find((p) => p.name === 'year')?.schema.type).toBe('integer');
    expect(document.paths['/imports']!.post!.responses['202']).toBeDefined();
    expect(document.components?.schemas?.Error).toMatchObject({ required: ['code', 'message', 'errors'] });
  });

  it('names what a route lacks', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/bare': { get: { security: [{ bearer: [] }], responses: { '200': { description: 'ok' } } } },
        '/public': { get: { summary: 'Public', responses: { '204': { description: 'done' } } } },
      },
    } as unknown as OpenAPIObject;
    expect(documentProblems(document)).toEqual([
      'GET /bare: no summary (@ApiOperation)',
      'GET /bare: the 200 response has no schema (@Answers)',
      'GET /bare: no error response (@Fails)',
    ]);
  });
});
