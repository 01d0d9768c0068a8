import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI document is written from the same zod schemas the API validates with (requests) and
 * answers with (responses), so the document and the code cannot drift. A route declares what it
 * answers with @Answers and how it fails with @Fails; `checkDocument` refuses a route without both.
 */

/** The one error shape (src/http/error.filter.ts); some errors add details such as `currentVersion`. */
export const errorSchema = z
  .object({
    code: z.string().meta({ description: 'Stable machine code, e.g. VERSION_MISMATCH' }),
    message: z.string(),
    errors: z.array(
      z.object({
        path: z.string().meta({ description: 'The field, e.g. indicators[6].target' }),
        code: z.string(),
        message: z.string(),
      }),
    ),
  })
  .catchall(z.unknown())
  .meta({ id: 'Error' });

const ERROR_MEANING: Record<number, string> = {
  400: '输入有误 · Invalid input (VALIDATION_FAILED, MALFORMED_REQUEST); errors[] names each field',
  401: '未登录 · Not signed in (UNAUTHENTICATED)',
  403: '无权操作 · Not allowed for this role or person (FORBIDDEN)',
  404: '不存在或无权查看 · Unknown or outside your scope (NOT_FOUND)',
  409: '状态冲突 · Not allowed in this state, or already exists (DECLARATION_ILLEGAL_TRANSITION, CONFLICT, DECLARATION_NOT_CONFIRMED)',
  412: '已被他人修改 · Stale If-Match (VERSION_MISMATCH, with currentVersion)',
  413: '内容过大 · Body or upload too large (PAYLOAD_TOO_LARGE)',
  422: '无法处理 · Blocking findings, a reused Idempotency-Key or a missing calendar',
  428: '缺少 If-Match · If-Match required (PRECONDITION_REQUIRED)',
  429: '尝试过多 · Too many failed sign-ins, or too many uploads being read (TOO_MANY_REQUESTS, Retry-After)',
  503: '暂不可用 · A dependency did not answer, or a record cannot be shown (SERVICE_UNAVAILABLE, READ_MODEL_LAGGING, DECLARATION_UNREADABLE)',
};
export type ErrorStatus = keyof typeof ERROR_MEANING;

/** The errors every authenticated route can answer. */
const SIGNED_IN = [401, 503] as const;

type Headers = Record<string, { description: string; schema: { type: 'string' } }>;
const header = (description: string) => ({ description, schema: { type: 'string' as const } });

export const RESPONSE_HEADERS = {
  etag: header('The declaration’s version, e.g. "5": send it back as If-Match'),
  logPosition: header('Where the write’s last event sits in the log (txid-position): pass as ?after='),
  readModelPosition: header('How far the read model has applied the log'),
  location: header('Where the created resource (or the import’s progress) can be read'),
  replayed: header('true when an Idempotency-Key repeat returned the first answer'),
} as const;

/**
 * Named schemas (`.meta({ id })`) met while the routes were decorated; the document puts them in
 * components.schemas, where every `$ref` points.
 */
export const NAMED_SCHEMAS = new Map<string, object>();

/** The JSON Schema (2020-12, as OpenAPI 3.1 takes it) of a zod schema, its named parts hoisted. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  const rewritten = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<
    string,
    unknown
  > & { $defs?: Record<string, object>; $schema?: string };
  for (const [id, definition] of Object.entries(rewritten.$defs ?? {})) NAMED_SCHEMAS.set(id, definition);
  const { $defs: _defs, $schema: _schema, ...rest } = rewritten;
  if (typeof rest.id === 'string' && !('$ref' in rest)) {
    // The schema is itself named: stored once, referred to here.
    const { id, ...definition } = rest;
    NAMED_SCHEMAS.set(id, definition);
    return { $ref: `#/components/schemas/${id}` };
  }
  return rest;
}

/** The success answer of a route: its status, its body's schema (or a file type) and its headers. */
export function Answers(
  status: number,
  body: z.ZodType | { file: string[] },
  description: string,
  headers: (keyof typeof RESPONSE_HEADERS)[] = [],
): MethodDecorator & ClassDecorator {
  const responseHeaders: Headers = Object.fromEntries(
    headers.map((name) => [headerName(name), RESPONSE_HEADERS[name]]),
  );
  if ('file' in body) {
    return applyDecorators(
      ApiProduces(...body.file),
      ApiResponse({ status, description, headers: responseHeaders, schema: { type: 'string', format: 'binary' } }),
    );
  }
  return ApiResponse({ status, description, headers: responseHeaders, schema: jsonSchemaOf(body) });
}

function headerName(name: keyof typeof RESPONSE_HEADERS): string {
  const names = {
    etag: 'ETag',
    logPosition: 'X-Log-Position',
    readModelPosition: 'X-Read-Model-Position',
    location: 'Location',
    replayed: 'Idempotent-Replayed',
  };
  return names[name];
}

/** The error statuses a route can answer besides 401 and 503, all with the one error shape. */
export function Fails(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...new Set([...statuses, ...SIGNED_IN])].map((status) =>
      ApiResponse({ status, description: ERROR_MEANING[status], schema: { $ref: '#/components/schemas/Error' } }),
    ),
  );
}

/** Errors of a public route (no 401). */
export function PublicFails(...statuses: ErrorStatus[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_MEANING[status], schema: { $ref: '#/components/schemas/Error' } }),
    ),
  );
}

/** Every parameter of a query schema (a zod object, possibly refined) as an OpenAPI query parameter. */
export function QueryFrom(schema: z.ZodType, descriptions: Record<string, string> = {}): MethodDecorator {
  const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property, description: descriptions[name] }),
    ),
  );
}

export const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: true,
  description: '你所修改的版本 · The version you are changing (the ETag, e.g. "5"); stale → 412, missing → 428',
});
export const IDEMPOTENCY_KEY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    '重复提交只生效一次 · A repeat with the same key returns the first answer (1–200 of A-Z a-z 0-9 . _ : -)',
});
