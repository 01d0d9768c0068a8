import type { Role } from './roles.js';

/** A user's events are one stream in the log, beside the declarations': `user-<id>`. */
export const USER_STREAM_PREFIX = 'user-';
export const userStreamId = (userId: string): string => `${USER_STREAM_PREFIX}${userId}`;

/** Who changed a user: a signed-in admin, or the command line (`system:cli`, `system:seed`). */
export interface ChangedBy {
  userId: string;
  role: string;
}
export const CLI: ChangedBy = { userId: 'system:cli', role: 'system' };
export const SEED: ChangedBy = { userId: 'system:seed', role: 'system' };

/** A role and the scope it comes with. */
export interface Access {
  role: Role;
  unitId: string | null;
  departmentId: string | null;
}

/** Who (`by`, a user id or `system:…`) and when (`at`); never a password or its hash. */
interface Stamp {
  userId: string;
  by: string;
  at: string;
}

/**
 * What is recorded of a user, each in the same transaction as the change to the `users` row. A
 * change of display name or e-mail is not recorded: it grants nothing.
 */
export type UserEvent =
  | { type: 'UserCreated'; data: Stamp & Access & { username: string; displayName: string } }
  | { type: 'UserAccessChanged'; data: Stamp & { before: Access; after: Access } }
  | { type: 'UserDeactivated'; data: Stamp }
  | { type: 'UserReactivated'; data: Stamp }
  | { type: 'UserPasswordChanged'; data: Stamp };

export type UserEventType = UserEvent['type'];
export const USER_EVENT_TYPES = [
  'UserCreated',
  'UserAccessChanged',
  'UserDeactivated',
  'UserReactivated',
  'UserPasswordChanged',
] as const satisfies readonly UserEventType[];

/** What a change of the row means, in the order it is recorded. */
export function userChangeEvents(
  stamp: Stamp,
  before: Access & { active: boolean },
  after: Access & { active: boolean },
  passwordChanged: boolean,
): UserEvent[] {
  const events: UserEvent[] = [];
  const access = (a: Access): Access => ({ role: a.role, unitId: a.unitId, departmentId: a.departmentId });
  if (before.role !== after.role || before.unitId !== after.unitId || before.departmentId !== after.departmentId) {
    events.push({ type: 'UserAccessChanged', data: { ...stamp, before: access(before), after: access(after) } });
  }
  if (before.active && !after.active) events.push({ type: 'UserDeactivated', data: stamp });
  if (!before.active && after.active) events.push({ type: 'UserReactivated', data: stamp });
  if (passwordChanged) events.push({ type: 'UserPasswordChanged', data: stamp });
  return events;
}
