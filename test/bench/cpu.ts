import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface CpuSample {
  at: number;
  /** CPU seconds the processes have used (user + system), together. */
  process: number | null;
  /** CPU seconds of the whole machine, busy and idle (all cores). */
  busy: number;
  idle: number;
}

/** The CPU time of some processes and of the machine so far, from /proc. */
export function sampleCpu(pids: readonly (number | undefined)[]): CpuSample {
  const [, ...machine] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = (machine[3] ?? 0) + (machine[4] ?? 0);
  const busy = machine.slice(0, 8).reduce((sum, n) => sum + n, 0) - idle;
  const seconds = pids.map(processSeconds);
  const process = seconds.includes(null) ? null : seconds.reduce<number>((sum, n) => sum + n!, 0);
  return { at: Date.now(), process, busy: busy / TICKS_PER_SECOND, idle: idle / TICKS_PER_SECOND };
}

function processSeconds(pid: number | undefined): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Between two samples: the processes' share of one core, and how busy the machine's cores were. */
export function cpuBetween(from: CpuSample, to: CpuSample): { processCores: number | null; machineBusy: number } {
  const wall = (to.at - from.at) / 1000;
  const busy = to.busy - from.busy;
  const total = busy + (to.idle - from.idle);
  return {
    processCores:
      from.process === null || to.process === null ? null : Number(((to.process - from.process) / wall).toFixed(2)),
    machineBusy: total > 0 ? Number((busy / total).toFixed(2)) : 0,
  };
}
