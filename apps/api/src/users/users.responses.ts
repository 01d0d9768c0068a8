import { z } from 'zod';
import { ROLES } from '@app/identity/roles';
import type { DepartmentWithUnits, UserView } from '@app/identity';
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
