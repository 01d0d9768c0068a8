import type { DataSource } from 'typeorm';
import type { Role } from './roles.js';
import { AppError, say } from '@app/platform';
import { Organisations, type Department, type Unit } from './organisations.js';
import { type EventStore } from '@app/event-store';
import { SEED } from './user-events.js';
import { Users } from './users.js';

/** The department and the five units the 2025 forms come from; ids are stable slugs. */
export const SONGJIANG_HRSS: { department: Department; units: Unit[] } = {
  department: { id: 'sj-hrss', name: '上海市松江区人力资源和社会保障局' },
  units: [
    ['sj-hrss-bureau', '上海市松江区人力资源和社会保障局（本级）'],
    ['sj-hrss-talent', '上海市松江区人力资源发展中心（上海市松江区机关事业单位福利事业中心）'],
    ['sj-hrss-arbitration', '上海市松江区劳动人事争议仲裁院'],
    ['sj-hrss-employment', '上海市松江区就业促进中心'],
    ['sj-hrss-social-security', '上海市松江区社会保障服务中心'],
  ].map(([id, name]) => ({ id: id!, name: name!, departmentId: 'sj-hrss' })),
};

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  unitId?: string;
  departmentId?: string;
}

/** For local use only: the passwords are published in the README. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'preparer', role: 'preparer', displayName: '演示·编制人（本级）', unitId: 'sj-hrss-bureau' },
  { username: 'dept-reviewer', role: 'department_reviewer', displayName: '演示·主管部门审核', departmentId: 'sj-hrss' },
  { username: 'bureau-signer', role: 'bureau_signer', displayName: '演示·局领导审签', departmentId: 'sj-hrss' },
  { username: 'finance', role: 'finance_officer', displayName: '演示·财政局' },
  { username: 'auditor', role: 'auditor', displayName: '演示·审计' },
  { username: 'admin', role: 'admin', displayName: '演示·管理员' },
  { username: 'budget-officer', role: 'budget_officer', displayName: '演示·预算科' },
].map((user) => ({ ...user, role: user.role as Role, password: `${user.username}-demo` }));

export interface SeedReport {
  created: string[];
  existing: string[];
}

/**
 * Organisations and one demo user per role. Idempotent: what exists is left as it is (an admin
 * may have changed a demo user since). Refused in production, where published passwords must not exist.
 */
export async function seedIdentity(db: DataSource, environment: string, events: EventStore): Promise<SeedReport> {
  if (environment === 'production') {
    throw new AppError('FORBIDDEN', say('user.seedInProduction'));
  }
  const organisations = new Organisations(db);
  const users = new Users(db, organisations, events);
  const report: SeedReport = { created: [], existing: [] };
  const note = (added: boolean, what: string) => (added ? report.created : report.existing).push(what);
  note(await organisations.addDepartment(SONGJIANG_HRSS.department), `department ${SONGJIANG_HRSS.department.id}`);
  for (const unit of SONGJIANG_HRSS.units) note(await organisations.addUnit(unit), `unit ${unit.id}`);
  for (const user of DEMO_USERS) note(await createUnlessTaken(users, user), `user ${user.username}`);
  return report;
}

async function createUnlessTaken(users: Users, user: DemoUser): Promise<boolean> {
  try {
    await users.create(user, SEED);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return false;
    throw error;
  }
}
