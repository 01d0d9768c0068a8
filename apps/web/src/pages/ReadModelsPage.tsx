import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Progress, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';

type ReadModel = Schemas['ReadModel'];
const RUNNING = ['queued', 'running', 'swapping'];

/** 读模型: each read model's lag behind the log, and rebuilds with their progress. */
export default function ReadModelsPage() {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const models = useQuery({
    queryKey: ['read-models'],
    queryFn: () => data(api.GET('/admin/read-models')),
    refetchInterval: (q) => (q.state.data?.some((m) => RUNNING.includes(m.rebuild?.status ?? '')) ? 1000 : 10_000),
  });
  const rebuild = async (name: string) => {
    setError(null);
    try {
      await data(api.POST('/admin/read-models/{name}/rebuild', { params: { path: { name } } }));
      void client.invalidateQueries({ queryKey: ['read-models'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card title="读模型">
      <ErrorAlert error={error ?? models.error} />
      <Table<ReadModel>
        rowKey="name"
        loading={models.isPending}
        dataSource={models.data ?? []}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '已应用事件', dataIndex: 'eventsApplied' },
          {
            title: '滞后',
            render: (_: unknown, m) =>
              m.lag.events === 0 ? (
                <Tag color="success">已同步</Tag>
              ) : (
                <Tag color="warning">
                  {m.lag.events} 个事件 / {Math.round(m.lag.seconds)} 秒
                </Tag>
              ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', render: (at: string | null) => dateTime(at) },
          {
            title: '最近重建',
            render: (_: unknown, m) =>
              m.rebuild ? (
                <>
                  <Tag>{m.rebuild.status}</Tag>
                  {m.rebuild.progress !== null && (
                    <Progress percent={Math.round(m.rebuild.progress * 100)} size="small" style={{ width: 120 }} />
                  )}
                </>
              ) : (
                '—'
              ),
          },
          {
            title: '操作',
            render: (_: unknown, m) => (
              <Button
                size="small"
                disabled={RUNNING.includes(m.rebuild?.status ?? '')}
                onClick={() => void rebuild(m.name)}
              >
                重建
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
