import type { Actor, Role } from './roles.js';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Set for a preparer. */
  unitId: string | null;
  /** A reviewer's or signer's department; for a preparer, their unit's. */
  departmentId: string | null;
  /** Where notices are e-mailed, if anywhere. */
  email: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is calling: what the approval path needs (the Actor) and what a person reads. */
export interface Caller {
  actor: Actor;
  username: string;
  displayName: string;
  /** Raised by a password change, a deactivation or a change of role or scope: older tokens are void. */
  credentialsVersion: number;
}

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  unit_id: string | null;
  department_id: string | null;
  email: string | null;
  active: boolean;
  credentials_version: number;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS =
  'id, username, display_name, password_hash, role, unit_id, department_id, email, active, credentials_version, created_at, updated_at';

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    departmentId: row.department_id,
    email: row.email,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCaller(row: UserRow): Caller {
  return {
    actor: { userId: row.id, role: row.role, unitId: row.unit_id, departmentId: row.department_id },
    username: row.username,
    displayName: row.display_name,
    credentialsVersion: row.credentials_version,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is simply not found: PostgreSQL would refuse to cast it to uuid (a 500). */
export function isUserId(value: string): boolean {
  return UUID.test(value);
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}
