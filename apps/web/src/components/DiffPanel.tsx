import { useQuery } from '@tanstack/react-query';
import { Empty, Space, Table, Typography } from 'antd';
import { api, data } from '../api/client';
import { fieldLabel, showValue } from '../lib/fields';
import { ErrorAlert } from './ErrorAlert';

/** The field changes between two versions (to defaults to the current one). */
export function DiffPanel({ id, from, to, title }: { id: string; from: number; to?: number; title?: string }) {
  const diff = useQuery({
    queryKey: ['diff', id, from, to],
    queryFn: () =>
      data(
        api.GET('/declarations/{id}/diff', {
          params: { path: { id }, query: { from: String(from), to: to === undefined ? undefined : String(to) } },
        }),
      ),
  });
  if (diff.error) return <ErrorAlert error={diff.error} />;
  const d = diff.data;
  const names = new Map(
    [...(d?.from.content.indicators ?? []), ...(d?.to.content.indicators ?? [])].map((i) => [i.id, i.name]),
  );
  return (
    <div data-testid="diff">
      {title && <Typography.Title level={5}>{title}</Typography.Title>}
      {d && (
        <Space style={{ marginBottom: 8 }}>
          <span>
            第 {d.from.version} 版 → 第 {d.to.version} 版
          </span>
        </Space>
      )}
      {d && d.changes.length === 0 ? (
        <Empty description="两个版本的表单内容相同" />
      ) : (
        <Table
          size="small"
          rowKey="field"
          loading={diff.isPending}
          pagination={false}
          dataSource={d?.changes ?? []}
          columns={[
            {
              title: '字段',
              dataIndex: 'field',
              width: 240,
              render: (f: string) => fieldLabel(f, names),
            },
            { title: '修改前', dataIndex: 'before', render: showValue },
            { title: '修改后', dataIndex: 'after', render: showValue },
          ]}
        />
      )}
    </div>
  );
}
