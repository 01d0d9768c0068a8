import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { api, data, ifMatch, type Declaration } from '../api/client';
import { useSession } from '../app/session';
import { offeredActions } from '../lib/permissions';
import type { useDeclaration } from '../lib/useDeclaration';
import { ACTION_LABEL, ActionDialog, type Action, type Review } from './ActionDialog';
import { ChecksPanel } from './ChecksPanel';

/**
 * 送审 / 撤回 / 通过 / 退回 / 驳回 / 发起调整 / 作废, each confirmed in a dialog; 送审 shows the checks
 * first; a reviewer's dialog takes 审核意见 per row and, at departmental review, the grade.
 */
export function WorkflowButtons({
  declaration: d,
  state,
}: {
  declaration: Declaration;
  state: ReturnType<typeof useDeclaration>;
}) {
  const { user } = useSession();
  const [action, setAction] = useState<Action | null>(null);
  const checks = useQuery({
    queryKey: ['checks', d.id, d.version],
    enabled: action === 'submit',
    queryFn: () => data(api.GET('/declarations/{id}/checks', { params: { path: { id: d.id } } })),
  });
  const actions = offeredActions(user, d);
  const act = async (name: Action, comment: string, review: Review) => {
    const extra = {
      ...(review.opinions.length > 0 ? { opinions: review.opinions } : {}),
      ...(review.grade ? { grade: review.grade } : {}),
    };
    const done = await state.write(
      (version) =>
        api.POST('/declarations/{id}/{action}', {
          params: { path: { id: d.id, action: name }, header: ifMatch(version) },
          body: { comment: comment || null, ...extra },
        }),
      `已${ACTION_LABEL[name]}`,
    );
    // A refusal stays on the page (ErrorAlert); the dialog closes either way.
    setAction(null);
    return done;
  };
  return (
    <Space>
      {actions.map((name) => (
        <Button
          key={name}
          type={name === 'approve' || name === 'submit' ? 'primary' : 'default'}
          danger={name === 'reject' || name === 'return' || name === 'discard'}
          onClick={() => setAction(name)}
        >
          {ACTION_LABEL[name]}
        </Button>
      ))}
      {action && (
        <ActionDialog
          action={action}
          declaration={d}
          blocked={action === 'submit' && (checks.isPending || (checks.data?.blocking ?? 0) > 0)}
          onCancel={() => setAction(null)}
          onConfirm={async (comment, review) => void (await act(action, comment, review))}
        >
          {action === 'submit' && checks.data && <ChecksPanel findings={checks.data.findings} title="送审前检查" />}
        </ActionDialog>
      )}
    </Space>
  );
}
