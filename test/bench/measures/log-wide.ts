import type { DataSource } from 'typeorm';
import type { Measure } from '../report.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(port: number, token: string, method: string, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** (d) POST /admin/read-models/declarations/rebuild, until the rebuild says completed. */
export async function measureRebuild(port: number, adminToken: string, events: number): Promise<Measure> {
  const started = performance.now();
  const { rebuildId } = (await call(port, adminToken, 'POST', '/admin/read-models/declarations/rebuild')) as {
    rebuildId: string;
  };
  type Rebuild = { id: string; status: string; eventsDone: number; error: string | null };
  let rebuild: Rebuild | null;
  for (;;) {
    const models = (await call(port, adminToken, 'GET', '/admin/read-models')) as unknown as {
      name: string;
      rebuild: Rebuild | null;
    }[];
    rebuild = models.find((m) => m.name === 'declarations')?.rebuild ?? null;
    if (rebuild?.id === rebuildId && (rebuild.status === 'completed' || rebuild.status === 'failed')) break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const limit = (20 * events) / 1_000_000;
  return {
    id: 'd',
    name: `full read-model rebuild (${events.toLocaleString('en-US')} events)`,
    value: seconds,
    unit: 's',
    baseline: null,
    ratio: null,
    target: `≤ ${Number(limit.toFixed(1))} s`,
    pass: rebuild?.status === 'completed' && seconds <= limit,
    note: `${Math.round(events / seconds).toLocaleString('en-US')} events/s`,
    details: { rebuild, seconds, events },
  };
}

/** (g) GET /audit/verify over the whole log. */
export async function measureVerify(port: number, auditorToken: string, db: DataSource): Promise<Measure> {
  const [{ n }] = (await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`)) as [{ n: string }];
  const events = Number(n);
  const started = performance.now();
  const report = (await call(port, auditorToken, 'GET', '/audit/verify')) as {
    ok: boolean;
    eventsChecked: number;
    streamsChecked: number;
  };
  const seconds = (performance.now() - started) / 1000;
  const limit = (10 * events) / 1_000_000;
  return {
    id: 'g',
    name: `hash-chain verify (${report.eventsChecked.toLocaleString('en-US')} events)`,
    value: seconds,
    unit: 's',
    baseline: null,
    ratio: null,
    target: `≤ ${Number(limit.toFixed(1))} s`,
    pass: report.ok && report.eventsChecked === events && seconds <= limit,
    note: `${Math.round(events / seconds).toLocaleString('en-US')} events/s, ok=${report.ok}`,
    details: { ...report, seconds, events },
  };
}
