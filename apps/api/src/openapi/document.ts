import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
import { errorSchema, jsonSchemaOf, NAMED_SCHEMAS } from './decorators.js';

export const SESSION_COOKIE = 'pta_session';

/** The service's OpenAPI document: every route's parameters, bodies, answers, errors and headers. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('绩效目标申报审核 · Performance-target approval service')
    .setDescription(
      '财政项目支出绩效目标申报表：申报、审核流程与审计留痕。' +
        ' Declarations, the approval workflow and the audit trail. Errors share one shape (Error); ' +
        'a declaration’s ETag is its version, sent back as If-Match.',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addServer('/', 'This service')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /auth/token' })
    .addCookieAuth(SESSION_COOKIE, {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'POST /auth/session (the console); writes also need X-CSRF-Token and a same-origin Origin',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  jsonSchemaOf(errorSchema);
  const named = Object.fromEntries([...NAMED_SCHEMAS].sort(([a], [b]) => a.localeCompare(b)));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...named } };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      // Every authenticated route takes either way of signing in; a public one says it needs none.
      operation.security = operation.security?.length ? [{ bearer: [] }, { cookie: [] }] : [];
    }
  }
  return document;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * What a complete document needs of every operation: a summary, a success answer with a body
 * schema (or a file), and error answers. A new route without them fails `npm run openapi:check`
 * and the unit test of the document.
 */
export function documentProblems(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${name}: no summary (@ApiOperation)`);
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) problems.push(`${name}: no success response (@Answers)`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const content = (response as { content?: Record<string, { schema?: object }> }).content;
        if (!content || Object.values(content).some((media) => !media.schema)) {
          problems.push(`${name}: the ${status} response has no schema (@Answers)`);
        }
      }
      // A route that takes no sign-in and no input (health, logout) has no error of its own.
      const takesInput = Boolean(operation.security?.length) || Boolean(operation.requestBody);
      if (takesInput && !responses.some(([status]) => /^4\d\d$/.test(status))) {
        problems.push(`${name}: no error response (@Fails)`);
      }
    }
  }
  return problems;
}
