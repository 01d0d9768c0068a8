import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  decide,
  DEFAULT_RULE_SET,
  evolve,
  declarationStreamId,
  type Declaration,
  type DeclarationEvent,
  type DraftContent,
} from '@app/declarations';
import { readableHead, type EventMetadata, type LogCheckpoint } from '@app/event-store';
import { readFormsText } from '@app/forms';
import { SONGJIANG_HRSS } from '@app/identity';
import { draftContentOfForm } from '@app/imports';
import { AppError } from '@app/platform';
import type { Actor } from '@app/identity/roles';
import { formsFile } from './environment.js';
import { insertSeedRows, type Organisation, type SeedRow } from './seed-log.js';

/** A drafted declaration and its submission, decided but not yet appended. */
export interface Pending {
  id: string;
  submitted: DeclarationEvent;
  metadata: EventMetadata;
}

export interface DueSpread {
  /** The first reminder falls due at `start` (epoch ms), the others evenly over `windowMs` after it. */
  start: number;
  windowMs: number;
  /** REMINDER_LEAD of the worker: each stage is due `leadMs` after its reminder. */
  leadMs: number;
}

export interface Submitted {
  /** When each declaration's reminder is due (epoch ms), by declaration id. */
  remindAt: Map<string, number>;
  /** The log's head once the last submission is in. */
  head: LogCheckpoint;
}

const BATCH = 1_000;

/**
 * Appends `count` real 2025 forms as drafts of the demo department (its reviewer is a real user,
 * so each reminder has a recipient), in bulk through the seeding function, and decides their
 * submissions by the real domain: submitDue appends those once the worker has the drafts.
 */
export async function draftPending(db: DataSource, organisation: Organisation, count: number): Promise<Pending[]> {
  const department = organisation.departments.find((d) => d.id === SONGJIANG_HRSS.department.id)!;
  const forms = submittableForms(organisation, department.id, department.units[0]!.id);
  const pending: Pending[] = [];
  let inserting: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < count; start += BATCH) {
    const rows: SeedRow[] = [];
    for (let n = start; n < Math.min(count, start + BATCH); n++) {
      const unit = department.units[n % department.units.length]!;
      const preparer = organisation.peopleOf(unit.id, department.id).preparer;
      const form = forms[n % forms.length]!;
      const content = { ...form, projectName: `${form.projectName}（提醒${n + 1}）` };
      const [id, drafted, submitted] = draftAndSubmit(preparer, unit.id, department.id, content);
      const metadata = { actorId: preparer.userId, role: preparer.role, unit: preparer.unitId };
      rows.push({
        s: declarationStreamId(id),
        v: 1,
        t: drafted.type,
        d: drafted.data,
        m: metadata,
        at: drafted.data.at,
      });
      pending.push({ id, submitted, metadata });
    }
    // The database inserts one batch while the next is decided here.
    await inserting;
    inserting = insertSeedRows(db, rows);
  }
  await inserting;
  return pending;
}

/**
 * Appends the submissions, in due order, each due so that its reminder falls in the window. The
 * due time is the only field of the event set now (the calendar's stamp, which nothing else in
 * it depends on): so the head start before the window covers the scheduling alone.
 */
export async function submitDue(db: DataSource, pending: readonly Pending[], spread: DueSpread): Promise<Submitted> {
  const remindAt = new Map<string, number>();
  for (let start = 0; start < pending.length; start += BATCH * 5) {
    const rows = pending.slice(start, start + BATCH * 5).map(({ id, submitted, metadata }, i): SeedRow => {
      const at = spread.start + Math.floor(((start + i) * spread.windowMs) / pending.length);
      remindAt.set(id, at);
      const data = { ...submitted.data, dueAt: new Date(at + spread.leadMs).toISOString() };
      return { s: declarationStreamId(id), v: 2, t: submitted.type, d: data, m: metadata, at: submitted.data.at };
    });
    await insertSeedRows(db, rows);
  }
  const head = await readableHead((text, params) => db.query(text, params));
  return { remindAt, head: head! };
}

function draftAndSubmit(
  preparer: Actor,
  unitId: string,
  departmentId: string,
  content: DraftContent,
): [string, DeclarationEvent, DeclarationEvent] {
  const id = randomUUID();
  const context = { actor: preparer, now: new Date(), newId: randomUUID, dueAt: () => null };
  const drafted = decide(
    { type: 'DraftDeclaration', declarationId: id, unitId, departmentId, content, origin: { kind: 'typed' } },
    null,
    context,
    DEFAULT_RULE_SET,
  );
  const state = drafted.reduce<Declaration | null>(evolve, null)!;
  const submitted = decide({ type: 'SubmitDeclaration', comment: null }, state, context, DEFAULT_RULE_SET);
  if (drafted.length !== 1 || submitted.length !== 1) throw new Error('expected one event to draft, one to submit');
  return [id, drafted[0]!, submitted[0]!];
}

/** The real 2025 forms that can be drafted and submitted as they are (some have blocking findings). */
function submittableForms(organisation: Organisation, departmentId: string, unitId: string): DraftContent[] {
  const preparer = organisation.peopleOf(unitId, departmentId).preparer;
  const forms = readFormsText(formsFile().toString('utf8')).map(draftContentOfForm);
  const fine = forms.filter((form) => {
    try {
      draftAndSubmit(preparer, unitId, departmentId, form);
      return true;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  });
  if (fine.length === 0) throw new Error('none of the 2025 forms can be drafted and submitted as it is');
  return fine;
}
