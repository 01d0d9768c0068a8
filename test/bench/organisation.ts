import { DEMO_USERS, Organisations, SONGJIANG_HRSS, seedIdentity } from '@app/identity';
import type { DataSource } from 'typeorm';
import type { People } from '../support/workload.js';
import type { Organisation } from './seed-log.js';
import { PostgresEventStore } from '@app/event-store';
import { testKeys } from '../support/keys.js';

/** The demo users' ids by username (`preparer`, `dept-reviewer`, ...). */
export type UserIds = Record<string, string>;

/**
 * The district as the bench sees it: the real department of the 2025 forms with its five units
 * and demo users, and `extra` departments of five units each, like the other bureaus of a district.
 * Declarations of the real department are handled by the demo users (so their inbox is full);
 * the others by people who exist only in the events.
 */
export async function seedOrganisation(db: DataSource, extra: number): Promise<Organisation & { users: UserIds }> {
  await seedIdentity(db, 'test', new PostgresEventStore(db, testKeys()));
  const organisations = new Organisations(db);
  const departments = [
    { ...SONGJIANG_HRSS.department, units: SONGJIANG_HRSS.units.map(({ id, name }) => ({ id, name })) },
  ];
  for (let d = 1; d <= extra; d++) {
    const id = `bench-d${String(d).padStart(2, '0')}`;
    const department = { id, name: `松江区第${d}委办局`, units: [] as { id: string; name: string }[] };
    await organisations.addDepartment({ id, name: department.name });
    for (let u = 1; u <= 5; u++) {
      const unit = { id: `${id}-u${u}`, name: `松江区第${d}委办局第${u}所属单位` };
      await organisations.addUnit({ ...unit, departmentId: id });
      department.units.push(unit);
    }
    departments.push(department);
  }
  const rows = await db.query<{ id: string; username: string }[]>(`SELECT id, username FROM users`);
  const users: UserIds = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  const real = (name: string) => users[DEMO_USERS.find((u) => u.username === name)!.username]!;
  const peopleOf = (unitId: string, departmentId: string): People => {
    const inHrss = departmentId === SONGJIANG_HRSS.department.id;
    return {
      preparer: {
        userId: unitId === 'sj-hrss-bureau' ? real('preparer') : `prep-${unitId}`,
        role: 'preparer',
        unitId,
        departmentId,
      },
      reviewer: {
        userId: inHrss ? real('dept-reviewer') : `rev-${departmentId}`,
        role: 'department_reviewer',
        unitId: null,
        departmentId,
      },
      signer: {
        userId: inHrss ? real('bureau-signer') : `sign-${departmentId}`,
        role: 'bureau_signer',
        unitId: null,
        departmentId,
      },
      finance: { userId: real('finance'), role: 'finance_officer', unitId: null, departmentId: null },
    };
  };
  return { departments, peopleOf, users };
}
