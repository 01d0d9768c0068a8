import { PostgresEventStore } from '@app/event-store';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { CHECK_CODES, type DeclarationContent } from '@app/declarations';
import { readFormsText, type ParsedForm } from '@app/forms';
import { Authentication, Organisations, seedIdentity, Users } from '@app/identity';
import { draftContentOfForm, FormImporter, sha256Of, type ImportReport } from '@app/imports';
import type { Actor } from '@app/identity/roles';
import { openImporter } from '../../apps/cli/src/forms.js';
import { testConfig } from '../support/app.js';
import { BAD_FILES, eventCount, formsBytes } from '../support/forms.js';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

interface EventRow {
  stream_id: string;
  type: string;
  data: { declarationId: string; origin: unknown; unitId: string; content: DeclarationContent };
  metadata: Record<string, unknown>;
}

describe('importing a file of 申报表 (PostgreSQL)', () => {
  const pg = usePostgres(4);
  const bytes = formsBytes();
  const sha = sha256Of(bytes);
  const printed: ParsedForm[] = readFormsText(bytes.toString('utf8'));
  let context: INestApplicationContext;
  let importer: FormImporter;
  const actors: Record<string, Actor> = {};
  const events = () => eventCount(pg.dataSource);

  beforeAll(async () => {
    await seedIdentity(pg.dataSource, 'test', new PostgresEventStore(pg.dataSource, testKeys()));
    const users = new Users(
      pg.dataSource,
      new Organisations(pg.dataSource),
      new PostgresEventStore(pg.dataSource, testKeys()),
    );
    const authentication = new Authentication(pg.dataSource);
    for (const user of await users.list()) actors[user.username] = (await authentication.findCaller(user.id))!.actor;
    context = await openImporter(testConfig(pg.database.url));
    importer = context.get(FormImporter);
  });

  afterAll(async () => {
    await context?.close();
  });

  describe('refusals, before anything is written', () => {
    it.each(BAD_FILES)('refuses %s with a clear error', async (_, file, code) => {
      // The words, rendered in the reader's language when answered.
      await expect(importer.prepare(file, 'bad.txt', actors.admin!)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [
          expect.objectContaining({
            code,
            message: expect.objectContaining({ key: expect.stringMatching(/^formFile\./) }),
          }),
        ],
      });
      expect(await events()).toBe(0);
    });

    it('refuses the whole file when one form names a unit the service does not know', async () => {
      const text = bytes.toString('utf8').replace('上海市松江区劳动人事争议仲裁院', '上海市松江区不存在的中心');
      const refusal = importer.prepare(Buffer.from(text), 'forms.txt', actors.admin!);
      await expect(refusal).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ path: 'forms[15].implementingUnit', code: 'UNKNOWN_UNIT' })],
      });
      expect(await events()).toBe(0);
    });

    it('refuses a preparer a file with another unit’s forms, and an auditor any file', async () => {
      await expect(importer.prepare(bytes, 'forms.txt', actors.preparer!)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        errors: expect.arrayContaining([expect.objectContaining({ code: 'ACTOR_NOT_PREPARER_OF_UNIT' })]),
      });
      await expect(importer.prepare(bytes, 'forms.txt', actors.auditor!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await events()).toBe(0);
    });
  });

  describe('the 33 real forms', () => {
    let first: ImportReport;
    let rows: EventRow[];

    it('finishes an import a crash cut short: what is in is skipped, the rest created', async () => {
      const plan = await importer.prepare(bytes, 'forms.txt', actors.admin!);
      const partial = await importer.run({ ...plan, forms: plan.forms.slice(0, 10) }, actors.admin!);
      expect(partial).toMatchObject({ created: 10, skipped: 0 });
      const progress: string[] = [];
      first = await importer.run(plan, actors.admin!, (done, total, form) => {
        progress.push(`${done}/${total} ${form.status}`);
      });
      expect(first).toMatchObject({ fileSha256: sha, created: 23, skipped: 10 });
      expect(first.forms.slice(0, 10).map((f) => f.declarationId)).toEqual(partial.forms.map((f) => f.declarationId));
      expect(progress).toHaveLength(33);
      expect(progress.at(-1)).toBe('33/33 created');
    });

    it('makes 33 draft declarations, one event each, with every field of the form', async () => {
      rows = await pg.dataSource.query(
        `SELECT stream_id, type, data, metadata FROM events WHERE stream_id NOT LIKE 'user-%' ORDER BY global_position`,
      );
      expect(rows).toHaveLength(33);
      expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['DeclarationDrafted']));
      rows.forEach((row, at) => {
        const { indicators, ...rest } = row.data.content;
        const expected = draftContentOfForm(printed[at]!);
        expect(rest).toEqual(omit(expected, 'indicators'));
        expect(indicators.map(({ id: _, ...fields }) => fields)).toEqual(expected.indicators);
        const { findings, ...origin } = row.data.origin as { findings?: { code: string }[] };
        expect(origin).toEqual({ kind: 'import', fileSha256: sha, formIndex: at + 1 });
        // What the reader saw of the layout travels with the draft; the year's checks run anew.
        for (const f of findings ?? []) expect(CHECK_CODES).not.toContain(f.code);
        expect(row.stream_id).toBe(`declaration-${first.forms[at]!.declarationId}`);
      });
    });

    it('records the file and the form in every event’s metadata', () => {
      rows.forEach((row, at) => {
        expect(row.metadata).toMatchObject({
          actorId: actors.admin!.userId,
          role: 'admin',
          importFileSha256: sha,
          importFormIndex: at + 1,
          commandId: `import:${sha}:${at + 1}`,
        });
      });
    });

    it('keeps funds and indicators exactly as the reader read them (spot checks)', () => {
      const content = (index: number) => rows[index - 1]!.data.content;
      expect(content(2).funds).toEqual({
        projectTotal: null,
        annualTotal: 46_400_000,
        currentYearAppropriation: 46_400_000,
        carryOver: 0,
        otherFunds: 0,
      });
      expect(content(2).indicators[0]).toMatchObject({
        level1: '成本指标',
        name: '测评服务费单价',
        target: '≤0.08(万元/家)',
      });
      for (const index of [1, 13, 18, 25, 27, 29, 33]) {
        expect(content(index).funds).toEqual(printed[index - 1]!.funds);
        expect(content(index).indicators.map((i) => [i.level1, i.level2, i.name, i.target])).toEqual(
          printed[index - 1]!.indicators.map((i) => [i.level1, i.level2, i.name, i.target]),
        );
      }
      // Form 29 prints an indicator without a target: kept as printed, flagged as blocking.
      expect(content(29).indicators.some((i) => i.target === null)).toBe(true);
      expect(first.forms[28]!.findings).toContainEqual(
        expect.objectContaining({ code: 'INDICATOR_TARGET_MISSING', severity: 'blocking' }),
      );
      expect(first.forms[24]!.findings).toContainEqual(expect.objectContaining({ code: 'COST_INDICATOR_MISSING' }));
    });

    it('puts each declaration in the unit its form names', () => {
      const units = new Set(first.forms.map((f) => f.unit.id));
      expect(units).toEqual(
        new Set([
          'sj-hrss-bureau',
          'sj-hrss-arbitration',
          'sj-hrss-employment',
          'sj-hrss-social-security',
          'sj-hrss-talent',
        ]),
      );
      rows.forEach((row, at) => expect(row.data.unitId).toBe(first.forms[at]!.unit.id));
    });

    it('creates nothing when the same file is imported again, by anyone, and says so', async () => {
      const before = await events();
      const users = new Users(
        pg.dataSource,
        new Organisations(pg.dataSource),
        new PostgresEventStore(pg.dataSource, testKeys()),
      );
      const other = await users.create(
        { username: 'second-admin', password: 'second-admin-pw', role: 'admin' },
        SYSTEM,
      );
      const otherAdmin: Actor = { userId: other.id, role: 'admin', unitId: null, departmentId: null };
      for (const actor of [actors.admin!, otherAdmin]) {
        const again = await importer.run(await importer.prepare(bytes, 'forms.txt', actor), actor);
        expect(again).toMatchObject({ created: 0, skipped: 33 });
        expect(again.forms.map((f) => f.declarationId)).toEqual(first.forms.map((f) => f.declarationId));
        expect(again.forms.every((f) => f.status === 'skipped')).toBe(true);
      }
      expect(await events()).toBe(before);
    });

    it('creates each form once when two imports of a new file run at the same time', async () => {
      const before = await events();
      const copy = Buffer.concat([bytes, Buffer.from('\n \n')]);
      const plan = await importer.prepare(copy, 'copy.txt', actors.admin!);
      const [a, b] = await Promise.all([importer.run(plan, actors.admin!), importer.run(plan, actors.admin!)]);
      expect(a.created + b.created).toBe(33);
      expect(a.forms.map((f) => f.declarationId)).toEqual(b.forms.map((f) => f.declarationId));
      expect(await events()).toBe(before + 33);
    });
  });
});

function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = value;
  return rest;
}
