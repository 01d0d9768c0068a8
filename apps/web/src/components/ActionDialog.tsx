import { Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Declaration } from '../api/client';
import { indicatorRows, type IndicatorRow } from '../lib/indicators';
import { GRADES } from '../lib/labels';

export type Action = 'submit' | 'withdraw' | 'approve' | 'return' | 'reject' | 'amend' | 'discard';

export const ACTION_LABEL: Record<Action, string> = {
  submit: '送审',
  withdraw: '撤回',
  approve: '通过',
  return: '退回',
  reject: '驳回',
  amend: '发起调整',
  discard: '作废',
};

const NEEDS_REASON: Action[] = ['return', 'reject', 'amend', 'discard'];
const REVIEWS: Action[] = ['approve', 'return', 'reject'];

/** What a confirmed action sends besides the comment: 审核意见 per row and the grade (评审等级). */
export interface Review {
  opinions: { indicatorId: string; opinion: string }[];
  grade: string | null;
}

/** The rows of the form with an opinion box each, for a reviewer's approve, return or reject. */
function OpinionRows(props: {
  declaration: Declaration;
  values: Record<string, string>;
  onChange: (id: string, text: string) => void;
}) {
  return (
    <Table<IndicatorRow>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      scroll={{ y: 320 }}
      dataSource={indicatorRows(props.declaration.indicators)}
      data-testid="opinion-rows"
      columns={[
        { title: '一级指标', dataIndex: 'level1', width: 90, onCell: (row) => ({ rowSpan: row.level1Span }) },
        { title: '三级指标', dataIndex: 'name' },
        { title: '年度指标值', dataIndex: 'target', width: 130 },
        {
          title: '审核意见（选填）',
          width: 240,
          render: (_: unknown, row) => (
            <Input.TextArea
              aria-label={`审核意见：${row.name}`}
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={2000}
              value={props.values[row.id] ?? ''}
              onChange={(e) => props.onChange(row.id, e.target.value)}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * Confirms an action; returning, rejecting, amending and discarding need a reason. A reviewer may
 * add an opinion per indicator row and, at departmental review, a grade.
 */
export function ActionDialog(props: {
  action: Action;
  declaration?: Declaration;
  onConfirm: (comment: string, review: Review) => Promise<void>;
  onCancel: () => void;
  children?: React.ReactNode;
  blocked?: boolean;
}) {
  const [comment, setComment] = useState('');
  const [opinions, setOpinions] = useState<Record<string, string>>({});
  const [grade, setGrade] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = NEEDS_REASON.includes(props.action);
  const label = ACTION_LABEL[props.action];
  const reviewing = props.declaration !== undefined && REVIEWS.includes(props.action);
  const grading = reviewing && props.declaration?.state === 'departmental_review';
  const confirm = async () => {
    setBusy(true);
    try {
      const given = Object.entries(opinions)
        .map(([indicatorId, text]) => ({ indicatorId, opinion: text.trim() }))
        .filter(({ opinion }) => opinion !== '');
      await props.onConfirm(comment.trim(), { opinions: given, grade: grading ? grade : null });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`确认${label}`}
      okText={`确认${label}`}
      cancelText="取消"
      okButtonProps={{
        danger: ['reject', 'return', 'discard'].includes(props.action),
        disabled: props.blocked || (needsReason && comment.trim() === ''),
      }}
      confirmLoading={busy}
      onOk={() => void confirm()}
      onCancel={props.onCancel}
      width={reviewing ? 900 : 680}
    >
      {props.children}
      {props.action === 'discard' && (
        <Typography.Paragraph type="warning">
          作废后申报表不再出现在列表、合计、统计和待办中，历史记录仍然保留；作废不可撤销。
        </Typography.Paragraph>
      )}
      {reviewing && (
        <OpinionRows
          declaration={props.declaration!}
          values={opinions}
          onChange={(id, text) => setOpinions((all) => ({ ...all, [id]: text }))}
        />
      )}
      {grading && (
        <>
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>评审等级（选填）</Typography.Paragraph>
          <Select
            aria-label="评审等级"
            allowClear
            placeholder="优 / 良 / 中 / 差"
            style={{ width: 160 }}
            value={grade ?? undefined}
            onChange={(value?: string) => setGrade(value ?? null)}
            options={GRADES.map((g) => ({ value: g, label: g }))}
          />
        </>
      )}
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 4 }}>
        {needsReason ? `${label}原因（必填）` : '意见（选填）'}
      </Typography.Paragraph>
      <Input.TextArea
        aria-label={needsReason ? `${label}原因` : '意见'}
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={props.action === 'approve' ? '如：同意' : ''}
      />
    </Modal>
  );
}
