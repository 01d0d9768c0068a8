import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';

export type Action = 'submit' | 'withdraw' | 'approve' | 'return' | 'reject' | 'amend';

export const ACTION_LABEL: Record<Action, string> = {
  submit: '送审',
  withdraw: '撤回',
  approve: '通过',
  return: '退回',
  reject: '驳回',
  amend: '发起调整',
};

const NEEDS_REASON: Action[] = ['return', 'reject', 'amend'];

/** Confirms an action; returning, rejecting and amending need a reason. */
export function ActionDialog(props: {
  action: Action;
  onConfirm: (comment: string) => Promise<void>;
  onCancel: () => void;
  children?: React.ReactNode;
  blocked?: boolean;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const needsReason = NEEDS_REASON.includes(props.action);
  const label = ACTION_LABEL[props.action];
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm(comment.trim());
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
        danger: props.action === 'reject' || props.action === 'return',
        disabled: props.blocked || (needsReason && comment.trim() === ''),
      }}
      confirmLoading={busy}
      onOk={() => void confirm()}
      onCancel={props.onCancel}
      width={680}
    >
      {props.children}
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
