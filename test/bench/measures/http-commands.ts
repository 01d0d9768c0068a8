import type autocannon from 'autocannon';
import { soundBody } from '../../support/declarations.js';
import { httpClient } from '../../support/http-client.js';
import { header, load } from '../load.js';
import type { Measure } from '../report.js';

const CONNECTIONS = 32;

interface Slot {
  id: string;
  indicatorId: string;
  version: number;
  n: number;
  stale: number;
}

/**
 * (b) Commands through the whole path — JWT, validation, load, decide, append, wake-up — with
 * autocannon: 32 connections, each revising an indicator of its own declaration, If-Match from
 * the ETag of its previous answer. Compared with the raw INSERT rate of (a). With several apis the
 * connections are dealt round them (autocannon's client i goes to url i mod n), so each
 * declaration is changed through one api, as a keep-alive connection through a balancer would.
 */
export async function measureHttpCommands(ports: readonly number[], token: string, seconds: number, rawRate: number) {
  const http = httpClient(ports[0]!);
  const slots: Slot[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const created = await http.call('POST', '/declarations', token, soundBody({ projectName: `基准测试项目${i}` }));
    if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
    const indicators = created.body.indicators as { id: string }[];
    const version = Number(/"(\d+)"/.exec(created.headers.get('etag') ?? '')?.[1]);
    slots.push({ id: created.body.id as string, indicatorId: indicators[1]!.id, version, n: 4, stale: 0 });
  }
  let next = 0;
  const setupClient = (client: autocannon.Client) => {
    const slot = slots[next++ % slots.length]!;
    client.setRequests([
      {
        method: 'PATCH',
        path: `/declarations/${slot.id}/indicators/${slot.indicatorId}`,
        setupRequest: (request) => ({
          ...request,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'if-match': `"${slot.version}"`,
          },
          body: JSON.stringify({ target: `≥${++slot.n}(次)` }),
        }),
        onResponse: (status, _body, _context, headers) => {
          const etag = /"(\d+)"/.exec(header(headers ?? {}, 'etag') ?? '')?.[1];
          if (etag) slot.version = Number(etag);
          if (status === 412) slot.stale += 1;
        },
      },
    ]);
  };
  const result = await load({
    // autocannon takes several urls (its types say one).
    url: ports.map((port) => `http://127.0.0.1:${port}`) as unknown as string,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', path: '/health/live' }],
    setupClient,
  });
  const ratio = result.rate / rawRate;
  const measure: Measure = {
    id: 'b',
    name: `HTTP commands/s (PATCH indicator), 32 connections${ports.length > 1 ? ` over ${ports.length} apis` : ''}`,
    value: result.rate,
    unit: '/s',
    baseline: { value: rawRate, unit: '/s', what: 'raw INSERTs of (a)' },
    ratio,
    target: 'ratio ≥ 0.25, p99 ≤ 25 ms',
    pass: ratio >= 0.25 && result.p99 <= 25 && result.non2xx === 0 && result.errors === 0,
    details: { ...result, stale: slots.reduce((n, s) => n + s.stale, 0) },
  };
  measure.note = `p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}`;
  return measure;
}
