import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { organisationNameKey, SONGJIANG_HRSS } from '@app/identity';
import type { ImportReport } from '@app/imports';
import { bullConnection, QUEUE } from '@app/jobs';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { seedPeople } from '../support/declarations.js';
import { eventCount, formsBytes, formsOfUnits } from '../support/forms.js';

const BUREAU = organisationNameKey(SONGJIANG_HRSS.units.find((u) => u.id === 'sj-hrss-bureau')!.name);

/**
 * Issue 13 §5: an import flags each form that matches an existing declaration of the same unit,
 * year and project name (possibleDuplicateOf); duplicates=skip leaves them out; a preparer's
 * bureau-wide upload is refused whole, or with only=mine imports their unit's forms and reports
 * the rest as notYours.
 */
describe('duplicates and only=mine on POST /imports', () => {
  const api = useApi();
  let tokens: Record<string, string>;
  let worker: INestApplicationContext;
  const http = () => request(api.app.getHttpServer());
  const upload = (who: string, bytes: Buffer, query = '') =>
    http().post(`/imports${query}`).set(bearer(tokens[who]!)).attach('file', bytes, 'forms.txt');
  const events = () => eventCount(api.app.get(DataSource));
  const bureauOnly = formsOfUnits((unit) => organisationNameKey(unit) === BUREAU);
  let adminReport: ImportReport;

  async function finished(who: string, id: string): Promise<ImportReport> {
    for (let attempt = 0; attempt < 300; attempt++) {
      const { body } = await http().get(`/imports/${id}`).set(bearer(tokens[who]!)).expect(200);
      if (body.status === 'completed') return body.report as ImportReport;
      if (body.status === 'failed') throw new Error(`import failed: ${body.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  /** Waits until the declarations read model lists `count` declarations. */
  async function listed(count: number): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { body } = await http().get('/declarations?pageSize=1').set(bearer(tokens.admin!)).expect(200);
      if (body.total >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the read model never listed ${count} declarations`);
  }

  beforeAll(async () => {
    tokens = await seedPeople(api.app);
    worker = await createWorker(api.config, silentLogger);
    // The bureau's own 15 forms, imported first by the admin (as the bureau did for its units).
    const accepted = await upload('admin', bureauOnly).expect(202);
    adminReport = await finished('admin', accepted.body.id);
    expect(adminReport).toMatchObject({ created: 15, duplicates: 0, notYours: [] });
    expect(adminReport.forms.every((form) => form.possibleDuplicateOf.length === 0)).toBe(true);
    await listed(15);
  });

  afterAll(async () => {
    await worker?.close();
    const queue = new Queue(QUEUE.imports, {
      connection: bullConnection(api.config.redis.url),
      prefix: api.config.redis.queuePrefix,
    });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('refuses a preparer the bureau-wide file whole (403), in Chinese, pointing at only=mine', async () => {
    const refused = await upload('preparer', formsBytes()).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(refused.body.message).toContain('only=mine');
    expect(refused.body.errors).toHaveLength(18);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'ACTOR_NOT_PREPARER_OF_UNIT',
      message: expect.stringMatching(/不是您的单位/),
    });
    expect(await events()).toBe(15);
  });

  it('with only=mine imports the preparer’s unit’s forms, each flagged as a possible duplicate, and reports the rest as notYours', async () => {
    const accepted = await upload('preparer', formsBytes(), '?only=mine').expect(202);
    expect(accepted.body).toMatchObject({ total: 15, duplicates: 0, notYours: 18 });
    const report = await finished('preparer', accepted.body.id);
    expect(report).toMatchObject({ created: 15, skipped: 0, duplicates: 0 });
    expect(report.notYours).toHaveLength(18);
    expect(report.notYours.every(({ unit }) => unit.id !== 'sj-hrss-bureau')).toBe(true);
    expect(report.notYours[0]).toEqual({
      index: expect.any(Number),
      projectName: expect.any(String),
      unit: { id: expect.any(String), name: expect.any(String) },
    });
    const byName = new Map(adminReport.forms.map((form) => [form.projectName, form.declarationId]));
    for (const form of report.forms) {
      expect(form.unit.id).toBe('sj-hrss-bureau');
      expect(form.status).toBe('created');
      expect(form.possibleDuplicateOf).toEqual([byName.get(form.projectName)]);
    }
    expect(await events()).toBe(30);
  });

  it('with duplicates=skip leaves every duplicate out, naming the declaration it duplicates, and writes nothing', async () => {
    await listed(30);
    // Another file (one more line at the end): its forms are new to the idempotency keys.
    const another = Buffer.concat([bureauOnly, Buffer.from('\n')]);
    const accepted = await upload('admin', another, '?duplicates=skip').expect(202);
    expect(accepted.body).toMatchObject({ total: 15, duplicates: 15, notYours: 0 });
    const report = await finished('admin', accepted.body.id);
    expect(report).toMatchObject({ created: 0, skipped: 0, duplicates: 15, notYours: [] });
    for (const form of report.forms) {
      expect(form.status).toBe('duplicate');
      expect(form.possibleDuplicateOf).toHaveLength(2);
      expect(form.declarationId).toBe(form.possibleDuplicateOf[0]);
    }
    expect(await events()).toBe(30);
  });

  it('does not call a form a duplicate of itself when the same file comes again', async () => {
    const accepted = await upload('admin', bureauOnly).expect(202);
    const report = await finished('admin', accepted.body.id);
    expect(report).toMatchObject({ created: 0, skipped: 15 });
    for (const [at, form] of report.forms.entries()) {
      expect(form.declarationId).toBe(adminReport.forms[at]!.declarationId);
      expect(form.possibleDuplicateOf).not.toContain(form.declarationId);
      expect(form.possibleDuplicateOf).toHaveLength(1);
    }
  });

  it('refuses only=mine to a caller without a unit, and a value it does not know', async () => {
    const admin = await upload('admin', bureauOnly, '?only=mine').expect(400);
    expect(admin.body.errors).toEqual([expect.objectContaining({ path: 'only', code: 'ONLY_MINE_WITHOUT_UNIT' })]);
    await upload('admin', bureauOnly, '?duplicates=maybe').expect(400);
    await upload('admin', bureauOnly, '?only=yours').expect(400);
  });
});
