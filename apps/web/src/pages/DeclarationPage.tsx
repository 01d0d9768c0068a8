import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Spin, Tabs, Tag, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, data, type Declaration } from '../api/client';
import { useSession } from '../app/session';
import { ChecksPanel } from '../components/ChecksPanel';
import { DiffPanel } from '../components/DiffPanel';
import { DraftEditor } from '../components/DraftEditor';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormView } from '../components/FormView';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { VersionCompare } from '../components/VersionCompare';
import { WorkflowButtons } from '../components/WorkflowButtons';
import { dateTime, dueTime } from '../lib/format';
import { STATE_COLOR, STATE_LABEL } from '../lib/labels';
import { mayEdit } from '../lib/permissions';
import { useDeclaration } from '../lib/useDeclaration';

function Summary({ d }: { d: Declaration }) {
  const w = d.workflow;
  const items: DescriptionsProps['items'] = [
    { key: 'state', label: '状态', children: <Tag color={STATE_COLOR[d.state]}>{STATE_LABEL[d.state]}</Tag> },
    { key: 'unit', label: '实施单位', children: d.unit.name },
    { key: 'version', label: '版本', children: `第 ${d.revision} 次申报 · 第 ${d.version} 版` },
  ];
  if ('dueAt' in w) items.push({ key: 'due', label: '办理时限', children: dueTime(w.dueAt) });
  if (w.status === 'draft' && w.lastReturn) {
    const back = w.lastReturn;
    items.push({
      key: 'returned',
      label: '退回原因',
      children: (
        <>
          <Tag color="warning">被退回</Tag>
          {back.reason}（{d.people[back.by] ?? '—'}，{dateTime(back.at)}）
        </>
      ),
    });
  }
  if (w.status === 'rejected') items.push({ key: 'rejected', label: '驳回原因', children: w.reason });
  // The last item takes what is left of its line (antd warns about a line that does not add up).
  items[items.length - 1] = { ...items[items.length - 1]!, span: 'filled' };
  return <Descriptions size="small" column={4} items={items} />;
}

/** The version a returned declaration was sent back at: its resubmission is compared with it. */
function useReturnedAt(id: string, d: Declaration | undefined): number | null {
  const history = useQuery({
    queryKey: ['history', id],
    enabled: Boolean(d && d.state !== 'draft'),
    queryFn: () => data(api.GET('/declarations/{id}/history', { params: { path: { id } } })),
  });
  const entries = history.data?.entries ?? [];
  const returned = entries.filter((e) => e.type === 'DeclarationReturned' && e.revision === d?.revision).at(-1);
  return returned ? returned.version : null;
}

export default function DeclarationPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const declaration = useDeclaration(id);
  const d = declaration.query.data;
  const returnedAt = useReturnedAt(id, d);
  const [tab, setTab] = useState('form');
  if (declaration.query.error) return <ErrorAlert error={declaration.query.error} />;
  if (!d) return <Spin />;
  const editable = mayEdit(user, d);
  const warnings = 'warnings' in d.workflow ? d.workflow.warnings : [];
  const form = editable ? (
    <DraftEditor declaration={d} state={declaration} />
  ) : (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {warnings.length > 0 && <ChecksPanel findings={warnings} title="随送审提交的提示性问题" />}
      {returnedAt !== null && <DiffPanel id={id} from={returnedAt} title="退回后的修改" />}
      <FormView content={d} />
    </Space>
  );
  return (
    <Card
      title={d.projectName}
      extra={
        <Space>
          <WorkflowButtons declaration={d} state={declaration} />
          <a href={`/declarations/${d.id}/form.xlsx`} download>
            <Button>导出 .xlsx</Button>
          </a>
        </Space>
      }
    >
      <Summary d={d} />
      <ErrorAlert error={declaration.error} onReload={() => void declaration.reload()} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'form', label: editable ? '编辑申报表' : '申报表', children: form },
          {
            key: 'history',
            label: '历史记录',
            children: (
              <HistoryTimeline
                id={id}
                names={new Map(d.indicators.map((i) => [i.id, i.name]))}
                showHashes={user.role === 'auditor'}
              />
            ),
          },
          { key: 'versions', label: '版本比较', children: <VersionCompare id={id} version={d.version} /> },
        ]}
      />
    </Card>
  );
}
