import type { DataSource } from 'typeorm';
import type { Role } from './roles.js';
import { AppError, type FieldError, say } from '@app/platform';
import type { Organisations } from './organisations.js';
import { Names } from './names.js';
import { hashPassword } from './passwords.js';
import { ROLE_SCOPE, scopeErrors, type Scope } from './scope.js';
import type { NewUser, UserChange } from './user-input.js';
import { isUniqueViolation, isUserId, toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-record.js';

/** User administration. Input arrives shape-checked (user-input.ts); this checks scope and uniqueness. */
export class Users {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: Organisations,
  ) {}

  async create(input: NewUser): Promise<UserView> {
    const scope = await this.resolveScope(input.role, {
      unitId: input.unitId ?? null,
      departmentId: input.departmentId ?? null,
    });
    const passwordHash = await hashPassword(input.password);
    const rows = await this.write<UserRow[]>(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id, department_id, email)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${USER_COLUMNS}`,
      [
        input.username,
        input.displayName ?? input.username,
        passwordHash,
        input.role,
        scope.unitId,
        scope.departmentId,
        input.email ?? null,
      ],
      input.username,
    );
    return toUserView(rows[0]!);
  }

  async list(): Promise<UserView[]> {
    const rows: UserRow[] = await this.db.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY lower(username)`);
    return rows.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const rows: UserRow[] = isUserId(id)
      ? await this.db.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])
      : [];
    if (!rows[0]) throw new AppError('NOT_FOUND', say('user.notFound'));
    return toUserView(rows[0]);
  }

  /** A role change clears the old scope unless the same request names it again. */
  async change(id: string, change: UserChange): Promise<UserView> {
    const current = await this.get(id);
    const role = change.role ?? current.role;
    const scope = await this.resolveScope(role, nextScope(current, role, change));
    const passwordHash = change.password === undefined ? null : await hashPassword(change.password);
    // TypeORM answers an UPDATE with [rows, rowCount], unlike an INSERT.
    const [rows] = await this.write<[UserRow[], number]>(
      `UPDATE users SET display_name = coalesce($2, display_name), role = $3, unit_id = $4, department_id = $5,
         active = coalesce($6, active), password_hash = coalesce($7, password_hash),
         email = CASE WHEN $8 THEN $9 ELSE email END, updated_at = now()
       WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [
        id,
        change.displayName ?? null,
        role,
        scope.unitId,
        scope.departmentId,
        change.active ?? null,
        passwordHash,
        change.email !== undefined,
        change.email ?? null,
      ],
      current.username,
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', say('user.notFound'));
    Names.for(this.db).forgetUser(id);
    return toUserView(rows[0]);
  }

  private async write<T>(sql: string, parameters: unknown[], username: string): Promise<T> {
    try {
      return await this.db.query<T>(sql, parameters);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('CONFLICT', say('user.usernameTaken', { username }), [
        { path: 'username', code: 'TAKEN', message: say('field.TAKEN') },
      ]);
    }
  }

  /** Checks the scope fits the role and names organisations that exist; a preparer gets their unit's department. */
  private async resolveScope(role: Role, scope: Scope): Promise<Scope> {
    const errors = scopeErrors(role, scope);
    let resolved = scope;
    if (errors.length === 0 && scope.unitId !== null) {
      const unit = await this.organisations.findUnit(scope.unitId);
      if (!unit) errors.push(fieldError('unitId', 'UNKNOWN_UNIT', `No unit with id "${scope.unitId}"`));
      else if (scope.departmentId !== null && scope.departmentId !== unit.departmentId) {
        errors.push(fieldError('departmentId', 'NOT_THE_UNITS_DEPARTMENT', `${unit.id} is under ${unit.departmentId}`));
      } else resolved = { unitId: unit.id, departmentId: unit.departmentId };
    }
    if (errors.length === 0 && ROLE_SCOPE[role] === 'department') {
      const department = await this.organisations.findDepartment(scope.departmentId!);
      if (!department) {
        errors.push(fieldError('departmentId', 'UNKNOWN_DEPARTMENT', `No department with id "${scope.departmentId}"`));
      }
    }
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', undefined, errors);
    return resolved;
  }
}

function fieldError(path: string, code: string, message: string): FieldError {
  return { path, code, message };
}

/** What the user's scope becomes; a preparer's department always follows from their unit. */
function nextScope(current: UserView, role: Role, change: UserChange): Scope {
  const keep = role === current.role;
  const pick = (given: string | null | undefined, was: string | null) =>
    given !== undefined ? given : keep ? was : null;
  const unitId = pick(change.unitId, current.unitId);
  const departmentId =
    ROLE_SCOPE[role] === 'unit' ? (change.departmentId ?? null) : pick(change.departmentId, current.departmentId);
  return { unitId, departmentId };
}
