import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  checkRole,
  grantServiceRole,
  migrateAsOwner,
  READ_MODEL_TABLES,
  roleProblem,
  TABLE_GRANTS,
} from '@app/database';
import { PostgresEventStore } from '@app/event-store';
import { createDataSource } from '@app/database';
import { databaseUrl, serviceUrl, withAdmin } from '../support/databases.js';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

/** A client of the test database connected as the service role the spawned api and worker use. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // the database is dropped with FORCE at the end
  await client.connect();
  return client;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'allowed',
    (error: { code?: string }) => error.code ?? 'error',
  );

describe('the service role: read and append the log, nothing more', () => {
  const pg_ = usePostgres(2);
  let service: pg.Client;

  beforeAll(async () => {
    service = await connect(serviceUrl(pg_.database.url));
    await new PostgresEventStore(pg_.dataSource, testKeys()).append(
      'probe-1',
      'no_stream',
      [{ type: 'Probe', data: { n: 1 } }],
      {
        actorId: 'test',
        role: 'system',
      },
    );
  });

  afterAll(async () => {
    await service?.end();
  });

  it('reads the log and appends to it through es_append', async () => {
    const { rows } = await service.query(`SELECT count(*)::int AS n FROM events`);
    expect(rows[0].n).toBe(1);
    await service.query(`SELECT es_append('probe-2', 0, $1::jsonb, $2::jsonb, $3, null, null)`, [
      JSON.stringify([{ type: 'Probe', data: { n: 2 } }]),
      JSON.stringify({ actorId: 'test', role: 'system' }),
      `command-${randomUUID()}`,
    ]);
    const after = await service.query(`SELECT count(*)::int AS n FROM events`);
    expect(after.rows[0].n).toBe(2);
  });

  it.each([
    ['UPDATE', `UPDATE events SET data = '{}'::jsonb`],
    ['DELETE', `DELETE FROM events`],
    ['TRUNCATE', `TRUNCATE events`],
    ['ALTER TABLE', `ALTER TABLE events ADD COLUMN forged text`],
    ['disable a trigger', `ALTER TABLE events DISABLE TRIGGER events_append_only`],
    ['disable every trigger', `ALTER TABLE events DISABLE TRIGGER ALL`],
    ['drop a trigger', `DROP TRIGGER events_append_only ON events`],
    ['bypass triggers (replica)', `SET session_replication_role = replica`],
    ['DROP TABLE', `DROP TABLE events`],
    ['UPDATE the commands', `UPDATE commands SET result = '{}'::jsonb`],
    ['TRUNCATE the commands', `TRUNCATE commands`],
    [
      'replace es_event_hash',
      `CREATE OR REPLACE FUNCTION es_event_hash(text, text, integer, text, jsonb, jsonb, timestamptz) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$`,
    ],
  ])('cannot %s', async (_, sql) => {
    // 42501 insufficient privilege; 42883/42P01 never: the objects exist, the role is refused.
    expect(await refusal(service.query(sql))).toBe('42501');
  });

  it('is neither a superuser nor the owner of the log; the superuser is both, and is reported', async () => {
    const check = await checkRole(service);
    expect(check).toEqual({ role: 'pta_test_service', superuser: false, ownsLog: false });
    expect(roleProblem(check)).toBeNull();
    const superuser = await checkRole(pg_.dataSource);
    expect(superuser.superuser).toBe(true);
    expect(roleProblem(superuser)).toMatch(/superuser/);
  });

  it('writes what the service writes: users, read models, checkpoints, parked streams', async () => {
    await service.query(`INSERT INTO departments (id, name, name_key) VALUES ('d-1', '部门', '部门')`);
    await service.query(`UPDATE departments SET name = '部门一' WHERE id = 'd-1'`);
    await service.query(`DELETE FROM declaration_actions`);
    await service.query(`DELETE FROM projection_checkpoints WHERE false`);
    await service.query(`DELETE FROM parked_streams WHERE false`);
    expect(await refusal(service.query(`DELETE FROM users`))).toBe('42501');
  });

  it('may replace a read model the way a rebuild does, by swapping tables', async () => {
    await service.query(`CREATE TABLE declaration_list__next (LIKE declaration_list INCLUDING ALL)`);
    await service.query(`ALTER TABLE declaration_list RENAME TO declaration_list__old`);
    await service.query(`ALTER TABLE declaration_list__next RENAME TO declaration_list`);
    await service.query(`DROP TABLE declaration_list__old`);
  });

  it('has a grant, or ownership as a read model, for every table the migrations make', async () => {
    const { rows } = await pg_.dataSource
      .query<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
      .then((r) => ({ rows: r }));
    const covered = new Set([...Object.keys(TABLE_GRANTS), ...READ_MODEL_TABLES]);
    expect(rows.map((r) => r.name).filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe('migrating as the owner role', () => {
  const suffix = randomBytes(4).toString('hex');
  const name = `pta_test_db_roles_${suffix}`;
  const owner = `pta_test_owner_${suffix}`;
  const service = `pta_test_svc_${suffix}`;
  const as = (role: string) => {
    const url = new URL(databaseUrl(name));
    url.username = role;
    return url.toString();
  };

  afterAll(async () => {
    await withAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const role of [service, owner]) await admin.query(`DROP ROLE IF EXISTS ${role}`);
    });
  });

  it('creates both roles and the database, migrates as the owner and grants the service role', async () => {
    const urls = { url: as(service), ownerUrl: as(owner), adminUrl: databaseUrl('postgres') };
    const applied = await migrateAsOwner(urls, 'pta-test', true);
    expect(applied.length).toBeGreaterThan(5);
    // Again: nothing pending, the grants applied once more without harm.
    expect(await migrateAsOwner(urls, 'pta-test', true)).toEqual([]);
    const asService = createDataSource({ url: urls.url, poolSize: 1 });
    await asService.initialize();
    try {
      expect(await checkRole(asService)).toEqual({ role: service, superuser: false, ownsLog: false });
      const asOwner = await connect(urls.ownerUrl);
      try {
        expect(await checkRole(asOwner)).toMatchObject({ superuser: false, ownsLog: true });
        // The owner can still alter a read model the service role owns (later migrations do).
        await asOwner.query(`ALTER TABLE declaration_list ADD COLUMN probe text`);
        await grantServiceRole(asOwner, service);
      } finally {
        await asOwner.end();
      }
      const [{ n }] = await asService.query(`SELECT count(*)::int AS n FROM events`);
      expect(n).toBe(0);
      expect(await refusal(asService.query(`TRUNCATE events`))).toBe('42501');
    } finally {
      await asService.destroy();
    }
  });
});
