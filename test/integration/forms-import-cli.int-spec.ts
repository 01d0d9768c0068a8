import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { DeclarationsProjection } from '@app/declarations';
import { seedIdentity } from '@app/identity';
import type { CheckedParseOutput } from '@app/imports';
import { forms, type Output } from '../../apps/cli/src/forms.js';
import { testConfig } from '../support/app.js';
import { BAD_FILES, eventCount, FORMS_FILE, formsOfUnits } from '../support/forms.js';
import { usePostgres } from '../support/postgres.js';
import { catchUpFully } from '../support/read-models.js';
import { PostgresEventStore } from '@app/event-store';
import { testKeys } from '../support/keys.js';

/** Runs `npm run cli -- forms …` in-process, capturing what it prints. */
async function cli(config: AppConfig, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const printed = { out: '', err: '' };
  const io: Output = { out: (t) => void (printed.out += t), err: (t) => void (printed.err += t) };
  const code = await forms(config, args, io);
  return { code, ...printed };
}

describe('npm run cli -- forms', () => {
  const pg = usePostgres(4);
  let config: AppConfig;
  let dir: string;

  beforeAll(async () => {
    config = testConfig(pg.database.url);
    dir = await mkdtemp(join(tmpdir(), 'pta-forms-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('parse', () => {
    it('prints every form as JSON in file order, amounts in yuan, with the reader’s and the year’s findings', async () => {
      const { code, out, err } = await cli(config, 'parse', FORMS_FILE);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const parsed = JSON.parse(out) as CheckedParseOutput[];
      expect(parsed).toHaveLength(33);
      expect(parsed.map((f) => f.index)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
      expect(parsed[1]).toMatchObject({ projectName: '劳动关系共建', funds: { annualTotal: 464000 } });
      expect(parsed[1]!.indicators[0]).toEqual({
        level1: '成本指标',
        level2: '经济成本指标',
        name: '测评服务费单价',
        target: '≤0.08(万元/家)',
        comparator: '≤',
        value: 0.08,
        unit: '万元/家',
      });
      const codes = (index: number) => parsed[index - 1]!.findings.map((f) => f.code);
      expect(codes(25)).toContain('COST_INDICATOR_MISSING'); // the reader and the checks both see it: once
      expect(codes(25).filter((c) => c === 'COST_INDICATOR_MISSING')).toHaveLength(1);
      expect(codes(19)).toContain('OUTPUT_COVERAGE_INCOMPLETE'); // only the year's checks see this
    });

    it.each(BAD_FILES)('refuses %s with a clear error and prints nothing on stdout', async (_, bytes, errorCode) => {
      const file = join(dir, 'bad.txt');
      await writeFile(file, bytes);
      const { code, out, err } = await cli(config, 'parse', file);
      expect({ code, out }).toEqual({ code: 65, out: '' });
      expect(err).toContain(errorCode);
    });

    it('says so when the file is missing or the command is incomplete', async () => {
      expect((await cli(config, 'parse', join(dir, 'nowhere.txt'))).code).toBe(66);
      expect((await cli(config, 'parse')).code).toBe(64);
      expect((await cli(config, 'export', FORMS_FILE)).code).toBe(64);
    });
  });

  describe('import', () => {
    it('asks for the seed when there is no admin to act as, and writes nothing', async () => {
      const { code, err } = await cli(config, 'import', FORMS_FILE);
      expect(code).toBe(1);
      expect(err).toContain('npm run cli -- seed');
      expect(await eventCount(pg.dataSource)).toBe(0);
    });

    it('drafts all 33 forms as the first admin, with progress on stderr and the report on stdout', async () => {
      await seedIdentity(pg.dataSource, 'test', new PostgresEventStore(pg.dataSource, testKeys()));
      const { code, out, err } = await cli(config, 'import', FORMS_FILE);
      expect(code).toBe(0);
      expect(err).toContain('[1/33] 网络信息系统运行与维护 … created');
      expect(err).toContain('[33/33] 辅助业务管理与支持 … created');
      expect(err).toContain('33 created, 0 skipped');
      const report = JSON.parse(out);
      expect(report).toMatchObject({ created: 33, skipped: 0, fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(report.forms[0]).toMatchObject({ index: 1, status: 'created', unit: { id: 'sj-hrss-bureau' } });
      expect(await eventCount(pg.dataSource)).toBe(33);
    });

    it('creates nothing the second time, and says so', async () => {
      const { code, out, err } = await cli(config, 'import', FORMS_FILE);
      expect(code).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ created: 0, skipped: 33 });
      expect(err).toContain('[2/33] 劳动关系共建 … skipped');
      expect(err).toContain('imported before, nothing new');
      expect(await eventCount(pg.dataSource)).toBe(33);
    });

    it('refuses a preparer another unit’s forms, naming them, and writes nothing', async () => {
      const file = join(dir, 'employment.txt');
      await writeFile(
        file,
        formsOfUnits((unit) => unit.includes('就业促进中心')),
      );
      const { code, out, err } = await cli(config, 'import', file, '--as', 'preparer');
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toContain('nothing was imported');
      expect(err).toContain('forms[0].implementingUnit');
      expect(await eventCount(pg.dataSource)).toBe(33);
    });

    it('with --only-mine --skip-duplicates takes the preparer’s forms of the whole file and leaves out the duplicates', async () => {
      await catchUpFully(pg.dataSource, new DeclarationsProjection()); // the worker keeps it in a deployment
      const file = join(dir, 'all-again.txt');
      await writeFile(file, Buffer.concat([await readFile(FORMS_FILE), Buffer.from('\n')])); // other bytes, same forms
      const { code, out, err } = await cli(
        config,
        'import',
        file,
        '--as',
        'preparer',
        '--only-mine',
        '--skip-duplicates',
      );
      expect(code).toBe(0);
      const report = JSON.parse(out);
      expect(report).toMatchObject({ created: 0, skipped: 0, duplicates: 15 });
      expect(report.notYours).toHaveLength(18);
      expect(report.forms.every((f: { status: string }) => f.status === 'duplicate')).toBe(true);
      expect(err).toContain('15 left out as possible duplicates, 18 not yours');
      expect(await eventCount(pg.dataSource)).toBe(33);
    });

    it('with --only-mine alone drafts the preparer’s forms, each flagged with the declaration it may duplicate', async () => {
      const file = join(dir, 'all-once-more.txt');
      await writeFile(file, Buffer.concat([await readFile(FORMS_FILE), Buffer.from('\n\n')]));
      const { code, out } = await cli(config, 'import', file, '--as', 'preparer', '--only-mine');
      expect(code).toBe(0);
      const report = JSON.parse(out);
      expect(report).toMatchObject({ created: 15, duplicates: 0 });
      expect(report.forms.every((f: { possibleDuplicateOf: string[] }) => f.possibleDuplicateOf.length === 1)).toBe(
        true,
      );
      expect(await eventCount(pg.dataSource)).toBe(48);
    });

    it('refuses a bad file before writing anything', async () => {
      const file = join(dir, 'empty.txt');
      await writeFile(file, '');
      const { code, err } = await cli(config, 'import', file);
      expect(code).toBe(65);
      expect(err).toContain('FORM_FILE_EMPTY');
      expect(await eventCount(pg.dataSource)).toBe(48);
    });
  });
});
