import { z } from 'zod';
import { DUPLICATES_LISTED } from '@app/imports';
import { findingSchema, named } from '../declarations/declaration.responses.js';
import { describes } from '../openapi/same-shape.js';
import type { ImportStatusView } from './import-queue.js';
import type { AcceptedImport } from './imports.controller.js';

export const importQuerySchema = z.object({
  duplicates: z.enum(['flag', 'skip']).default('flag'),
  only: z.enum(['all', 'mine']).default('all'),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const acceptedImportSchema = describes<AcceptedImport>()(
  z.object({
    id: z.string(),
    status: z.literal('queued'),
    total: z.number().int().meta({ description: 'Forms of the file to import (with only=mine: the caller’s)' }),
    duplicates: z.number().int().meta({ description: 'Of those, possible duplicates left out (duplicates=skip)' }),
    notYours: z.number().int().meta({ description: 'Other units’ forms left out (only=mine)' }),
    location: z.string(),
  }),
);

export const importStatusSchema = describes<ImportStatusView>()(
  z
    .object({
      id: z.string(),
      status: z.enum(['queued', 'running', 'completed', 'failed']),
      progress: z.object({ done: z.number().int(), total: z.number().int() }),
      report: z
        .object({
          fileSha256: z.string(),
          forms: z.array(
            z.object({
              index: z.number().int(),
              projectName: z.string(),
              unit: named,
              status: z.enum(['created', 'skipped', 'duplicate']).meta({
                description:
                  'created now; skipped: this file’s form was imported before; duplicate: left out by duplicates=skip (declarationId is the declaration it duplicates)',
              }),
              declarationId: z.string(),
              possibleDuplicateOf: z.array(z.string()).meta({
                description: `Existing declarations of the same unit, year and project name (not discarded), oldest first, at most ${DUPLICATES_LISTED}`,
              }),
              findings: z.array(findingSchema),
            }),
          ),
          created: z.number().int(),
          skipped: z.number().int(),
          duplicates: z.number().int().meta({ description: 'Forms left out by duplicates=skip' }),
          notYours: z
            .array(z.object({ index: z.number().int(), projectName: z.string(), unit: named }))
            .meta({ description: 'Other units’ forms left out by only=mine' }),
        })
        .optional()
        .meta({
          description:
            'Once completed: per form, created, skipped (already imported) or duplicate, its possible duplicates and findings; the forms left out by only=mine',
        }),
      error: z.string().optional(),
    })
    .meta({ id: 'ImportStatus' }),
);
