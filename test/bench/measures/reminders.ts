import type { DataSource } from 'typeorm';
import type { Measure } from '../report.js';

export interface ReminderBench {
  db: DataSource;
  port: number;
  tokens: Record<string, string>;
  scale: number;
}

/** (h) Reminder delay after due, and duplicates: needs the reminders of libs/deadlines. */
export function measureReminders(_bench: ReminderBench): Promise<Measure> {
  return Promise.resolve({
    id: 'h',
    name: 'reminder delay after due (p99) and duplicates',
    value: null,
    unit: 's',
    baseline: null,
    ratio: null,
    target: 'p99 ≤ 2 s, 0 duplicates',
    pass: null,
    note: 'not measured: the reminder jobs (libs/deadlines) had not landed',
    details: {},
  });
}
