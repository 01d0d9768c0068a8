import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { readFormsText, workbookOf } from '@app/forms';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { formsBytes, formsOfUnits } from '../support/forms.js';
import { MatrixFixtures } from '../support/matrix-fixtures.js';

const RUNS = 30;

/** The uploads a unit could send by mistake or on purpose: every one is read before anything is queued. */
describe('fuzzing POST /imports: a bad file is a 400 (or 403), never a 500, and queues nothing', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  let fixtures: MatrixFixtures;
  const text = formsBytes().toString('utf8');
  const lines = text.split('\n');

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    fixtures = new MatrixFixtures(api.app, tokens, api.config);
  });

  afterAll(async () => {
    await fixtures?.close();
  });

  async function upload(bytes: Uint8Array, who = 'admin', name = 'forms.txt'): Promise<number> {
    const before = await fixtures.footprint();
    const response = await request(api.app.getHttpServer())
      .post('/imports')
      .set(bearer(tokens[who]!))
      .attach('file', Buffer.from(bytes), name);
    if (response.status >= 500) throw new Error(`${response.status}: ${response.text.slice(0, 300)}`);
    // 413: a flipped byte can make a zip claim more than the inflated-size cap.
    expect([202, 400, 403, 413]).toContain(response.status);
    if (response.status !== 202) {
      expect(response.body).toMatchObject({ code: expect.any(String), errors: expect.any(Array) });
      expect(await fixtures.footprint()).toBe(before);
    }
    return response.status;
  }

  it('reads the real file, as a baseline', async () => {
    expect(await upload(formsBytes())).toBe(202);
  });

  it('answers arbitrary bytes, with or without a zip header', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4_000 }),
      fc.uint8Array({ maxLength: 4_000 }).map((tail) => Uint8Array.from([...zip, ...tail])),
      fc.string({ unit: 'binary', maxLength: 2_000 }).map((s) => Buffer.from(s, 'utf8')),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => void (await upload(b))),
      { numRuns: RUNS },
    );
  });

  it('answers the real export shuffled, cut anywhere, or with cells swapped', async () => {
    const cells = [...new Set(lines.flatMap((line) => line.split('\t')))];
    const mangled = fc.oneof(
      fc.tuple(fc.shuffledSubarray(lines), fc.nat(text.length)).map(([kept, cut]) => kept.join('\n').slice(0, cut)),
      fc
        .array(fc.tuple(fc.nat(lines.length - 1), fc.constantFrom(...cells)), { minLength: 1, maxLength: 30 })
        .map((swaps) => {
          const copy = [...lines];
          for (const [at, cell] of swaps) copy[at] = `${cell}\t${copy[at]!.split('\t').slice(1).join('\t')}`;
          return copy.join('\n');
        }),
    );
    await fc.assert(
      fc.asyncProperty(mangled, async (t) => void (await upload(Buffer.from(t)))),
      { numRuns: RUNS },
    );
  });

  it('answers a real workbook with bytes flipped or cut off', async () => {
    const workbook = await workbookOf(readFormsText(text).slice(0, 3));
    const damage = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(damage, async ([flips, cut]) => {
        const bytes = Buffer.from(workbook);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        await upload(bytes.subarray(0, flips.length % 2 === 0 ? bytes.length : cut % bytes.length));
      }),
      { numRuns: RUNS },
    );
  });

  it('takes any file name without tripping over it', async () => {
    const own = formsOfUnits((unit) => unit.includes('本级'));
    const names = ['a\u0000b.txt', '../../etc/passwd', `${'长'.repeat(500)}.txt`, "'; DROP TABLE events; --", ''];
    const statuses = [];
    for (const name of names) statuses.push(await upload(own, 'preparer', name));
    // A NUL breaks the multipart header, and a part without a file name is a field, not a file: both 400.
    expect(statuses).toEqual([400, 202, 202, 202, 400]);
  });

  it('refuses a whole file when a cell is too long to keep, naming the form and the field', async () => {
    // A level label of thousands of characters could not be indexed by the read models. (The reader
    // takes a cell that long for the indicator's name; either way it is refused.)
    const poisoned = text.replace('产出指标', '产出指标'.repeat(1_500));
    const response = await request(api.app.getHttpServer())
      .post('/imports')
      .set(bearer(tokens.admin!))
      .attach('file', Buffer.from(poisoned, 'utf8'), 'forms.txt');
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({
        path: expect.stringMatching(/^forms\[0\]\.indicators\[\d+\]\.(level1|level2|name)$/),
        code: 'TOO_LONG',
      }),
    );
    expect(await upload(Buffer.from(poisoned, 'utf8'))).toBe(400);
  });

  it('refuses a preparer another unit’s forms and a reviewer any, whatever the bytes', async () => {
    expect(await upload(formsBytes(), 'preparer')).toBe(403);
    expect(await upload(formsBytes(), 'dept-reviewer')).toBe(403);
    expect(await upload(Buffer.from('garbage'), 'auditor')).toBe(403);
  });
});
