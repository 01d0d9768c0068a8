import fc from 'fast-check';

/** Strings that have broken services: SQL and LIKE syntax, NUL, lone surrogates, markup, astral characters. */
export const NASTY_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE events; --",
  ';DROP TABLE events;',
  '%',
  '_',
  '\\',
  '%_\\%',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '😀',
  '𠀀',
  '\u202e',
  '<script>alert(1)</script>',
  '${7*7}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '   ',
  '',
  '=1+1',
  '１２３',
  '¥1,000.005',
  '-0',
  'NaN',
  '1e309',
] as const;

/** One of each kind, for sweeping every field of every body deterministically. */
export const SWEEP_STRINGS = [
  "' OR 1=1 --",
  '%_\\%',
  'a\u0000b',
  '\ud800',
  '__proto__',
  'constructor',
  '𠀀😀',
  '   ',
  '1e309',
  '长'.repeat(6_000),
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Any string a client could send, leaning on the troublesome ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc
    .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 3 }), loneSurrogate, fc.constant('\u0000')))
    .map((parts) => parts.join('')),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => '长'.repeat(length)),
);

/** Any JSON value, with hostile strings and numbers in it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.001, 123.456, 1e-7, true, false, null),
  fc.array(hostileString, { maxLength: 3 }),
);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * A JSON body for an endpoint whose schema has `keys`: anything at all, objects with the right keys
 * and wrong values, objects with prototype-polluting keys, and (most often) `valid` with one field
 * made hostile, so that the hostile value gets past the other fields' checks.
 * Returned as JSON text, so a `__proto__` key is sent as a key.
 */
export function hostileBody(keys: readonly string[], valid: Record<string, unknown> = {}): fc.Arbitrary<string> {
  const key = fc.constantFrom(...keys, ...POLLUTING_KEYS);
  const entries = fc.array(fc.tuple(key, hostileValue), { maxLength: 6 });
  const oneField = fc
    .tuple(fc.constantFrom(...keys), fc.oneof(hostileString, hostileValue))
    .map(([field, value]) => objectText(withField(valid, field, value)));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    entries.map(objectText),
    entries.map((extra) => objectText([...Object.entries(valid), ...extra])),
    fc
      .tuple(fc.constantFrom(...POLLUTING_KEYS), hostileValue)
      .map(([polluting, value]) => objectText([...Object.entries(valid), [polluting, { isAdmin: true, role: value }]])),
    { arbitrary: oneField, weight: 4 },
  );
}

/** `valid` with `field` set to `value` (added if it was not there). */
export function withField(valid: Record<string, unknown>, field: string, value: unknown): [string, unknown][] {
  return [...Object.entries(valid).filter(([key]) => key !== field), [field, value]];
}

/** `{"k":v,…}` built as text: a `__proto__` key stays a key instead of setting the prototype. */
export function objectText(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}
