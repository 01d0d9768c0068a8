import { z } from 'zod';
import type { DeclarationHistoryView, VerifyView } from '@app/audit';
import { historyEntryFields } from '../declarations/declaration.responses.js';
import { describes } from '../openapi/same-shape.js';

export const verifyViewSchema = describes<VerifyView>()(
  z.object({
    ok: z.boolean().meta({ description: 'true when every hash chain checked is intact' }),
    streamsChecked: z.number().int(),
    eventsChecked: z.number().int(),
    broken: z.array(
      z.object({
        streamId: z.string(),
        streamVersion: z.number().int(),
        globalPosition: z.string().nullable(),
        reason: z.string(),
      }),
    ),
  }),
);

const person = z.object({ id: z.string(), username: z.string().nullable(), displayName: z.string().nullable() });

export const historyViewSchema = describes<DeclarationHistoryView>()(
  z.object({
    declarationId: z.string(),
    version: z.number().int(),
    entries: z.array(
      z
        .object({
          ...historyEntryFields,
          streamId: z.string().optional().meta({ description: 'Only on a notice’s events: its own stream' }),
          notice: z
            .object({
              id: z.string(),
              recipient: person.nullable(),
              kind: z.string().optional(),
              title: z.string().optional(),
              body: z.string().optional(),
              declarationId: z.string().nullable().optional(),
              stage: z.string().nullable().optional(),
              dueAt: z.string().nullable().optional(),
              items: z.array(z.string()).optional(),
              channels: z.array(z.enum(['webhook', 'email'])).optional(),
              channel: z.string().optional(),
              attempts: z.number().int().optional(),
              error: z.string().optional(),
            })
            .optional(),
        })
        .meta({ id: 'HistoryEntry' }),
    ),
  }),
);
