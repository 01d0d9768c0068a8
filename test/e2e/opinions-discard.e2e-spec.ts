import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody, versionOf } from '../support/declarations.js';

/** supertest buffers only text and JSON by itself. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

async function cellsOf(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => cells.push(typeof cell.value === 'string' ? cell.value : '')),
  );
  return cells;
}

interface Row {
  id: string;
  name: string;
}

describe('review opinions, grades and discarded drafts over HTTP', () => {
  const api = useApi();
  let worker: INestApplicationContext;
  let tokens: Record<string, string>;
  let people: Record<string, ReturnType<typeof client>>;
  let lastPosition = '';
  const http = () => request(api.app.getHttpServer());
  const track = <T extends { headers: Record<string, string> }>(response: T): T => {
    lastPosition = response.headers['x-log-position'] ?? lastPosition;
    return response;
  };
  /** Reads once the read model has the last write (read-your-writes). */
  const read = (who: string, path: string) =>
    http()
      .get(`${path}${path.includes('?') ? '&' : '?'}after=${lastPosition}&waitMs=10000`)
      .set(bearer(tokens[who]!));
  const act = (who: string, id: string, action: string, version: number, body: object) =>
    http().post(`/declarations/${id}/${action}`).set(bearer(tokens[who]!)).set('If-Match', `"${version}"`).send(body);

  beforeAll(async () => {
    worker = await createWorker(api.config, silentLogger);
    tokens = await seedPeople(api.app);
    people = Object.fromEntries(Object.entries(tokens).map(([name, token]) => [name, client(api.app, token)]));
  });

  afterAll(async () => {
    await worker?.close();
  });

  async function submitted(projectName: string): Promise<{ id: string; rows: Row[] }> {
    const created = track(await people.preparer!.create(soundBody({ projectName })).expect(201));
    const id = created.body.id as string;
    track(await people.preparer!.act(id, 'submit', 1).expect(200));
    return { id, rows: created.body.indicators as Row[] };
  }

  describe('opinions and a grade', () => {
    let id: string;
    let rows: Row[];

    beforeAll(async () => {
      ({ id, rows } = await submitted('业务培训'));
    });

    it('refuses an indicator the revision does not have, a grade off the scale, and opinions on a submit (400, with paths)', async () => {
      const unknown = await act('dept-reviewer', id, 'return', 2, {
        comment: '请修改',
        opinions: [
          { indicatorId: rows[0]!.id, opinion: '依据不足' },
          { indicatorId: '00000000-0000-4000-8000-000000000000', opinion: '？' },
        ],
      }).expect(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ path: 'opinions[1].indicatorId', code: 'INDICATOR_NOT_FOUND' }),
      ]);
      const grade = await act('dept-reviewer', id, 'approve', 2, { grade: 'A' }).expect(400);
      expect(grade.body.errors).toEqual([expect.objectContaining({ path: 'grade', code: 'GRADE_UNKNOWN' })]);
      const draft = track(await people.preparer!.create(soundBody({ projectName: '送审附意见' })).expect(201));
      const onSubmit = await act('preparer', draft.body.id as string, 'submit', 1, { grade: '优' }).expect(400);
      expect(onSubmit.body.errors).toEqual([expect.objectContaining({ path: 'grade', code: 'NOT_ALLOWED' })]);
      expect((await people.preparer!.get(id).expect(200)).body.version).toBe(2);
    });

    it('records them on a return; the declaration, its history and the unit’s inbox show them per row', async () => {
      const returned = track(
        await act('dept-reviewer', id, 'return', 2, {
          comment: '请按意见修改指标',
          grade: '中',
          opinions: [
            { indicatorId: rows[0]!.id, opinion: '请补充成本测算依据' },
            { indicatorId: rows[1]!.id, opinion: '巡检次数偏少' },
          ],
        }).expect(200),
      );
      expect(returned.body.state).toBe('draft');
      expect(returned.body.grade).toEqual({
        grade: '中',
        by: { id: expect.any(String), name: expect.any(String) },
        at: expect.any(String),
      });
      expect(returned.body.opinions[rows[0]!.id]).toEqual([
        expect.objectContaining({ opinion: '请补充成本测算依据', stage: 'departmental_review', action: 'return' }),
      ]);
      expect(returned.body.opinions[rows[2]!.id]).toBeUndefined();

      const history = (await people.preparer!.get(id, '/history').expect(200)).body.entries as {
        type: string;
        grade: string | null;
        opinions: unknown[];
      }[];
      expect(history.find((e) => e.type === 'DeclarationReturned')).toMatchObject({
        comment: '请按意见修改指标',
        grade: '中',
        opinions: [
          { indicatorId: rows[0]!.id, indicatorName: rows[0]!.name, opinion: '请补充成本测算依据' },
          { indicatorId: rows[1]!.id, indicatorName: rows[1]!.name, opinion: '巡检次数偏少' },
        ],
      });
      expect(history.find((e) => e.type === 'DeclarationSubmitted')).toMatchObject({ grade: null, opinions: [] });

      const inbox = (await read('preparer', '/inbox?queue=returned').expect(200)).body.items as {
        id: string;
        lastReturn: { opinions: unknown[] };
      }[];
      expect(inbox.find((item) => item.id === id)!.lastReturn).toMatchObject({
        reason: '请按意见修改指标',
        opinions: [
          { indicatorId: rows[0]!.id, indicatorName: '人均运维成本', opinion: '请补充成本测算依据' },
          { indicatorId: rows[1]!.id, indicatorName: rows[1]!.name, opinion: '巡检次数偏少' },
        ],
      });
    });

    it('keeps the revision’s opinions through resubmission; later stages add theirs but no grade', async () => {
      track(await people.preparer!.act(id, 'submit', 3).expect(200));
      track(await act('dept-reviewer', id, 'approve', 4, { comment: '同意', grade: '良' }).expect(200));
      const refused = await act('bureau-signer', id, 'approve', 5, { grade: '优' }).expect(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ path: 'grade', code: 'GRADE_NOT_AT_THIS_STAGE' }),
      ]);
      const signed = track(
        await act('bureau-signer', id, 'approve', 5, {
          opinions: [{ indicatorId: rows[0]!.id, opinion: '已补充，同意' }],
        }).expect(200),
      );
      expect(signed.body.grade).toMatchObject({ grade: '良' });
      expect(
        signed.body.opinions[rows[0]!.id].map((o: { opinion: string; stage: string }) => [o.stage, o.opinion]),
      ).toEqual([
        ['departmental_review', '请补充成本测算依据'],
        ['bureau_signoff', '已补充，同意'],
      ]);
    });

    it('prints them as an 审核意见 column when asked (?opinions=true), and not otherwise', async () => {
      const download = (query: string) =>
        http()
          .get(`/declarations/${id}/form.xlsx${query}`)
          .set(bearer(tokens.preparer!))
          .buffer(true)
          .parse(binary)
          .expect(200);
      const plain = await cellsOf((await download('')).body as Buffer);
      expect(plain).not.toContain('审核意见');
      const withOpinions = await cellsOf((await download('?opinions=true')).body as Buffer);
      expect(withOpinions).toContain('审核意见');
      expect(withOpinions.some((cell) => cell.includes('主管部门审核') && cell.includes('请补充成本测算依据'))).toBe(
        true,
      );
      expect(withOpinions.some((cell) => cell.includes('局领导审签') && cell.includes('已补充，同意'))).toBe(true);
      await http().get(`/declarations/${id}/form.xlsx?opinions=yes`).set(bearer(tokens.preparer!)).expect(400);
    });
  });

  describe('discarding a draft (作废)', () => {
    it('takes a never-submitted draft out of lists, totals, statistics and inboxes, keeping its history', async () => {
      const created = track(await people.preparer!.create(soundBody({ projectName: '重复导入的项目' })).expect(201));
      const id = created.body.id as string;
      const before = (await read('preparer', '/declarations?year=2025').expect(200)).body;
      expect(before.items.map((i: { id: string }) => i.id)).toContain(id);

      expect((await act('preparer', id, 'discard', 1, {}).expect(400)).body.errors).toEqual([
        expect.objectContaining({ path: 'comment', code: 'REQUIRED' }),
      ]);
      await act('dept-reviewer', id, 'discard', 1, { comment: '重复' }).expect(403);
      await act('other-preparer', id, 'discard', 1, { comment: '重复' }).expect(404);
      const discarded = track(await act('preparer', id, 'discard', 1, { comment: '与局里导入的重复' }).expect(200));
      expect(discarded.body).toMatchObject({
        state: 'discarded',
        version: 2,
        workflow: { status: 'discarded', reason: '与局里导入的重复', discardedBy: expect.any(String) },
      });
      expect(versionOf(discarded)).toBe(2);

      const after = (await read('preparer', '/declarations?year=2025').expect(200)).body;
      expect(after.items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect(after.total).toBe(before.total - 1);
      expect(after.totals.annualTotal).toBeCloseTo(before.totals.annualTotal - created.body.funds.annualTotal, 2);
      const asked = (await read('preparer', '/declarations?state=discarded').expect(200)).body;
      expect(asked.items.map((i: { id: string }) => i.id)).toEqual([id]);

      const stats = (await read('admin', '/stats?year=2025').expect(200)).body;
      for (const group of [...stats.byUnit, ...stats.byDepartment]) expect(group.byState.discarded).toBeUndefined();
      const indicators = (await read('admin', '/indicators?q=人均运维成本&pageSize=200').expect(200)).body;
      const inTable = indicators.items.map((i: { declarationId: string }) => i.declarationId);
      expect(inTable.length).toBeGreaterThan(0);
      expect(inTable).not.toContain(id);
      for (const queue of ['todo', 'returned', 'handled']) {
        const inbox = (await read('preparer', `/inbox?queue=${queue}`).expect(200)).body;
        expect(inbox.items.map((i: { id: string }) => i.id)).not.toContain(id);
      }

      const history = (await people.auditor!.get(id, '/history').expect(200)).body.entries;
      expect(history.map((e: { type: string }) => e.type)).toEqual(['DeclarationDrafted', 'DeclarationDiscarded']);
      expect(history[1]).toMatchObject({ comment: '与局里导入的重复', stage: { before: 'draft', after: 'discarded' } });
      const again = await act('preparer', id, 'submit', 2, {}).expect(409);
      expect(again.body.code).toBe('DECLARATION_ILLEGAL_TRANSITION');
    });

    it('lets an admin discard; refuses a draft that was once submitted (409)', async () => {
      const mine = track(await people.preparer!.create(soundBody({ projectName: '管理员作废' })).expect(201));
      const byAdmin = track(
        await act('admin', mine.body.id as string, 'discard', 1, { comment: '单位申请作废' }).expect(200),
      );
      expect(byAdmin.body.state).toBe('discarded');

      const { id } = await submitted('撤回后的草稿');
      track(await people.preparer!.act(id, 'withdraw', 2).expect(200));
      const refused = await act('preparer', id, 'discard', 3, { comment: '不要了' }).expect(409);
      expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'DECLARATION_ONCE_SUBMITTED' })]);
      expect((await people.preparer!.get(id).expect(200)).body).toMatchObject({ state: 'draft', everSubmitted: true });
    });
  });
});
