import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { hostileBody, hostileString } from '../support/hostile.js';
import { MatrixFixtures, type Target } from '../support/matrix-fixtures.js';
import { servedRoutes } from '../support/route-table.js';

/** Per route: with ~55 routes, a few hundred requests that each check the footprint before and after. */
const RUNS = 8;

/** Query parameters some route reads, and what breaks a careless one. */
const QUERY_KEYS = [
  'version',
  'asOf',
  'after',
  'waitMs',
  'page',
  'pageSize',
  'year',
  'unit',
  'department',
  'state',
  'queue',
  'q',
  'sort',
  'order',
  'from',
  'to',
  'format',
  'unread',
  'declarationId',
  'level1',
  'kind',
  'duplicates',
  'only',
  'opinions',
  'position',
  'treeSize',
] as const;
const NUMBERS = ['2147483648', '99999999999999999999', '-1', '0', '1e3', '0x10', ' 1', '1.5', 'NaN', 'Infinity'];
const queryValue = fc.oneof(
  fc.constantFrom(...NUMBERS, '2025-13-45T25:61:00Z', '1-1', '9-99999999999999999999', 'mine', 'skip'),
  hostileString,
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString), queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
const headers = fc.record(
  {
    'If-Match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"2"', '"99999999999"', '"-1"', ''), hostileString),
    'Idempotency-Key': fc.oneof(fc.constantFrom('k-1', 'x'.repeat(300), ''), hostileString),
    'Accept-Language': fc.constantFrom('en', 'zh-CN', 'en;q=0.1, zh', '*', 'xx-ÿÿ'),
    'X-Correlation-Id': hostileString,
    'Content-Type': fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ),
  },
  { requiredKeys: [] },
);

describe('every route, fuzzed in its path, query, headers and body: never a 5xx, and a refusal writes nothing', () => {
  const api = useApi({ LOGIN_MAX_FAILURES_PER_USERNAME: '1000', LOGIN_MAX_FAILURES_PER_IP: '0' });
  let tokens: Record<string, string>;
  let fixtures: MatrixFixtures;
  let declaration: Target;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    fixtures = new MatrixFixtures(api.app, tokens, api.config, { watchImports: true });
    declaration = await fixtures.declaration('own', 'draft', true);
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  /** A path parameter: the real one of a fixture sometimes, so the request gets past the lookup. */
  const param = (name: string) =>
    fc.oneof(
      fc.constant(
        (
          { ':indicatorId': declaration.indicatorId, ':name': 'declarations', ':year': '2033' } as Record<
            string,
            string
          >
        )[name] ?? declaration.id,
      ),
      fc.constantFrom('00000000-0000-4000-8000-000000000000', '2147483648', '..', '%00', '1e309'),
      hostileString,
    );

  const routes = () => servedRoutes(api.app).filter((route) => !route.includes('/docs'));

  it('answers every route with a status below 500, and writes nothing when it refuses', async () => {
    for (const route of routes()) {
      const [method, template] = route.split(' ') as [string, string];
      const names = template.match(/:[A-Za-z]+/g) ?? [];
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...names.map(param)),
          query,
          headers,
          hostileBody(['comment', 'name', 'target', 'annualGoal', 'role', 'username', 'password']),
          fc.constantFrom('admin', 'budget-officer', 'preparer', 'dept-reviewer', 'auditor', null),
          async (values, search, sent, body, caller) => {
            let path = template;
            names.forEach((name, at) => (path = path.replace(name, encode(values[at]!))));
            const before = await fixtures.footprint();
            let call = http()[method.toLowerCase() as 'get'](`${path}${search ? `?${search}` : ''}`);
            if (caller) call = call.set(bearer(tokens[caller]!));
            for (const [header, value] of Object.entries(sent)) call = call.set(header, encodeHeader(value));
            const response = method === 'GET' ? await call : await call.send(body);
            if (response.status >= 500) {
              throw new Error(`${response.status} for ${method} ${path}?${search}: ${response.text.slice(0, 300)}`);
            }
            if (response.status >= 400 && response.status !== 404) {
              expect(response.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
            }
            if (response.status >= 400) expect(await fixtures.footprint()).toBe(before);
          },
        ),
        { numRuns: RUNS },
      );
    }
    // One test over every route: its time grows with the routes (~60 now), beyond the tier's 60 s default.
  }, 240_000);
});

/** A header carries bytes: what a client would send for this text (UTF-8 bytes, line breaks dropped). */
function encodeHeader(value: string): string {
  return (
    Buffer.from(value, 'utf8')
      .toString('latin1')
      // eslint-disable-next-line no-control-regex -- a header cannot carry them
      .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '')
  );
}

/** Percent-encodes the UTF-8 bytes of any string, lone surrogates included (they become U+FFFD). */
function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}
