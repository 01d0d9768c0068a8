import { randomUUID } from 'node:crypto';
import { httpClient, type Reply } from '../support/http-client.js';
import { soundBody } from '../support/declarations.js';

/** A command the API acknowledged: its events are at `version` of the stream, at `position` in the log. */
export interface Ack {
  declarationId: string;
  version: number;
  position: string;
  what: string;
}

/** What every simulated user reports into. */
export class SoakLog {
  readonly acks: Ack[] = [];
  readonly statuses = new Map<string, number>();
  readonly unexpected: string[] = [];
  readonly replays = { sent: 0, matched: 0 };
  deliberateConflicts = 0;

  count(what: string, reply: Reply, expected: readonly number[]): void {
    const key = `${what} ${reply.status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (!expected.includes(reply.status) && this.unexpected.length < 50) {
      this.unexpected.push(`${key}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
  }

  /** A 2xx that wrote something: remember where its events must be. */
  acknowledge(what: string, reply: Reply): void {
    const position = reply.headers.get('x-log-position');
    const version = versionOf(reply);
    if (reply.status < 300 && position && version !== null) {
      this.acks.push({ declarationId: reply.body.id as string, version, position, what });
    }
  }
}

const versionOf = (reply: Reply): number | null => {
  const match = /"(\d+)"/.exec(reply.headers.get('etag') ?? '');
  return match ? Number(match[1]) : null;
};
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A change, sent with If-Match; now and then deliberately with a stale version (which must get 412). */
async function change(
  http: ReturnType<typeof httpClient>,
  token: string,
  log: SoakLog,
  what: string,
  path: string,
  version: number,
  body: unknown,
  method = 'POST',
): Promise<Reply> {
  const stale = version > 1 && Math.random() < 0.05;
  if (stale) log.deliberateConflicts += 1;
  const reply = await http.call(method, path, token, body, { 'If-Match': `"${stale ? version - 1 : version}"` });
  log.count(what, reply, stale ? [412] : [200, 201, 409, 412]);
  log.acknowledge(what, reply);
  return reply;
}

/**
 * A preparer: drafts (sometimes sending the same draft twice with one Idempotency-Key), revises
 * indicators, submits, withdraws now and then, and opens amendments of confirmed declarations.
 */
export async function preparer(port: number, token: string, log: SoakLog, until: number): Promise<void> {
  const http = httpClient(port);
  let drafted = 0;
  while (Date.now() < until) {
    const roll = Math.random();
    if (roll < 0.12 || drafted < 2) {
      drafted += 1;
      const key = Math.random() < 0.3 ? randomUUID() : null;
      const body = soundBody({ projectName: `耐久测试项目 ${randomUUID().slice(0, 8)}` });
      const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};
      const reply = await http.call('POST', '/declarations', token, body, headers);
      log.count('draft', reply, [201]);
      log.acknowledge('draft', reply);
      if (key && reply.status === 201) {
        log.replays.sent += 1;
        const again = await http.call('POST', '/declarations', token, body, headers);
        const same = again.headers.get('x-log-position') === reply.headers.get('x-log-position');
        if (again.status === 201 && again.headers.get('idempotent-replayed') === 'true' && same)
          log.replays.matched += 1;
      }
      continue;
    }
    const state = roll < 0.85 ? 'draft' : roll < 0.93 ? 'confirmed' : 'departmental_review';
    const list = await http.call('GET', `/declarations?state=${state}&pageSize=50&sort=updatedAt`, token);
    log.count('list', list, [200]);
    const item = pick((list.body.items as { id: string }[] | undefined) ?? []);
    if (!item) continue;
    const read = await http.call('GET', `/declarations/${item.id}`, token);
    log.count('read', read, [200]);
    const version = versionOf(read);
    if (read.status !== 200 || version === null) continue;
    const path = `/declarations/${item.id}`;
    if (read.body.state === 'confirmed')
      await change(http, token, log, 'amend', `${path}/amend`, version, { comment: '年中调整' });
    else if (read.body.state === 'departmental_review')
      await change(http, token, log, 'withdraw', `${path}/withdraw`, version, {});
    else if (read.body.state === 'draft' && Math.random() < 0.55) {
      const indicator = pick(read.body.indicators as { id: string }[])!;
      const body = { target: `≥${Math.floor(Math.random() * 100) + 1}(次)` };
      await change(http, token, log, 'revise', `${path}/indicators/${indicator.id}`, version, body, 'PATCH');
    } else if (read.body.state === 'draft') await change(http, token, log, 'submit', `${path}/submit`, version, {});
    await pause(Math.random() * 20);
  }
}

/** A reviewer, signer or finance officer: works through their inbox, approving most, returning or rejecting some. */
export async function reviewer(port: number, token: string, stage: string, log: SoakLog, until: number): Promise<void> {
  const http = httpClient(port);
  while (Date.now() < until) {
    const inbox = await http.call('GET', '/inbox?queue=todo&pageSize=50', token);
    log.count('inbox', inbox, [200]);
    const item = pick((inbox.body.items as { id: string }[] | undefined) ?? []);
    if (!item) {
      await pause(200);
      continue;
    }
    const read = await http.call('GET', `/declarations/${item.id}`, token);
    log.count('read', read, [200]);
    const version = versionOf(read);
    // The inbox lags the log a little: act only on what is still at this reviewer's stage.
    if (read.status !== 200 || version === null || read.body.state !== stage) continue;
    const roll = Math.random();
    const [action, comment]: [string, string] =
      roll < 0.75 ? ['approve', '同意'] : roll < 0.95 ? ['return', '请补充测算依据'] : ['reject', '不予通过'];
    await change(http, token, log, action, `/declarations/${item.id}/${action}`, version, { comment });
    await pause(Math.random() * 20);
  }
}
