import { describe, expect, it } from '@jest/globals';
import { say } from '@app/platform/messages';
import type { Finding } from './declaration.js';
import { findingView, originView, workflowView } from './finding-view.js';

const words: Finding = {
  code: 'INDICATOR_TARGET_MISSING',
  severity: 'blocking',
  path: 'indicators[1].target',
  indicatorId: 'i-1',
  message: say('finding.INDICATOR_TARGET_MISSING', { row: say('finding.row', { name: '每场参加培训人数' }) }),
};
// As a submission or an import recorded it before findings were kept as words.
const text: Finding = { ...words, message: '三级指标“每场参加培训人数”没有年度指标值' };

describe('a finding as a person reads it', () => {
  it('is worded in the reader’s language when it was kept as words', () => {
    expect(findingView(words, 'zh')).toEqual({ ...words, message: '三级指标“每场参加培训人数”没有年度指标值' });
    expect(findingView(words, 'en').message).toBe('Indicator “每场参加培训人数” has no annual target');
  });

  it('is shown as recorded when an event kept it as text', () => {
    expect(findingView(text, 'en').message).toBe(text.message);
  });

  it('names a key no catalogue holds rather than failing the read', () => {
    const unknown = { ...words, message: { key: 'finding.GONE' } } as unknown as Finding;
    expect(findingView(unknown, 'en').message).toBe('finding.GONE');
  });

  it('words the warnings of a submission and the reader’s findings of an import', () => {
    const at = { submittedBy: 'u', submittedAt: 't', enteredAt: 't', dueAt: null };
    const submitted = workflowView({ status: 'departmental_review', ...at, warnings: [words] }, 'en');
    expect(submitted).toMatchObject({ warnings: [{ message: 'Indicator “每场参加培训人数” has no annual target' }] });
    expect(workflowView({ status: 'draft', lastReturn: null }, 'en')).toEqual({ status: 'draft', lastReturn: null });
    const imported = originView({ kind: 'import', fileSha256: 'f', formIndex: 1, findings: [words, text] }, 'en');
    expect(imported).toMatchObject({
      findings: [{ message: expect.stringMatching(/^Indicator/) }, { message: text.message }],
    });
    expect(originView({ kind: 'import', fileSha256: 'f', formIndex: 1 }, 'en')).toEqual({
      kind: 'import',
      fileSha256: 'f',
      formIndex: 1,
    });
  });
});
