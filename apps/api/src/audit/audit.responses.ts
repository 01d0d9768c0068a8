import { z } from 'zod';
import type { DeclarationHistoryView, Receipt, VerifyView } from '@app/audit';
import type { PublicKeyView, StoredCheckpoint } from '@app/event-store';
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
        reason: z.string().meta({
          description:
            'hash_mismatch, previous_hash_mismatch, version_gap (the chain); unsigned, bad_signature, unknown_key (the proof)',
        }),
      }),
    ),
    hashFunction: z.enum(['intact', 'changed']).meta({
      description:
        '`changed`: the database’s es_event_hash is not the one its migration made; every proof was checked instead, and ok is false',
    }),
    tree: z
      .object({
        ok: z.boolean(),
        treeSize: z.number().int().meta({ description: 'Events in the log now' }),
        checkpoints: z.array(
          z.object({
            source: z.string().meta({ description: '`database` or the published file' }),
            treeSize: z.number().int().nullable(),
            status: z.enum([
              'ok',
              'malformed',
              'bad_signature',
              'unknown_key',
              'conflicting',
              'log_shorter',
              'root_mismatch',
            ]),
          }),
        ),
        leaves: z.array(
          z.object({
            reason: z.enum(['event_missing', 'event_changed', 'event_moved', 'event_inserted']),
            leafIndex: z.number().int().nullable(),
            streamId: z.string(),
            streamVersion: z.number().int(),
            globalPosition: z.string(),
          }),
        ),
      })
      .optional()
      .meta({ description: 'Whole-log checks only: the log against every signed checkpoint' }),
  }),
);

export const checkpointSchema = describes<StoredCheckpoint>()(
  z
    .object({
      treeSize: z.number().int(),
      rootHash: z.string(),
      keyId: z.string(),
      issuedAt: z.string(),
      body: z.string().meta({
        description:
          'The signed text (canonical JSON): format, treeSize, rootHash, issuedAt, keyId, lastPosition, unproven',
      }),
      signature: z.string().meta({ description: 'Ed25519 over the UTF-8 bytes of body, hex' }),
    })
    .meta({ id: 'SignedCheckpoint' }),
);

export const keysViewSchema = describes<{ keys: PublicKeyView[] }>()(
  z.object({
    keys: z.array(
      z.object({
        keyId: z.string(),
        algorithm: z.literal('Ed25519'),
        publicKey: z.string().meta({ description: 'SPKI PEM' }),
        current: z.boolean(),
      }),
    ),
  }),
);

export const checkpointsViewSchema = describes<{ checkpoints: StoredCheckpoint[] }>()(
  z.object({ checkpoints: z.array(checkpointSchema) }),
);

export const checkpointMadeSchema = describes<{ created: boolean; checkpoint: StoredCheckpoint | null }>()(
  z.object({
    created: z.boolean().meta({ description: 'false when the log did not grow since the last checkpoint' }),
    checkpoint: checkpointSchema
      .nullable()
      .meta({ description: 'The new checkpoint, else the latest (null: none yet)' }),
  }),
);

export const inclusionProofSchema = describes<{
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  path: string[];
  checkpoint: StoredCheckpoint;
}>()(
  z.object({
    leafIndex: z.number().int(),
    treeSize: z.number().int(),
    leafHash: z.string(),
    path: z.array(z.string()).meta({ description: 'RFC 9162 audit path, hex' }),
    checkpoint: checkpointSchema,
  }),
);

export const consistencyProofSchema = describes<{ from: StoredCheckpoint; to: StoredCheckpoint; path: string[] }>()(
  z.object({
    from: checkpointSchema,
    to: checkpointSchema,
    path: z.array(z.string()).meta({ description: 'RFC 9162 consistency proof, hex' }),
  }),
);

export const receiptSchema = describes<Receipt>()(
  z.object({
    format: z.literal('pta-receipt/v1'),
    declarationId: z.string(),
    event: z.object({
      streamId: z.string(),
      version: z.number().int(),
      type: z.string(),
      recordedAt: z.string(),
      data: z.string().meta({ description: 'The stored jsonb text, byte for byte' }),
      metadata: z.string(),
      previousHash: z.string().nullable(),
      hash: z.string(),
    }),
    leafIndex: z.number().int(),
    inclusionProof: z.array(z.string()),
    checkpoint: z.object({ body: z.string(), signature: z.string() }),
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
