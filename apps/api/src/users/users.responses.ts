import { z } from 'zod';
import { ROLES } from '@app/identity/roles';
import { USER_EVENT_TYPES, type DepartmentWithUnits, type UserView } from '@app/identity';
import { describes } from '../openapi/same-shape.js';

export const userViewSchema = describes<UserView>()(
  z
    .object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.enum(ROLES),
      unitId: z.string().nullable().meta({ description: 'A preparer’s unit' }),
      departmentId: z.string().nullable().meta({ description: 'A reviewer’s or signer’s department' }),
      email: z.string().nullable(),
      active: z.boolean(),
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .meta({ id: 'User' }),
);

export const organisationsSchema = describes<DepartmentWithUnits[]>()(
  z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      units: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
);

export const userHistorySchema = z
  .object({
    userId: z.string(),
    events: z.array(
      z.object({
        version: z.number().int().meta({ description: 'Its place in the user’s stream `user-<id>`, from 1' }),
        type: z.enum(USER_EVENT_TYPES),
        by: z.string().meta({ description: 'The admin’s user id, or `system:cli` / `system:seed`' }),
        at: z.string(),
        position: z.string().meta({ description: 'Its global position in the log (as in /audit/export)' }),
        hash: z.string(),
        data: z.record(z.string(), z.unknown()).meta({ description: 'The event as recorded (never a password)' }),
      }),
    ),
  })
  .meta({ id: 'UserHistory' });
export type UserHistory = z.infer<typeof userHistorySchema>;
