import { load, type LoadResult } from '../load.js';
import type { Measure } from '../report.js';

const CONNECTIONS = 8;

async function p99Of(port: number, token: string, path: string, seconds: number): Promise<LoadResult> {
  const probe = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!probe.ok) throw new Error(`GET ${path}: ${probe.status} ${await probe.text()}`);
  return load({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
}

/**
 * (e) The reviewer's inbox and a filtered list over the whole district (the finance bureau sees
 * every declaration), with the read model holding every seeded declaration: p99 under 8 connections.
 */
export async function measureReads(
  port: number,
  tokens: { reviewer: string; finance: string },
  declarations: number,
  seconds: number,
): Promise<Measure[]> {
  const inbox = await p99Of(port, tokens.reviewer, '/inbox?queue=todo', seconds);
  const listPath = '/declarations?year=2025&state=departmental_review,bureau_signoff&q=%E5%9F%B9%E8%AE%AD&pageSize=20';
  const list = await p99Of(port, tokens.finance, listPath, seconds);
  const row = (id: string, name: string, result: LoadResult, path: string): Measure => ({
    id,
    name,
    value: result.p99,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: 'p99 ≤ 30 ms',
    pass: result.p99 <= 30 && result.non2xx === 0 && result.errors === 0,
    note: `${Math.round(result.rate)} req/s, p50 ${result.p50} ms, ${CONNECTIONS} connections, ${declarations} declarations`,
    details: { ...result, path },
  });
  return [
    row('e1', 'p99 GET /inbox (reviewer, todo)', inbox, '/inbox?queue=todo'),
    row('e2', 'p99 GET /declarations (year+state+q, all units)', list, listPath),
  ];
}
