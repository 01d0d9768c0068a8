import type { DataSource } from 'typeorm';
import type { EventMetadata, EventStore, StoredEvent, StoreTransaction } from '@app/event-store';
import { AppError, requestContext, say, type FieldError } from '@app/platform';
import type { Role } from './roles.js';
import type { Organisations } from './organisations.js';
import { Names } from './names.js';
import { hashPassword } from './passwords.js';
import { ROLE_SCOPE, scopeErrors, type Scope } from './scope.js';
import type { NewUser, UserChange } from './user-input.js';
import { userChangeEvents, userStreamId, type ChangedBy, type UserEvent } from './user-events.js';
import { isUniqueViolation, isUserId, toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-record.js';

/** User administration. Input arrives shape-checked (user-input.ts); this checks scope and uniqueness. */
export class Users {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: Organisations,
    private readonly events: EventStore,
  ) {}

  /** Creates the user and records UserCreated on `user-<id>`, in one transaction. */
  async create(input: NewUser, by: ChangedBy): Promise<UserView> {
    const scope = await this.resolveScope(input.role, {
      unitId: input.unitId ?? null,
      departmentId: input.departmentId ?? null,
    });
    const passwordHash = await hashPassword(input.password);
    const row = await this.uniquely(
      input.username,
      (tx) =>
        tx.query<UserRow[]>(
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
        ),
      (row) => [
        {
          type: 'UserCreated',
          data: {
            ...stamp(row.id, by),
            username: row.username,
            displayName: row.display_name,
            role: row.role,
            unitId: row.unit_id,
            departmentId: row.department_id,
          },
        },
      ],
      by,
    );
    return toUserView(row);
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

  /** What was recorded of a user, oldest first (404 for no such user). */
  async history(id: string): Promise<StoredEvent[]> {
    await this.get(id);
    return this.events.readStream(userStreamId(id));
  }

  /**
   * A role change clears the old scope unless the same request names it again. Each change of
   * access, activation or password is recorded on the user's stream in the same transaction, and
   * (but for a reactivation) raises the credentials version: tokens issued before stop working.
   */
  async change(id: string, change: UserChange, by: ChangedBy): Promise<UserView> {
    const current = await this.get(id);
    const role = change.role ?? current.role;
    const scope = await this.resolveScope(role, nextScope(current, role, change));
    const passwordHash = change.password === undefined ? null : await hashPassword(change.password);
    const after = { role, ...scope, active: change.active ?? current.active };
    const events = userChangeEvents(stamp(id, by), current, after, passwordHash !== null);
    if (by.userId === id) refuseOwnAccessChange(events);
    const revokes = events.some((e) => e.type !== 'UserReactivated');
    const row = await this.uniquely(
      current.username,
      async (tx) => {
        // Locked and compared with what the events were made from: a change in between is a 409, not a wrong record.
        const [locked] = await tx.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
        if (!locked) throw new AppError('NOT_FOUND', say('user.notFound'));
        if (!sameAccess(locked, current)) {
          throw new AppError('CONFLICT', say('user.changedMeanwhile'));
        }
        // TypeORM answers an UPDATE with [rows, rowCount], unlike an INSERT.
        const [rows] = await tx.query<[UserRow[], number]>(
          `UPDATE users SET display_name = coalesce($2, display_name), role = $3, unit_id = $4, department_id = $5,
             active = $6, password_hash = coalesce($7, password_hash),
             email = CASE WHEN $8 THEN $9 ELSE email END, updated_at = now(),
             credentials_version = credentials_version + CASE WHEN $10 THEN 1 ELSE 0 END
           WHERE id = $1 RETURNING ${USER_COLUMNS}`,
          [
            id,
            change.displayName ?? null,
            role,
            scope.unitId,
            scope.departmentId,
            after.active,
            passwordHash,
            change.email !== undefined,
            change.email ?? null,
            revokes,
          ],
        );
        return rows;
      },
      () => events,
      by,
    );
    Names.for(this.db).forgetUser(id);
    return toUserView(row);
  }

  /** Writes the row and appends its events in one transaction; a taken username is a 409. */
  private async uniquely(
    username: string,
    write: (tx: StoreTransaction) => Promise<UserRow[]>,
    eventsOf: (row: UserRow) => UserEvent[],
    by: ChangedBy,
  ): Promise<UserRow> {
    try {
      return await this.events.inTransaction(async (tx) => {
        const [row] = await write(tx);
        if (!row) throw new AppError('NOT_FOUND', say('user.notFound'));
        const events = eventsOf(row);
        if (events.length > 0) await tx.store.append(userStreamId(row.id), 'any', events, metadataOf(by));
        return row;
      });
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

function stamp(userId: string, by: ChangedBy) {
  return { userId, by: by.userId, at: new Date().toISOString() };
}

function metadataOf(by: ChangedBy): EventMetadata {
  const correlationId = requestContext.current()?.correlationId;
  return { actorId: by.userId, role: by.role, ...(correlationId ? { correlationId } : {}) };
}

function sameAccess(row: UserRow, view: UserView): boolean {
  return (
    row.role === view.role &&
    row.unit_id === view.unitId &&
    row.department_id === view.departmentId &&
    row.active === view.active
  );
}

/** An admin may not change their own role, scope or activation: another admin must (and it is recorded). */
function refuseOwnAccessChange(events: readonly UserEvent[]): void {
  const own = events.find((e) => e.type !== 'UserPasswordChanged');
  if (!own) return;
  const path = own.type === 'UserAccessChanged' ? 'role' : 'active';
  throw new AppError('FORBIDDEN', say('user.ownAccess'), [
    { path, code: 'ADMIN_MAY_NOT_CHANGE_OWN_ACCESS', message: say('field.ADMIN_MAY_NOT_CHANGE_OWN_ACCESS') },
  ]);
}
