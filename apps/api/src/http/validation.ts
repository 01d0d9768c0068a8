import { Injectable, type PipeTransform } from '@nestjs/common';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { AppError, hasBidiControl, isMessageKey, say, type FieldError, type MessageKey } from '@app/platform';

/** Validates a request body (or query) against a zod schema; failures become one 400 with every bad field. */
@Injectable()
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    // reportInput: tells a missing field (REQUIRED) from one of the wrong type (INVALID_TYPE).
    const result = this.schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      throw new AppError('VALIDATION_FAILED', undefined, toFieldErrors(result.error.issues));
    }
    const unstorable = unstorableText(result.data);
    if (unstorable.length > 0) throw new AppError('VALIDATION_FAILED', undefined, unstorable);
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
    const fault = value.includes('\0') || LONE_SURROGATE.test(value) ? say('field.nulOrSurrogate') : null;
    const message = fault ?? (hasBidiControl(value) ? say('field.bidiControl') : null);
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
        message: say('field.UNKNOWN_FIELD', { field: key }),
      }));
    }
    const code = codeOf(issue);
    return [{ path: formatPath(issue.path), code, message: textOf(issue, code) }];
  });
}

/** The catalogue's words for an issue: by its code, with the bound it broke (zod's own texts are English). */
function textOf(issue: z.core.$ZodIssue, code: string): FieldError['message'] {
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    if (issue.origin === 'string' && issue.code === 'too_small' && bound === 1) return say('field.BLANK');
    const key =
      issue.origin === 'array' ? (issue.code === 'too_small' ? 'field.TOO_FEW' : 'field.TOO_MANY') : `field.${code}`;
    return say(key as MessageKey, { minimum: bound, maximum: bound });
  }
  // A refinement may carry its own words (`params.text`, from the catalogue).
  const own = issue.code === 'custom' ? (issue.params?.text as FieldError['message'] | undefined) : undefined;
  return own ?? say(isMessageKey(`field.${code}`) ? (`field.${code}` as MessageKey) : 'field.INVALID');
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
