import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** 1 = the full sizes of the issue; 0.1 for a quick run, 10 for ten times the log (1M declarations). */
  scale: number;
  /** Seconds of each timed load (a, b, c, e, f). */
  seconds: number;
  keep: boolean;
  /** Only these measures (e.g. `a,b`); the data they need is built all the same. */
  only: Set<string> | null;
  /** api and worker processes to start; the HTTP load is spread over the apis. */
  apis: number;
  workers: number;
}

export const USAGE = `usage: npm run bench [-- --scale 0.1] [--seconds 10] [--keep] [--only a,b,...]

  --scale    sizes relative to the full run (1: 1,000,000 events, 100,000 declarations; 10: ten times that)
  --seconds  duration of each timed load (default 10 at full scale, 3 below 0.5)
  --keep     keep the database pta_bench_<time> afterwards
  --only     run only these measures
  --apis N, --workers N   start N api / worker processes (default 1 each); loads spread over the apis`;

export function benchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: '1' },
      seconds: { type: 'string' },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      apis: { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`--scale must be a positive number, not ${values.scale}`);
  const seconds = values.seconds === undefined ? (scale >= 0.5 ? 10 : 3) : Number(values.seconds);
  if (!(seconds > 0)) throw new Error(`--seconds must be positive`);
  const [apis, workers] = [Number(values.apis), Number(values.workers)];
  if (![apis, workers].every((n) => Number.isInteger(n) && n >= 1 && n <= 8))
    throw new Error(`--apis and --workers must be 1 to 8`);
  return {
    scale,
    seconds,
    keep: values.keep,
    only: values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null,
    apis,
    workers,
  };
}
