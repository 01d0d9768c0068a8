import type autocannon from 'autocannon';
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

/** A declaration as a preparer types it: form 1 of the real export. */
export function typedBody(projectName: string): Record<string, unknown> {
  return {
    year: 2025,
    projectName,
    nature: '其他经常性项目',
    category: '其他运转类',
    plannedStart: '2025-01-01',
    plannedEnd: '2025-12-31',
    funds: { annualTotal: 381419.84, currentYearAppropriation: '381,419.84', carryOver: 0, otherFunds: 0 },
    annualGoal: '系统正常运行，满足使用者相关需要。',
    indicators: [
      { level1: '成本指标', level2: '经济成本指标', name: '人均运维成本', target: '≤116.00(元/人/年)' },
      { level1: '产出指标', level2: '数量指标', name: '巡检次数', target: '≥4(次)' },
      { level1: '产出指标', level2: '质量指标', name: '运维故障发生次数', target: '=0.00(次)' },
      { level1: '产出指标', level2: '时效指标', name: '运维完成及时', target: '及时' },
      { level1: '效益指标', level2: '社会效益指标', name: '辅助日常业务办理', target: '有效' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '使用者满意度', target: '≥85.00(%)' },
    ],
  };
}

/**
 * (b) Commands through the whole path — JWT, validation, load, decide, append, wake-up — with
 * autocannon: 32 connections, each revising an indicator of its own declaration, If-Match from
 * the ETag of its previous answer. Compared with the raw INSERT rate of (a).
 */
export async function measureHttpCommands(port: number, token: string, seconds: number, rawRate: number) {
  const http = httpClient(port);
  const slots: Slot[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const created = await http.call('POST', '/declarations', token, typedBody(`基准测试项目${i}`));
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
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'GET', path: '/health/live' }],
    setupClient,
  });
  const ratio = result.rate / rawRate;
  const measure: Measure = {
    id: 'b',
    name: 'HTTP commands/s (PATCH indicator), 32 connections',
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
