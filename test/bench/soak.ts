import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { DECLARATION_STREAM_PREFIX, DeclarationsProjection } from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { DEMO_USERS, Organisations, SONGJIANG_HRSS, seedIdentity, Users } from '@app/identity';
import { httpClient } from '../support/http-client.js';
import { freshReplay, snapshotTables } from '../support/read-models.js';
import { waitFor } from '../support/throwaway.js';
import { BenchDatabase, dropQueues, newQueuePrefix, REDIS_URL, Service } from './environment.js';
import { preparer, reviewer, SoakLog } from './soak-users.js';
import { testKeys } from '../support/keys.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    minutes: { type: 'string', default: '2' },
    preparers: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const perUnit = Number(values.preparers);
if (!(minutes > 0) || !(perUnit >= 1)) throw new Error('usage: npm run soak -- [--minutes 2] [--preparers 2] [--keep]');
const log = (text: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
const PASSWORD = 'soak-password';

/** A second department with its own reviewer and signer, and `perUnit` preparers in every unit. */
async function seedPeople(db: DataSource): Promise<{ preparers: string[]; reviewers: [string, string][] }> {
  await seedIdentity(db, 'test', new PostgresEventStore(db, testKeys()));
  const organisations = new Organisations(db);
  const users = new Users(db, organisations, new PostgresEventStore(db, testKeys()));
  await organisations.addDepartment({ id: 'soak-dept', name: '松江区耐久测试局' });
  const units = SONGJIANG_HRSS.units.map((u) => u.id);
  for (const n of [1, 2]) {
    await organisations.addUnit({
      id: `soak-unit-${n}`,
      name: `松江区耐久测试局第${n}单位`,
      departmentId: 'soak-dept',
    });
    units.push(`soak-unit-${n}`);
  }
  const preparers: string[] = [];
  for (const unitId of units) {
    for (let k = 1; k <= perUnit; k++) {
      const username = `soak-${unitId}-${k}`;
      await users.create({ username, password: PASSWORD, role: 'preparer', unitId }, SYSTEM);
      preparers.push(username);
    }
  }
  await users.create(
    {
      username: 'soak-reviewer',
      password: PASSWORD,
      role: 'department_reviewer',
      departmentId: 'soak-dept',
    },
    SYSTEM,
  );
  await users.create(
    { username: 'soak-signer', password: PASSWORD, role: 'bureau_signer', departmentId: 'soak-dept' },
    SYSTEM,
  );
  const reviewers: [string, string][] = [
    ['dept-reviewer', 'departmental_review'],
    ['bureau-signer', 'bureau_signoff'],
    ['finance', 'finance_confirmation'],
    ['soak-reviewer', 'departmental_review'],
    ['soak-signer', 'bureau_signoff'],
  ];
  return { preparers, reviewers };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function checks(db: DataSource, soak: SoakLog): Promise<Check[]> {
  const [{ missing }] = await db.query<[{ missing: number }]>(
    `SELECT count(*)::int AS missing FROM jsonb_to_recordset($1::jsonb) AS a("declarationId" text, version int, position text)
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream_id = $2 || a."declarationId"
                          AND e.stream_version = a.version
                          AND e.global_position = split_part(a.position, '-', 2)::bigint)`,
    [JSON.stringify(soak.acks), DECLARATION_STREAM_PREFIX],
  );
  const verify = await new PostgresEventStore(db, testKeys()).verify();
  const projection = new DeclarationsProjection();
  const live = await snapshotTables(db, projection);
  const fresh = await freshReplay(db, projection);
  const differing = projection.tables.filter((t) => !isDeepStrictEqual(live[t], fresh[t]));
  const [notices] = await db.query<[{ sent: number; sentTwice: number; deliveredTwice: number }]>(
    `SELECT count(*) FILTER (WHERE type = 'NoticeSent')::int AS sent,
            (SELECT count(*)::int FROM (SELECT 1 FROM events WHERE type = 'NoticeSent'
               AND data->>'kind' IN ('reminder', 'overdue', 'escalation')
               GROUP BY data->>'kind', data->>'recipientId', data->>'declarationId', data->>'stage', data->>'dueAt'
               HAVING count(*) > 1) twice) AS "sentTwice",
            (SELECT count(*)::int FROM (SELECT 1 FROM events WHERE type = 'NoticeDelivered'
               GROUP BY stream_id, data->>'channel' HAVING count(*) > 1) twice) AS "deliveredTwice"
       FROM events`,
  );
  const fiveHundreds = [...soak.statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
  return [
    {
      name: 'every acknowledged command is in the log',
      ok: missing === 0,
      detail: `${soak.acks.length} acknowledged, ${missing} missing`,
    },
    {
      name: 'every hash chain verifies',
      ok: verify.ok,
      detail: `${verify.eventsChecked} events in ${verify.streamsChecked} streams, ${verify.broken.length} broken`,
    },
    {
      name: 'the read models equal a fresh rebuild',
      ok: differing.length === 0,
      detail: differing.length
        ? `differ: ${differing.join(', ')}`
        : `${projection.tables.map((t) => `${t} ${live[t]!.length}`).join(', ')}`,
    },
    {
      name: 'no notice sent twice',
      ok: notices.sentTwice === 0 && notices.deliveredTwice === 0,
      detail:
        notices.sent === 0
          ? 'no notice fell due during the soak (deadlines are days away)'
          : `${notices.sent} notices sent, ${notices.sentTwice} sent twice, ${notices.deliveredTwice} delivered twice on a channel`,
    },
    {
      name: 'no 5xx, nothing unexpected',
      ok: fiveHundreds === 0 && soak.unexpected.length === 0,
      detail: `${fiveHundreds} 5xx, ${soak.unexpected.length} unexpected`,
    },
    {
      name: 'deliberate stale If-Match refused, idempotent repeats replayed',
      ok: soak.replays.matched === soak.replays.sent,
      detail: `${soak.deliberateConflicts} stale sends, ${soak.replays.matched}/${soak.replays.sent} repeats answered from the first`,
    },
  ];
}

const database = await BenchDatabase.create('pta_soak', 10);
const queuePrefix = newQueuePrefix('soak');
const services: Service[] = [];
let failed: boolean;
try {
  const people = await seedPeople(database.db);
  const env = { DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: queuePrefix };
  services.push(await Service.start('worker', env), await Service.start('api', env));
  const port = services[1]!.port!;
  const http = httpClient(port);
  const password = (u: string) => DEMO_USERS.find((d) => d.username === u)?.password ?? PASSWORD;
  const token = (u: string) => http.token(u, password(u));
  log(
    `${people.preparers.length} preparers and ${people.reviewers.length} reviewers for ${minutes} min on ${database.name}`,
  );
  const soak = new SoakLog();
  const until = Date.now() + minutes * 60_000;
  await Promise.all([
    ...(await Promise.all(people.preparers.map(token))).map((t) => preparer(port, t, soak, until)),
    ...(await Promise.all(people.reviewers.map(([u]) => token(u)))).map((t, i) =>
      reviewer(port, t, people.reviewers[i]![1], soak, until),
    ),
  ]);
  log(`${soak.acks.length} commands acknowledged; waiting for the worker to catch up`);
  await waitFor(
    'the read models to catch up',
    async () => {
      const [row] = await database.db.query<{ behind: boolean }[]>(
        `SELECT (SELECT count(*) FROM events) > coalesce((SELECT events_applied FROM projection_checkpoints WHERE name = 'declarations'), 0) AS behind`,
      );
      return !row!.behind;
    },
    120_000,
  );
  for (const service of services.splice(0)) await service.stop();
  const results = await checks(database.db, soak);
  console.log(
    `\nstatuses: ${[...soak.statuses]
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  for (const line of soak.unexpected) console.log(`unexpected: ${line}`);
  for (const check of results) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name} — ${check.detail}`);
  failed = results.some((c) => !c.ok);
} finally {
  for (const service of services) await service.stop();
  await dropQueues(queuePrefix).catch(() => undefined);
  await database.close(values.keep);
}
process.exitCode = failed ? 1 : 0;
