import { z } from 'zod';
import { textFault } from '@app/platform';
import { ROLES } from './roles.js';

/** What the API and the CLI accept about a user; the scope rules and the database check the rest. */
export const PASSWORD_MIN_LENGTH = 8;

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/);
const password = z.string().min(PASSWORD_MIN_LENGTH).max(256);
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((value, context) => {
    const fault = textFault(value, 'name');
    if (fault) context.addIssue({ code: 'custom', params: { code: 'INVALID_CHARACTERS', text: fault } });
  });
const organisationId = z.string().trim().min(1).max(64);
/** Where notices are e-mailed; null removes it. */
const email = z.string().trim().max(254).pipe(z.email('an e-mail address like wang.fang@example.org'));

export const newUserSchema = z.strictObject({
  username,
  password,
  role: z.enum(ROLES),
  displayName: displayName.optional(),
  unitId: organisationId.nullish(),
  departmentId: organisationId.nullish(),
  email: email.nullish(),
});
export type NewUser = z.infer<typeof newUserSchema>;

/** A role change resets the scope to what the same request names: a scope belongs to its role. */
export const userChangeSchema = z.strictObject({
  displayName: displayName.optional(),
  role: z.enum(ROLES).optional(),
  unitId: organisationId.nullish(),
  departmentId: organisationId.nullish(),
  active: z.boolean().optional(),
  password: password.optional(),
  email: email.nullish(),
});
export type UserChange = z.infer<typeof userChangeSchema>;

export const credentialsSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(256),
});
export type Credentials = z.infer<typeof credentialsSchema>;
