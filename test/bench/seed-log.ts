import { actionsIn, type DraftContent } from '@app/declarations';
import { EventStore, type AppendResult, type EventMetadata, type NewEvent } from '@app/event-store';
import { readFormsText } from '@app/forms';
import { draftContentOfForm } from '@app/imports';
import type { DataSource } from 'typeorm';
import { AppError } from '@app/platform';
import { testKeys } from '../support/keys.js';
import { Workload, type People } from '../support/workload.js';
import { formsFile } from './environment.js';

/** One event as the seeding function takes it: stream, version, type, data, metadata, recorded at. */
export interface SeedRow {
  s: string;
  v: number;
  t: string;
  d: unknown;
  m: EventMetadata;
  at: string;
}

/**
 * Bench-only: inserts a batch of events with their hash chains computed by the store's own
 * `es_event_hash`, version layer by version layer, so each stream's events are spread over the
 * batch as they would be in a real log. Streams must start in the batch (version 1 first).
 */
const SEED_FUNCTION = `
  CREATE OR REPLACE FUNCTION bench_seed(p_rows jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE v_layer integer; v_max integer; v_count bigint := 0; v_n bigint;
  BEGIN
    CREATE TEMP TABLE IF NOT EXISTS bench_batch (s text, v integer, t text, d jsonb, m jsonb, at timestamptz, k text, p text)
      ON COMMIT DELETE ROWS;
    INSERT INTO bench_batch SELECT * FROM jsonb_to_recordset(p_rows)
      AS x(s text, v integer, t text, d jsonb, m jsonb, at timestamptz, k text, p text);
    SELECT max(v) INTO v_max FROM bench_batch;
    FOR v_layer IN 1..coalesce(v_max, 0) LOOP
      INSERT INTO events (stream_id, stream_version, type, data, metadata, recorded_at, previous_hash, hash, key_id, proof)
      SELECT b.s, b.v, b.t, b.d, b.m, b.at, p.hash, es_event_hash(p.hash, b.s, b.v, b.t, b.d, b.m, b.at), b.k, b.p
        FROM bench_batch b
        LEFT JOIN LATERAL (SELECT e.hash FROM events e WHERE e.stream_id = b.s AND e.stream_version = b.v - 1) p
          ON b.v > 1
       WHERE b.v = v_layer
       ORDER BY b.at, b.s;
      GET DIAGNOSTICS v_n = ROW_COUNT;
      v_count := v_count + v_n;
    END LOOP;
    RETURN v_count;
  END $$`;

let seedKeys: ReturnType<typeof testKeys> | undefined;

/** Each row with its key id and proof, as the service proves its appends: verify (g) checks every proof. */
function proven(rows: readonly SeedRow[]) {
  const keys = (seedKeys ??= testKeys());
  return rows.map((r) => ({
    ...r,
    k: keys.currentKeyId,
    p: keys.prove({ streamId: r.s, streamVersion: r.v, type: r.t, data: r.d, metadata: r.m }),
  }));
}

/** Inserts more events through the seeding function, once seedLog has created it; resolves to how many. */
export async function insertSeedRows(db: DataSource, rows: readonly SeedRow[]): Promise<number> {
  const [row] = await db.query<{ n: string }[]>(`SELECT bench_seed($1::jsonb) AS n`, [JSON.stringify(proven(rows))]);
  return Number(row!.n);
}

/** An EventStore that only collects what a Workload appends, for the seeding function to insert. */
class CollectingStore extends EventStore {
  rows: SeedRow[] = [];
  private readonly versions = new Map<string, number>();

  append(streamId: string, _expected: unknown, events: readonly NewEvent[], metadata: EventMetadata) {
    let version = this.versions.get(streamId) ?? 0;
    const first = version + 1;
    for (const event of events) {
      version += 1;
      const at = (event.data as { at: string }).at;
      this.rows.push({ s: streamId, v: version, t: event.type, d: event.data, m: metadata, at });
    }
    this.versions.set(streamId, version);
    return Promise.resolve({ streamId, firstVersion: first, nextExpectedVersion: version } as AppendResult);
  }

  take(): SeedRow[] {
    const rows = this.rows;
    this.rows = [];
    this.versions.clear();
    return rows;
  }

  appendMany(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
  readStream(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
  streamHead(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
  readAll(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
  findCommand(): Promise<null> {
    return Promise.resolve(null);
  }
  verify(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
  inTransaction(): Promise<never> {
    return Promise.reject(new Error('not in the seeding store'));
  }
}

/** Where the declarations live: real units of the 2025 forms first, then the bench's own departments. */
export interface Organisation {
  departments: { id: string; name: string; units: { id: string; name: string }[] }[];
  /** The people who act on declarations of a unit (real users where the bench has them). */
  peopleOf(unitId: string, departmentId: string): People;
}

export interface SeedOptions {
  declarations: number;
  /** Workflow steps per declaration on average (each one or more events). */
  stepsPerDeclaration: number;
  batch?: number;
  onProgress?: (declarations: number, events: number) => void;
}

/**
 * Fills the log with `declarations` real-looking declarations: the 33 real 2025 forms drafted as
 * imports (cycled, one byte of the project name varied), then walked through the workflow by the
 * workload helper (edits, submissions, approvals, returns, rejections, amendments). The events are
 * decided by the real domain and inserted in batches, with valid hash chains.
 */
export async function seedLog(db: DataSource, organisation: Organisation, options: SeedOptions): Promise<number> {
  await db.query(SEED_FUNCTION);
  const forms = readFormsText(formsFile().toString('utf8')).map(draftContentOfForm);
  const units = organisation.departments.flatMap((d) => d.units.map((u) => ({ unitId: u.id, departmentId: d.id })));
  const batch = options.batch ?? 2_000;
  let events = 0;
  let inserting: Promise<void> = Promise.resolve();
  for (let start = 0; start < options.declarations; start += batch) {
    const store = new CollectingStore();
    const workload = new Workload(store, {
      discards: false,
      staff: (unitId, departmentId) => organisation.peopleOf(unitId, departmentId),
      draft: (n) => ({
        content: formContent(forms, n),
        origin: { kind: 'import', fileSha256: 'bench'.padEnd(64, '0'), formIndex: (n % forms.length) + 1 },
      }),
    });
    const size = Math.min(batch, options.declarations - start);
    for (let n = start; n < start + size; n++) {
      const unit = units[n % units.length]!;
      await workload.draft(n, unit.unitId, unit.departmentId);
    }
    for (let i = 0; i < size * options.stepsPerDeclaration; i++) await step(workload, i);
    const rows = JSON.stringify(proven(store.take()));
    // The database inserts one batch while the next is decided here: two cores, both busy.
    await inserting;
    inserting = db.query(`SELECT bench_seed($1::jsonb) AS n`, [rows]).then(([row]: { n: string }[]) => {
      events += Number(row!.n);
      options.onProgress?.(start + size, events);
    });
  }
  await inserting;
  await db.query(`ANALYZE events`);
  return events;
}

/** A form's content with the project name made unique, so the declarations differ as real ones do. */
function formContent(forms: readonly DraftContent[], n: number): DraftContent {
  const form = forms[n % forms.length]!;
  return { ...form, projectName: `${form.projectName}（${Math.floor(n / forms.length) + 1}）` };
}

/** How often each action is taken where the workflow allows it: most work is editing and approving. */
const WEIGHT: Record<string, number> = {
  edit: 3,
  submit: 1.2,
  withdraw: 0.2,
  approve: 3,
  return: 0.8,
  reject: 0.1,
  amend: 0.2,
};

/** A deterministic pseudo-random number in [0, 1) for step `i`. */
const noise = (i: number) => ((Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0) % 1_000_003) / 1_000_003;

async function step(workload: Workload, i: number): Promise<void> {
  const tracked = workload.declarations[i % workload.declarations.length]!;
  // As the workload offers them: it discards nothing here (discards: false).
  const actions = actionsIn(tracked.state.workflow.status).filter((a) => a !== 'discard');
  if (actions.length === 0) return;
  let left = noise(i) * actions.reduce((sum, a) => sum + (WEIGHT[a] ?? 1), 0);
  const index = Math.max(
    0,
    actions.findIndex((a) => (left -= WEIGHT[a] ?? 1) < 0),
  );
  // The workload takes actions[choice % n]; the multiple of n varies what an edit does.
  const choice = index + actions.length * Math.floor(noise(i + 1) * 100);
  try {
    await workload.step(i, choice);
  } catch (error) {
    // A real form with blocking findings cannot be submitted: it stays a draft, as it would.
    if (!(error instanceof AppError)) throw error;
  }
}
