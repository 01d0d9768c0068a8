import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Status } from '@app/declarations';
import { bullConnection, QUEUE } from '@app/jobs';
import { NoticeLog } from '@app/notices';
import type { AppConfig } from '@app/config';
import type { Role } from '@app/identity/roles';
import { client, soundBody, versionOf } from './declarations.js';

/** `own`: inside the caller's unit or department (本级, sj-hrss); `other`: another department's (other-dept). */
export type Scope = 'own' | 'other';

/** One demo user per role, all of them in the `own` scope (or over every department). */
export const CALLER_OF: Readonly<Record<Role, string>> = {
  preparer: 'preparer',
  department_reviewer: 'dept-reviewer',
  bureau_signer: 'bureau-signer',
  finance_officer: 'finance',
  auditor: 'auditor',
  admin: 'admin',
  budget_officer: 'budget-officer',
};

export const UNIT_OF: Readonly<Record<Scope, string>> = { own: 'sj-hrss-bureau', other: 'other-unit' };

/** Who takes a declaration of each scope along its path (seedPeople's users). */
const PEOPLE: Record<Scope, { preparer: string; steps: [Status, string][] }> = {
  own: {
    preparer: 'preparer',
    steps: [
      ['departmental_review', 'preparer'],
      ['bureau_signoff', 'dept-reviewer'],
      ['finance_confirmation', 'bureau-signer'],
      ['confirmed', 'finance'],
    ],
  },
  other: {
    preparer: 'other-preparer',
    steps: [
      ['departmental_review', 'other-preparer'],
      ['bureau_signoff', 'other-reviewer'],
      ['finance_confirmation', 'other-signer'],
      ['confirmed', 'finance'],
    ],
  },
};

export interface Target {
  id: string;
  version: number;
  indicatorId: string;
}

/**
 * Declarations in a given state and scope, made through the API by the people of that scope.
 * Shared ones serve requests that must change nothing; a request expected to write gets its own.
 */
export class MatrixFixtures {
  private readonly shared = new Map<string, Target>();
  /** Watched only when imports are among the requests: counting jobs costs a few Redis round trips. */
  private readonly imports: Queue | null;

  constructor(
    private readonly app: NestExpressApplication,
    private readonly tokens: Record<string, string>,
    config: AppConfig,
    { watchImports = true } = {},
  ) {
    const options = { connection: bullConnection(config.redis.url), prefix: config.redis.queuePrefix };
    this.imports = watchImports ? new Queue(QUEUE.imports, options) : null;
  }

  async declaration(scope: Scope, state: Status, fresh: boolean): Promise<Target> {
    const key = `${scope}:${state}`;
    const known = this.shared.get(key);
    if (known && !fresh) return known;
    const target = await this.make(scope, state);
    if (!fresh) this.shared.set(key, target);
    return target;
  }

  /** A notice for the user with `recipientId`, as the deadline scheduler sends them. */
  async notice(recipientId: string): Promise<string> {
    const { noticeId } = await this.app.get(NoticeLog).send({
      key: `matrix:${randomUUID()}`,
      recipientHasEmail: false,
      kind: 'reminder',
      recipientId,
      title: '审核提醒',
      body: '矩阵测试',
      declarationId: null,
      stage: null,
      dueAt: null,
      items: [],
    });
    return noticeId;
  }

  /** Everything a request could write: events, users, rebuild requests, queued imports. */
  async footprint(): Promise<string> {
    const [row] = await this.app.get(DataSource).query<Record<string, unknown>[]>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM commands) AS commands,
              (SELECT count(*) || '@' || coalesce(max(updated_at)::text, '') FROM users) AS users,
              (SELECT count(*) FROM read_model_rebuilds) AS rebuilds`,
    );
    const counts = this.imports ? await this.imports.getJobCounts() : {};
    return JSON.stringify({ ...row, queued: Object.values(counts).reduce((a, b) => a + b, 0) });
  }

  async close(): Promise<void> {
    await this.imports?.close();
  }

  private async make(scope: Scope, state: Status): Promise<Target> {
    const people = PEOPLE[scope];
    const created = await client(this.app, this.tokens[people.preparer]!).create(soundBody()).expect(201);
    const target: Target = {
      id: created.body.id as string,
      version: versionOf(created),
      indicatorId: (created.body.indicators as { id: string }[])[0]!.id,
    };
    for (const [reached, by] of state === 'draft' ? [] : people.steps) {
      const action = reached === 'departmental_review' ? 'submit' : 'approve';
      const moved = await client(this.app, this.tokens[by]!).act(target.id, action, target.version).expect(200);
      target.version = versionOf(moved);
      if (reached === state) break;
    }
    return target;
  }
}
