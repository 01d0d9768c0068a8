import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { readFormsText, type ParsedForm } from '@app/forms';
import { Authentication, Users } from '@app/identity';
import { FormImporter, type ImportReport } from '@app/imports';
import { useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';
import { formsBytes } from '../support/forms.js';

/** supertest buffers only text and JSON by itself. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

/** What a sheet prints: the mark beside the year, the funds labels, the indicator table's rows. */
interface Printed {
  mark: ExcelJS.CellValue;
  fundsLabels: ExcelJS.CellValue[];
  /** 一级, 二级, 三级指标 and the target: text, or null for an empty cell. */
  rows: (string | null)[][];
}

function printedOf(sheet: ExcelJS.Worksheet): Printed {
  const at = (address: string) => sheet.getCell(address).value;
  const markCell = sheet.getCell('F2');
  const rows: (string | null)[][] = [];
  for (let row = 13; at(`D${row}`) !== null; row += 1)
    rows.push(['B', 'C', 'D', 'G'].map((c) => at(`${c}${row}`) as string | null));
  return {
    mark: markCell.master.address === 'F2' ? markCell.value : null,
    fundsLabels: ['B6', 'B7', 'B9', 'D6', 'D7', 'D8', 'D9'].map(at),
    rows,
  };
}

const FUNDS_LABELS = [
  '项目资金总额：',
  '其中：财政资金',
  '其他资金',
  '年度资金申请总额：',
  '其中：当年财政拨款',
  '上年结转资金',
  '其他资金',
];
const rowsOf = (form: ParsedForm) =>
  form.indicators.map(({ level1, level2, name, target }) => [level1, level2, name, target]);

/** The repository's rule sets, and a 2024 one whose budget office lists the level 1s the other way round. */
function checksDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'pta-checks-'));
  for (const file of ['2025.json', '2026.json']) {
    copyFileSync(new URL(`../../config/checks/${file}`, import.meta.url), join(directory, file));
  }
  const taxonomy = {
    满意度指标: ['服务对象满意度指标'],
    效益指标: ['社会效益指标', '经济效益指标'],
    产出指标: ['时效指标', '质量指标', '数量指标'],
    成本指标: ['经济成本指标'],
  };
  writeFileSync(join(directory, '2024.json'), JSON.stringify({ taxonomy }));
  return directory;
}

describe('the printed form', () => {
  const checks = checksDirectory();
  const api = useApi({ CHECKS_DIR: checks });
  afterAll(() => rmSync(checks, { recursive: true, force: true }));
  let tokens: Record<string, string>;
  let people: Record<string, ReturnType<typeof client>>;
  const download = (path: string, who = 'auditor') =>
    request(api.app.getHttpServer()).get(path).set(bearer(tokens[who]!)).buffer(true).parse(binary).expect(200);

  async function sheetsOf(path: string, who?: string) {
    const response = await download(path, who);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    return { sheets: workbook.worksheets.map(printedOf), disposition: response.headers['content-disposition'] };
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  describe('of the 33 real forms, imported', () => {
    const forms = readFormsText(formsBytes().toString('utf8'));
    let report: ImportReport;

    beforeAll(async () => {
      const admin = (await api.app.get(Users).list()).find(({ username }) => username === 'admin')!;
      const { actor } = (await api.app.get(Authentication).findCaller(admin.id))!;
      const importer = api.app.get(FormImporter, { strict: false });
      report = await importer.run(await importer.prepare(formsBytes(), 'forms.txt', actor), actor);
    });

    it('prints each as a draft named <unit>-<year>-<project>, indicators in the taxonomy’s order, funds labelled', async () => {
      expect(report.created).toBe(33);
      for (const [at, imported] of report.forms.entries()) {
        const { sheets, disposition } = await sheetsOf(`/declarations/${imported.declarationId}/form.xlsx`);
        const name = `${imported.unit.name}-2025-${forms[at]!.projectName}.xlsx`;
        expect(disposition).toContain(
          `filename*=UTF-8''${encodeURIComponent(name).replace(/\(/gu, '%28').replace(/\)/gu, '%29')}`,
        );
        expect(disposition).toContain(`filename="${imported.unit.id}-2025-${imported.declarationId}.xlsx"`);
        expect(sheets).toEqual([{ mark: '草稿', fundsLabels: FUNDS_LABELS, rows: rowsOf(forms[at]!) }]);
      }
    });

    it('prints each unit’s forms in one workbook, every sheet marked', async () => {
      const units = [...new Set(report.forms.map(({ unit }) => unit.id))];
      expect(units).toHaveLength(5);
      const sheets = [];
      for (const unit of units)
        sheets.push(...(await sheetsOf(`/declarations/form.xlsx?unit=${unit}&year=2025`)).sheets);
      expect(sheets.map(({ mark }) => mark)).toEqual(forms.map(() => '草稿'));
    });
  });

  it('prints an added 成本指标 among the cost indicators, not under 满意度指标 where it was added', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const cost = { level1: '成本指标', level2: '社会成本指标', name: '社会成本', target: '≤1.00(万元)' };
    await people.preparer!.addIndicator(id, versionOf(created), cost).expect(200);
    expect((await people.preparer!.get(id).expect(200)).body.indicators.at(-1)).toMatchObject(cost);
    const [sheet] = (await sheetsOf(`/declarations/${id}/form.xlsx`)).sheets;
    expect(sheet!.rows.map(([level1, level2]) => `${level1}/${level2}`)).toEqual([
      '成本指标/经济成本指标',
      '成本指标/社会成本指标',
      '产出指标/数量指标',
      '产出指标/质量指标',
      '产出指标/时效指标',
      '效益指标/社会效益指标',
      '满意度指标/服务对象满意度指标',
    ]);
  });

  it('orders the indicators by the taxonomy of the form’s year', async () => {
    const year = { year: 2024, plannedStart: '2024-01-01', plannedEnd: '2024-12-31' };
    const created = await people.preparer!.create(soundBody(year)).expect(201);
    const [sheet] = (await sheetsOf(`/declarations/${created.body.id}/form.xlsx`)).sheets;
    expect(sheet!.rows.map(([level1, level2]) => `${level1}/${level2}`)).toEqual([
      '满意度指标/服务对象满意度指标',
      '效益指标/社会效益指标',
      '产出指标/时效指标',
      '产出指标/质量指标',
      '产出指标/数量指标',
      '成本指标/经济成本指标',
    ]);
  });

  it('marks the form through its life: 草稿, 审核中, none once confirmed, then the amendment', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    const markNow = async () => (await sheetsOf(`/declarations/${id}/form.xlsx`)).sheets[0]!.mark;
    const steps = [
      ['preparer', 'submit', '审核中'],
      ['dept-reviewer', 'approve', '审核中'],
      ['bureau-signer', 'approve', '审核中'],
      ['finance', 'approve', null],
      ['preparer', 'amend', '第1次调整（草稿）'],
      ['preparer', 'submit', '第1次调整（审核中）'],
    ] as const;
    expect(await markNow()).toBe('草稿');
    let version = versionOf(created);
    for (const [who, action, mark] of steps) {
      version = versionOf(await people[who]!.act(id, action, version, '理由').expect(200));
      expect([action, await markNow()]).toEqual([action, mark]);
    }
    const then = await sheetsOf(`/declarations/${id}/form.xlsx?version=1`);
    expect(then.sheets[0]!.mark).toBe('草稿'); // as it stood
  });

  it('marks a rejected form 不予通过', async () => {
    const created = await people.preparer!.create(soundBody()).expect(201);
    const id = created.body.id as string;
    await people.preparer!.act(id, 'submit', 1).expect(200);
    await people['dept-reviewer']!.act(id, 'reject', 2, '不符合申报条件').expect(200);
    expect((await sheetsOf(`/declarations/${id}/form.xlsx`)).sheets[0]!.mark).toBe('不予通过');
  });
});
