import { describe, expect, it } from '@jest/globals';
import { formMarkOf } from './form-mark.js';

describe('the mark on a printed form', () => {
  it.each([
    ['draft', 1, '草稿'],
    ['departmental_review', 1, '审核中'],
    ['bureau_signoff', 1, '审核中'],
    ['finance_confirmation', 1, '审核中'],
    ['rejected', 1, '不予通过'],
    ['confirmed', 1, null],
    ['draft', 2, '第1次调整（草稿）'],
    ['finance_confirmation', 2, '第1次调整（审核中）'],
    ['draft', 4, '第3次调整（草稿）'],
    ['confirmed', 3, null],
  ] as const)('%s, revision %i: %s', (status, revision, mark) => {
    expect(formMarkOf(status, revision)).toBe(mark);
  });
});
