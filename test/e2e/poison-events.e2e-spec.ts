import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createWorker } from '../../apps/worker/src/bootstrap.js';
import { silentLogger, useApi } from '../support/app.js';
import { bearer } from '../support/auth.js';
import { client, seedPeople, soundBody } from '../support/declarations.js';

/**
 * One event the workflow cannot apply, appended around the service (as the log's own database role
 * could): every other declaration keeps working, the bad one is parked and named.
 */
describe('a poison event in the log', () => {
  const api = useApi();
  let worker: INestApplicationContext;
  let tokens: Record<string, string>;
  let preparer: ReturnType<typeof client>;
  let poisoned = '';
  let healthy = '';

  const http = () => request(api.app.getHttpServer());
  const admin = (path: string) => http().get(path).set(bearer(tokens.admin!));

  beforeAll(async () => {
    worker = await createWorker(api.config, silentLogger);
    tokens = await seedPeople(api.app);
    preparer = client(api.app, tokens.preparer!);
    poisoned = (await preparer.create(soundBody({ projectName: '被篡改的申报' })).expect(201)).body.id as string;
    healthy = (await preparer.create(soundBody({ projectName: '正常的申报' })).expect(201)).body.id as string;
    // A sign-off of a draft: no transition records it there.
    await api.app
      .get(DataSource)
      .query(`SELECT es_append($1, 1, $2::jsonb, $3::jsonb, NULL, NULL, NULL)`, [
        `declaration-${poisoned}`,
        JSON.stringify([
          { type: 'BureauSignedOff', data: { by: 'intruder', at: new Date().toISOString(), comment: null } },
        ]),
        JSON.stringify({ actorId: 'intruder', role: 'bureau_signer' }),
      ]);
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('keeps the other declarations readable right after their writes', async () => {
    const written = await preparer.patch(healthy, 1, { annualGoal: '按时完成年度任务' }).expect(200);
    const position = written.headers['x-log-position']!;
    const started = Date.now();
    const list = await http()
      .get(`/declarations?after=${position}&waitMs=5000`)
      .set(bearer(tokens.preparer!))
      .expect(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(healthy);
  });

  it('answers reads and writes of the bad declaration with DECLARATION_UNREADABLE, never a 500', async () => {
    const read = await preparer.get(poisoned).expect(503);
    expect(read.body).toMatchObject({ code: 'DECLARATION_UNREADABLE', streamVersion: 2 });
    await preparer.get(poisoned, '?version=1').expect(200);
    await preparer.act(poisoned, 'submit', 2).expect(503);
    await http().get(`/declarations/${poisoned}/history`).set(bearer(tokens.auditor!)).expect(503);
  });

  it('lists the parked stream with the event and the reason, and counts it in /metrics', async () => {
    let parked: { streamId: string; eventType: string; error: string }[] = [];
    for (let i = 0; i < 100 && parked.length === 0; i++) {
      const models = (await admin('/admin/read-models').expect(200)).body as { name: string; parked: typeof parked }[];
      parked = models.find((m) => m.name === 'declarations')!.parked;
      if (parked.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(parked).toEqual([
      expect.objectContaining({
        streamId: `declaration-${poisoned}`,
        eventType: 'BureauSignedOff',
        error: expect.stringContaining('BureauSignedOff cannot follow a declaration that is draft'),
      }),
    ]);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/read_model_parked_streams\{read_model="declarations"\} 1/);
  });

  it('retries a parked stream on request: still unreadable, it stays parked (409)', async () => {
    const retry = (who: string, name = 'declarations') =>
      http().post(`/admin/read-models/${name}/parked/declaration-${poisoned}/retry`).set(bearer(tokens[who]!));
    await retry('auditor').expect(403);
    await retry('admin', 'nothing').expect(404);
    const again = await retry('admin').expect(409);
    expect(again.body).toMatchObject({ code: 'STREAM_STILL_PARKED' });
    await http()
      .post(`/admin/read-models/declarations/parked/declaration-${healthy}/retry`)
      .set(bearer(tokens.admin!))
      .expect(404);
  });

  it('rebuilds whole, parking the bad stream at the same event and reporting it', async () => {
    const before = await http().get('/declarations?sort=projectName').set(bearer(tokens.preparer!)).expect(200);
    const started = await http().post('/admin/read-models/declarations/rebuild').set(bearer(tokens.admin!)).expect(202);
    let view: { rebuild: { id: string; status: string; parked: number }; parked: unknown[] } | undefined;
    for (let i = 0; i < 300 && view?.rebuild.status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const models = (await admin('/admin/read-models').expect(200)).body as (typeof view & { name: string })[];
      view = models.find((m) => m.name === 'declarations');
      expect(view?.rebuild.status).not.toBe('failed');
    }
    expect(view?.rebuild).toMatchObject({ id: started.body.rebuildId, status: 'completed', parked: 1 });
    expect(view?.parked).toHaveLength(1);
    // The bad declaration's row stays as it stood before the event, in the live tables and the rebuilt ones.
    const after = await http().get('/declarations?sort=projectName').set(bearer(tokens.preparer!)).expect(200);
    expect(after.body.items).toEqual(before.body.items);
    expect(after.body.items.find((i: { id: string }) => i.id === poisoned)).toMatchObject({ state: 'draft' });
  });
});
