import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { AppError, hasBidiControl, type FieldError } from '@app/platform';

/** Validates a request body (or query) against a zod schema; failures become one 400 with every bad field. */
@Injectable()
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    // reportInput: tells a missing field (REQUIRED) from one of the wrong type (INVALID_TYPE).
    const result = this.schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      throw new AppError('VALIDATION_FAILED', 'The request has invalid fields', toFieldErrors(result.error.issues));
    }
    const unstorable = unstorableText(result.data);
    if (unstorable.length > 0) throw new AppError('VALIDATION_FAILED', 'The request has invalid fields', unstorable);
    return result.data;
  }
}

// Half of a UTF-16 surrogate pair (with the u flag a whole pair is one code point, outside this class).
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Strings PostgreSQL cannot store in text or jsonb (a NUL, a lone surrogate), which would otherwise
 * fail the query as a 500, and bidirectional overrides, which make any text read other than it is
 * stored. Walks what the schema let through, so no deeper than a schema goes.
 */
function unstorableText(value: unknown, path: PropertyKey[] = []): FieldError[] {
  if (typeof value === 'string') {
    const fault = value.includes('\0') || LONE_SURROGATE.test(value) ? 'Contains a NUL or an unpaired surrogate' : null;
    const message = fault ?? (hasBidiControl(value) ? 'Contains a bidirectional override character' : null);
    return message === null ? [] : [{ path: formatPath(path), code: 'INVALID_CHARACTERS', message }];
  }
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, inner]) => unstorableText(inner, [...path, key]));
}

export function validated<T>(schema: z.ZodType<T>): ZodPipe<T> {
  return new ZodPipe(schema);
}

/** The same schema, as the OpenAPI body the docs show. */
export function openApiBody(schema: z.ZodType, description?: string): ApiBodyOptions {
  const jsonSchema = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  return { description, schema: jsonSchema } as ApiBodyOptions;
}

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        code: 'UNKNOWN_FIELD',
        message: `Unknown field "${key}"`,
      }));
    }
    return [{ path: formatPath(issue.path), code: codeOf(issue), message: issue.message }];
  });
}

function codeOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
    case 'too_big':
      return issue.origin === 'string' ? 'TOO_LONG' : 'TOO_BIG';
    case 'too_small':
      return issue.origin === 'string' ? 'TOO_SHORT' : 'TOO_SMALL';
    case 'invalid_value':
      return 'INVALID_VALUE';
    case 'invalid_format':
      return 'INVALID_FORMAT';
    case 'custom':
      return typeof issue.params?.code === 'string' ? issue.params.code : 'INVALID';
    default:
      return 'INVALID';
  }
}

/** `['indicators', 3, 'target']` → `indicators[3].target` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}
