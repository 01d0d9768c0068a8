import { z } from 'zod';
import { findingSchema, named } from '../declarations/declaration.responses.js';
import { describes } from '../openapi/same-shape.js';
import type { ImportStatusView } from './import-queue.js';
import type { AcceptedImport } from './imports.controller.js';

export const acceptedImportSchema = describes<AcceptedImport>()(
  z.object({
    id: z.string(),
    status: z.literal('queued'),
    total: z.number().int().meta({ description: 'Forms found in the file' }),
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
              status: z.enum(['created', 'skipped']),
              declarationId: z.string(),
              findings: z.array(findingSchema),
            }),
          ),
          created: z.number().int(),
          skipped: z.number().int(),
        })
        .optional()
        .meta({ description: 'Once completed: per form, created or skipped (already imported), and its findings' }),
      error: z.string().optional(),
    })
    .meta({ id: 'ImportStatus' }),
);
