import { beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresEventStore, type EventStore, type StoreTransaction } from '@app/event-store';
import { readFileSync } from 'node:fs';
import {
  Authentication,
  DEMO_USERS,
  Organisations,
  seedIdentity,
  SONGJIANG_HRSS,
  Users,
  type UserView,
} from '@app/identity';
import { usePostgres } from '../support/postgres.js';
import { testKeys } from '../support/keys.js';

/** Who the test's own user changes are recorded as. */
const SYSTEM = { userId: 'system:test', role: 'system' };

const FORMS = new URL('../fixtures/forms/2025-songjiang-hrss-declarations.txt', import.meta.url);

/** Every name the 2025 forms print after a label, as printed (stray spaces, either parentheses). */
function namesAfter(label: string): string[] {
  const text = readFileSync(FORMS, 'utf8');
  return [...text.matchAll(new RegExp(`${label}\\t+([^\\t\\n]+)`, 'g'))].map((m) => m[1]!.trim());
}

describe('organisations and users on PostgreSQL', () => {
  const pg = usePostgres(4);
  let organisations: Organisations;
  let users: Users;
  let authentication: Authentication;
  const count = async (table: string) => Number((await pg.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    organisations = new Organisations(pg.dataSource);
    users = new Users(pg.dataSource, organisations, new PostgresEventStore(pg.dataSource, testKeys()));
    authentication = new Authentication(pg.dataSource);
    await seedIdentity(pg.dataSource, 'test', new PostgresEventStore(pg.dataSource, testKeys()));
  });

  describe('the seed', () => {
    it('adds the department, its five units and one demo user per role', async () => {
      const [department] = await organisations.list();
      expect(department).toMatchObject({ id: 'sj-hrss', name: '上海市松江区人力资源和社会保障局' });
      expect(department!.units.map((u) => u.id).sort()).toEqual(SONGJIANG_HRSS.units.map((u) => u.id).sort());
      const roles = (await users.list()).map((u) => u.role).sort();
      expect(roles).toEqual(DEMO_USERS.map((u) => u.role).sort());
    });

    it('can run again: it adds nothing and leaves what an admin changed', async () => {
      const admin = (await users.list()).find((u) => u.username === 'admin')!;
      await users.change(admin.id, { displayName: 'Renamed' }, SYSTEM);
      const again = await seedIdentity(pg.dataSource, 'test', new PostgresEventStore(pg.dataSource, testKeys()));
      expect(again.created).toEqual([]);
      expect(again.existing).toHaveLength(1 + 5 + DEMO_USERS.length);
      expect(await count('units')).toBe(5);
      expect(await count('users')).toBe(DEMO_USERS.length);
      expect((await users.get(admin.id)).displayName).toBe('Renamed');
    });

    it('is refused in production', async () => {
      await expect(
        seedIdentity(pg.dataSource, 'production', new PostgresEventStore(pg.dataSource, testKeys())),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('finding organisations by name', () => {
    it('finds the unit of every one of the 33 forms, however it is printed', async () => {
      const printed = namesAfter('实施单位');
      expect(printed).toHaveLength(33);
      expect(printed).toEqual(expect.arrayContaining(['上海市松江区人力资源和社会保障局(本级)']));
      expect(printed).toEqual(expect.arrayContaining(['上海市松江区人力资源和社会保障局（本 级）']));
      const found = await Promise.all(printed.map((name) => organisations.findUnitByName(name)));
      expect(found.filter((unit) => unit === null)).toEqual([]);
      expect(new Set(found.map((unit) => unit!.id)).size).toBe(5);
    });

    it('finds the department every form names, including 人力 资源 split by a space', async () => {
      const printed = namesAfter('主管部门');
      expect(printed).toContain('上海市松江区人力 资源和社会保障局');
      for (const name of printed) expect((await organisations.findDepartmentByName(name))?.id).toBe('sj-hrss');
    });

    it('finds the units and departments of all the forms at once, each by the name as printed', async () => {
      const units = namesAfter('实施单位');
      const departments = [...namesAfter('主管部门'), '上海市松江区财政局'];
      const [byUnitName, byDepartmentName] = await Promise.all([
        organisations.findUnitsByNames([...units, '上海市松江区人力资源和社会保障局']),
        organisations.findDepartmentsByNames(departments),
      ]);
      expect(units.filter((name) => !byUnitName.has(name))).toEqual([]);
      expect(new Set([...byUnitName.values()].map((unit) => unit.id)).size).toBe(5);
      expect(byUnitName.has('上海市松江区人力资源和社会保障局')).toBe(false);
      for (const name of namesAfter('主管部门')) expect(byDepartmentName.get(name)?.id).toBe('sj-hrss');
      expect(byDepartmentName.has('上海市松江区财政局')).toBe(false);
    });

    it('finds nothing for a name that is not there', async () => {
      expect(await organisations.findUnitByName('上海市松江区人力资源和社会保障局')).toBeNull();
      expect(await organisations.findDepartmentByName('上海市松江区财政局')).toBeNull();
    });
  });

  describe('the schema', () => {
    const insert = (username: string, role: string, unitId: string | null, departmentId: string | null) =>
      pg.dataSource.query(
        `INSERT INTO users (username, display_name, password_hash, role, unit_id, department_id)
         VALUES ($1, $1, 'not-a-hash', $2, $3, $4)`,
        [username, role, unitId, departmentId],
      );
    const refusedBy = (constraint: string) => ({ driverError: expect.objectContaining({ constraint }) });

    it.each([
      ['a preparer without a unit', 'preparer', null, 'sj-hrss', 'users_scope_fits_role'],
      ['a preparer without the department', 'preparer', 'sj-hrss-bureau', null, 'users_scope_fits_role'],
      ['a reviewer with a unit', 'department_reviewer', 'sj-hrss-bureau', 'sj-hrss', 'users_scope_fits_role'],
      ['a signer without a department', 'bureau_signer', null, null, 'users_scope_fits_role'],
      ['an auditor with a department', 'auditor', null, 'sj-hrss', 'users_scope_fits_role'],
      ['an unknown role', 'superuser', null, null, 'users_role_check'],
      ['a department that does not exist', 'department_reviewer', null, 'nowhere', 'users_department_id_fkey'],
    ])('refuses %s', async (_, role, unitId, departmentId, constraint) => {
      await expect(insert(`u-${role}-${String(unitId)}`, role, unitId, departmentId)).rejects.toMatchObject(
        refusedBy(constraint),
      );
    });

    it("keeps a preparer's department their unit's", async () => {
      await pg.dataSource.query(`INSERT INTO departments (id, name, name_key) VALUES ('other', '别的局', '别的局')`);
      await expect(insert('p-elsewhere', 'preparer', 'sj-hrss-bureau', 'other')).rejects.toMatchObject(
        refusedBy('users_unit_in_its_department'),
      );
    });

    it('keeps usernames unique whatever their case', async () => {
      await expect(insert('ADMIN', 'admin', null, null)).rejects.toMatchObject(refusedBy('users_username_unique'));
    });

    it('refuses two organisations whose names differ only in parentheses or spaces', async () => {
      await expect(
        organisations.addUnit({ id: 'dup', name: '上海市松江区就业促进中心 ', departmentId: 'sj-hrss' }),
      ).rejects.toMatchObject(refusedBy('units_name_key_key'));
    });
  });

  describe('users', () => {
    let created: UserView;

    beforeAll(async () => {
      const unit = await organisations.findUnitByName('上海市松江区社会保障服务中心');
      created = await users.create(
        {
          username: 'Li.Wei',
          password: 'a long passphrase',
          role: 'preparer',
          unitId: unit!.id,
        },
        SYSTEM,
      );
    });

    it("gives a preparer their unit's department and never returns the hash", () => {
      expect(created).toMatchObject({ unitId: 'sj-hrss-social-security', departmentId: 'sj-hrss', active: true });
      expect(created).toMatchObject({ displayName: 'Li.Wei' });
      expect(JSON.stringify(created)).not.toMatch(/argon2|passphrase/);
    });

    it('stores an argon2id hash, not the password', async () => {
      const [row] = await pg.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [created.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses a username taken in another case, and an unknown unit, naming the field', async () => {
      await expect(
        users.create({ username: 'li.wei', password: '12345678', role: 'auditor' }, SYSTEM),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        errors: [expect.objectContaining({ path: 'username' })],
      });
      await expect(
        users.create({ username: 'nobody', password: '12345678', role: 'preparer', unitId: 'nowhere' }, SYSTEM),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'unitId' })] });
    });

    it('signs in with the right password, in any case of the username', async () => {
      const caller = await authentication.authenticate({ username: 'LI.WEI', password: 'a long passphrase' });
      expect(caller.actor).toEqual({
        userId: created.id,
        role: 'preparer',
        unitId: 'sj-hrss-social-security',
        departmentId: 'sj-hrss',
      });
    });

    it('answers a wrong password and an unknown username alike', async () => {
      const wrong = authentication.authenticate({ username: 'li.wei', password: 'not it at all' });
      const unknown = authentication.authenticate({ username: 'no.such.user', password: 'not it at all' });
      // Both are awaited together: the one settling first must not count as an unhandled rejection.
      await Promise.all([
        expect(wrong).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong username or password' }),
        expect(unknown).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Wrong username or password' }),
      ]);
    });

    it('clears the old scope when the role changes, and locks out a deactivated user', async () => {
      const reviewer = await users.change(created.id, { role: 'department_reviewer', departmentId: 'sj-hrss' }, SYSTEM);
      expect(reviewer).toMatchObject({ role: 'department_reviewer', unitId: null, departmentId: 'sj-hrss' });
      await users.change(created.id, { active: false, password: 'another passphrase' }, SYSTEM);
      expect(await authentication.findCaller(created.id)).toBeNull();
      await expect(
        authentication.authenticate({ username: 'li.wei', password: 'another passphrase' }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'This account is deactivated' });
    });

    it('finds no caller and no user for an id that is not a uuid', async () => {
      expect(await authentication.findCaller('not-a-uuid')).toBeNull();
      await expect(users.get('not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('records each change of access, activation and password on the user’s stream, with who did it', async () => {
      const stream = await new PostgresEventStore(pg.dataSource, testKeys()).readStream(`user-${created.id}`);
      expect(stream.map((e) => e.type)).toEqual([
        'UserCreated',
        'UserAccessChanged',
        'UserDeactivated',
        'UserPasswordChanged',
      ]);
      expect(stream.every((e) => (e.data as { by: string }).by === 'system:test')).toBe(true);
      expect(stream[0]!.metadata).toMatchObject({ actorId: 'system:test', role: 'system' });
      expect(stream[1]!.data).toMatchObject({
        before: { role: 'preparer', unitId: 'sj-hrss-social-security', departmentId: 'sj-hrss' },
        after: { role: 'department_reviewer', unitId: null, departmentId: 'sj-hrss' },
      });
      expect(JSON.stringify(stream.map((e) => [e.data, e.metadata]))).not.toMatch(/argon2|passphrase/);
      // Created at 1; the role change, and the deactivation with a new password (one change), raised it.
      const [row] = await pg.dataSource.query(`SELECT credentials_version FROM users WHERE id = $1`, [created.id]);
      expect(row.credentials_version).toBe(3);
      await users.change(created.id, { active: true }, SYSTEM);
      const after = await new PostgresEventStore(pg.dataSource, testKeys()).readStream(`user-${created.id}`);
      expect(after.at(-1)!.type).toBe('UserReactivated');
      const [again] = await pg.dataSource.query(`SELECT credentials_version FROM users WHERE id = $1`, [created.id]);
      expect(again.credentials_version).toBe(3); // reactivating revives no old token
    });

    it('records nothing for a change of display name or e-mail', async () => {
      const before = await new PostgresEventStore(pg.dataSource, testKeys()).readStream(`user-${created.id}`);
      await users.change(created.id, { displayName: '李伟', email: 'li.wei@example.org' }, SYSTEM);
      const after = await new PostgresEventStore(pg.dataSource, testKeys()).readStream(`user-${created.id}`);
      expect(after).toHaveLength(before.length);
    });

    it('writes the user and the event together or not at all', async () => {
      const refusing = new (class extends PostgresEventStore {
        override inTransaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
          return super.inTransaction((tx) => {
            const store = { append: () => Promise.reject(new Error('the log refused it')) } as unknown as EventStore;
            return work({ ...tx, store });
          });
        }
      })(pg.dataSource, testKeys());
      const failing = new Users(pg.dataSource, organisations, refusing);
      await expect(
        failing.create({ username: 'half-written', password: 'a long passphrase', role: 'auditor' }, SYSTEM),
      ).rejects.toThrow('the log refused it');
      expect(await pg.dataSource.query(`SELECT 1 FROM users WHERE username = 'half-written'`)).toEqual([]);
      await expect(failing.change(created.id, { role: 'auditor' }, SYSTEM)).rejects.toThrow('the log refused it');
      expect((await users.get(created.id)).role).toBe('department_reviewer');
    });

    it('refuses an admin changing their own role, scope or activation; their own password is fine', async () => {
      const admin = (await users.list()).find((u) => u.username === 'admin')!;
      const self = { userId: admin.id, role: 'admin' };
      for (const change of [{ role: 'auditor' as const }, { active: false }]) {
        await expect(users.change(admin.id, change, self)).rejects.toMatchObject({
          code: 'FORBIDDEN',
          errors: [expect.objectContaining({ code: 'ADMIN_MAY_NOT_CHANGE_OWN_ACCESS' })],
        });
      }
      expect((await users.get(admin.id)).role).toBe('admin');
      await users.change(admin.id, { password: 'a new admin passphrase', role: 'admin' }, self);
      const stream = await new PostgresEventStore(pg.dataSource, testKeys()).readStream(`user-${admin.id}`);
      expect(stream.at(-1)).toMatchObject({ type: 'UserPasswordChanged', data: { by: admin.id } });
    });
  });
});
