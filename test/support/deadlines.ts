import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { Clock } from '@app/platform';

/** Real time, shifted: `set(t)` makes now() read t, and it goes on ticking from there. */
export class OffsetClock extends Clock {
  private offset = 0;

  constructor(at?: Date) {
    super();
    if (at) this.set(at);
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
  }
}

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  body: {
    id: string;
    kind: string;
    title: string;
    body: string;
    declarationId: string | null;
    recipient: { id: string };
  };
  status: number;
}

/** A local webhook receiver; `answer` decides each response's status from the request (and how often it was seen). */
export async function startWebhookSink(
  answer: (body: WebhookRequest['body'], seenBefore: number) => number = () => 200,
): Promise<{ url: string; requests: WebhookRequest[]; close(): Promise<void> }> {
  const requests: WebhookRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as WebhookRequest['body'];
      const seen = requests.filter((r) => r.body.id === body.id).length;
      const status = answer(body, seen);
      requests.push({ headers: req.headers, raw, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/pta`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `probe` returns something truthy. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loses everything the test's queues had in Redis (as a Redis restarted empty would), and nothing else's. */
export async function flushQueues(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
