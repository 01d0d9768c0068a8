import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const ZONE = 'Asia/Shanghai';

/** A moment in Beijing time: 2025-10-14 09:30. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/**
 * A due time: a deadline falls at midnight ending its last day, which reads "2025-10-14 24:00"
 * (as the notices print it), not "2025-10-15 00:00".
 */
export function dueTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = dayjs(iso).tz(ZONE);
  if (at.hour() === 0 && at.minute() === 0) return `${at.subtract(1, 'day').format('YYYY-MM-DD')} 24:00`;
  return at.format('YYYY-MM-DD HH:mm');
}

export function isOverdue(iso: string | null | undefined, now = Date.now()): boolean {
  return Boolean(iso) && Date.parse(iso!) < now;
}

const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan with thousands separators and two decimals: 381,419.84. */
export function yuan(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : YUAN.format(value);
}

/** Sums yuan exactly, in fen. */
export function sumYuan(...values: (number | null | undefined)[]): number {
  return values.reduce<number>((fen, v) => fen + Math.round((v ?? 0) * 100), 0) / 100;
}
