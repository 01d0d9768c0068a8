import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AppError } from '@app/platform';
import { validated } from './validation.js';

describe('validating a request against its schema', () => {
  const pipe = validated(z.object({ name: z.string(), tags: z.array(z.string()).optional() }).strict());

  it('passes text PostgreSQL can store, astral characters included', () => {
    expect(pipe.transform({ name: '绩效 𠀀 😀', tags: ['a'] })).toEqual({ name: '绩效 𠀀 😀', tags: ['a'] });
  });

  it.each([
    ['a NUL', { name: 'a\u0000b' }, 'name'],
    ['a lone high surrogate', { name: 'ok', tags: ['x', 'a\ud800'] }, 'tags[1]'],
    ['a lone low surrogate', { name: '\udc00' }, 'name'],
  ])('refuses %s as a bad field (400), not a database error (500)', (_, body, path) => {
    expect(() => pipe.transform(body)).toThrow(AppError);
    try {
      pipe.transform(body);
    } catch (error) {
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).errors).toEqual([expect.objectContaining({ path, code: 'INVALID_CHARACTERS' })]);
    }
  });
});
