import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  connections: number;
  seconds: number;
}

/** One autocannon run; latencies in ms, rate in requests per second. */
export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ ...options, timeout: 30 });
  const seconds = result.duration;
  return {
    requests: result.requests.total,
    rate: result.requests.total / seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    connections: result.connections,
    seconds,
  };
}

/** A header of an autocannon response, whatever its case on the wire. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
