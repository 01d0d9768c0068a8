// Organisations, users and sign-in: the lib's public face.
export { Authentication } from './authentication.js';
export { IdentityModule } from './identity.module.js';
export { CreateIdentity1764151200000 } from './migrations/1764151200000-create-identity.js';
export { AddUserEmail1764259200000 } from './migrations/1764259200000-add-user-email.js';
export { CredentialsVersion1796700400000 } from './migrations/1796700400000-credentials-version.js';
export { AddBudgetOfficerRole1796700600000 } from './migrations/1796700600000-add-budget-officer-role.js';
export { organisationNameKey } from './name-key.js';
export { Names, type NameBook, type NameRequest, type UserName } from './names.js';
export { Organisations, type Department, type DepartmentWithUnits, type Unit } from './organisations.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { ROLE_SCOPE, scopeErrors, type Scope, type ScopeKind } from './scope.js';
export { DEMO_USERS, SONGJIANG_HRSS, seedIdentity, type DemoUser, type SeedReport } from './seed.js';
export {
  credentialsSchema,
  newUserSchema,
  PASSWORD_MIN_LENGTH,
  userChangeSchema,
  type Credentials,
  type NewUser,
  type UserChange,
} from './user-input.js';
export type { Caller, UserView } from './user-record.js';
export { Users } from './users.js';
export {
  CLI,
  SEED,
  USER_EVENT_TYPES,
  USER_STREAM_PREFIX,
  userStreamId,
  type Access,
  type ChangedBy,
  type UserEvent,
  type UserEventType,
} from './user-events.js';
