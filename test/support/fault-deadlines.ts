import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  decide,
  DEFAULT_RULE_SET,
  evolve,
  declarationStreamId,
  type Declaration,
  type DeclarationCommand,
} from '@app/declarations';
import { PostgresEventStore } from '@app/event-store';
import { bullConnection, type QueueName } from '@app/jobs';
import type { Actor, Role } from '@app/identity/roles';
import { content } from './workload.js';
import { testKeys } from './keys.js';

/** The seeded demo users (seedIdentity) as actors, by username. */
export async function seededActors(db: DataSource): Promise<Record<string, Actor>> {
  const rows = await db.query<
    { id: string; username: string; role: Role; unit_id: string | null; department_id: string | null }[]
  >(`SELECT id::text AS id, username, role, unit_id, department_id FROM users`);
  return Object.fromEntries(
    rows.map((r) => [r.username, { userId: r.id, role: r.role, unitId: r.unit_id, departmentId: r.department_id }]),
  );
}

export interface Logged {
  id: string;
  state: Declaration;
  version: number;
}

type Stream = Omit<Logged, 'state'> & { state: Declaration | null };

/**
 * Declarations of the seeded bureau written straight into the log with the domain's own events
 * (decide, as the api appends them), due when the test says. The api takes due times from the
 * budget calendar, days ahead; the processes run on the real clock.
 */
export class LoggedDeclarations {
  private readonly store: PostgresEventStore;
  private drafted = 0;

  constructor(
    db: DataSource,
    private readonly people: Record<string, Actor>,
  ) {
    this.store = new PostgresEventStore(db, testKeys());
  }

  /** Drafted and submitted by the preparer: in departmental review, due at `dueAt`. */
  async submitted(dueAt: Date): Promise<Logged> {
    this.drafted += 1;
    const id = randomUUID();
    const draft: DeclarationCommand = {
      type: 'DraftDeclaration',
      declarationId: id,
      unitId: 'sj-hrss-bureau',
      departmentId: 'sj-hrss',
      content: content(this.drafted),
      origin: { kind: 'typed' },
    };
    const drafted = await this.act({ id, state: null, version: 0 }, draft, 'preparer');
    return this.act(drafted, { type: 'SubmitDeclaration', comment: null }, 'preparer', dueAt);
  }

  withdrawn(declaration: Logged): Promise<Logged> {
    return this.act(declaration, { type: 'WithdrawSubmission', comment: null }, 'preparer');
  }

  /** Approved by the department reviewer: in bureau sign-off, due at `dueAt`. */
  approved(declaration: Logged, dueAt: Date): Promise<Logged> {
    return this.act(declaration, { type: 'ApproveDeclaration', comment: '同意' }, 'dept-reviewer', dueAt);
  }

  private async act(
    declaration: Stream,
    command: DeclarationCommand,
    username: string,
    dueAt: Date | null = null,
  ): Promise<Logged> {
    const actor = this.people[username]!;
    const context = { actor, now: new Date(), newId: randomUUID, dueAt: () => dueAt };
    const { state } = declaration;
    const events = decide(command, state, context, DEFAULT_RULE_SET);
    await this.store.append(
      declarationStreamId(declaration.id),
      state === null ? 'no_stream' : declaration.version,
      events,
      {
        actorId: actor.userId,
        role: actor.role,
        unit: actor.unitId,
      },
    );
    return {
      id: declaration.id,
      state: events.reduce<Declaration | null>(evolve, state)!,
      version: declaration.version + events.length,
    };
  }
}

/** A BullMQ queue of the processes', for the length of `use` (closed before Redis goes away). */
export async function withQueue<T>(
  redisUrl: string,
  prefix: string,
  name: QueueName,
  use: (queue: Queue) => Promise<T>,
): Promise<T> {
  const queue = new Queue(name, { connection: bullConnection(redisUrl), prefix });
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}
