import { describe, expect, it } from '@jest/globals';
import { dateTime, dueTime, isOverdue, sumYuan, yuan } from './format';

describe('times in Beijing time', () => {
  it('prints a deadline at midnight as 24:00 of its last day, as the notices do', () => {
    expect(dueTime('2025-10-14T16:00:00Z')).toBe('2025-10-14 24:00');
    expect(dueTime('2025-10-14T01:30:00Z')).toBe('2025-10-14 09:30');
    expect(dueTime(null)).toBe('—');
  });

  it('prints other moments as they are', () => {
    expect(dateTime('2025-10-14T16:00:00Z')).toBe('2025-10-15 00:00');
  });

  it('tells an overdue time', () => {
    expect(isOverdue('2025-10-14T16:00:00Z', Date.parse('2025-10-15T00:00:00Z'))).toBe(true);
    expect(isOverdue(null)).toBe(false);
  });
});

describe('money in yuan', () => {
  it('shows thousands separators and two decimals', () => {
    expect(yuan(381419.84)).toBe('381,419.84');
    expect(yuan(null)).toBe('—');
  });

  it('adds exactly, in fen', () => {
    expect(sumYuan(0.1, 0.2)).toBe(0.3);
    expect(sumYuan(381419.84, null, 0)).toBe(381419.84);
  });
});
