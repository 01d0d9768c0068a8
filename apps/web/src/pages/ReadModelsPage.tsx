import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';

type ReadModel = Schemas['ReadModel'];
type Parked = ReadModel['parked'][number] & { readModel: string };
const RUNNING = ['queued', 'running', 'swapping'];

/** 读模型: each read model's lag behind the log, rebuilds with their progress, and parked streams. */
export default function ReadModelsPage() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
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
  const retry = async ({ readModel, streamId }: Parked) => {
    setError(null);
    setRetrying(streamId);
    try {
      await data(
        api.POST('/admin/read-models/{name}/parked/{streamId}/retry', {
          params: { path: { name: readModel, streamId } },
        }),
      );
      void message.success(`已重新应用 ${streamId}，不再搁置`);
    } catch (e) {
      setError(e);
    } finally {
      setRetrying(null);
      void client.invalidateQueries({ queryKey: ['read-models'] });
    }
  };
  const parked: Parked[] = (models.data ?? []).flatMap((m) => m.parked.map((p) => ({ ...p, readModel: m.name })));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
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
            {
              title: '搁置',
              render: (_: unknown, m) =>
                m.parked.length === 0 ? '—' : <Tag color="error">{m.parked.length} 个事件流</Tag>,
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
      <Card title="搁置的事件流" data-testid="parked-streams">
        <Typography.Paragraph type="secondary">
          读模型无法应用的事件所在的事件流被搁置，其余记录照常更新。修复原因后点击“重试”，该事件流将从全部事件重新应用；仍失败则继续搁置。
        </Typography.Paragraph>
        <Table<Parked>
          rowKey={(p) => `${p.readModel}-${p.streamId}`}
          loading={models.isPending}
          dataSource={parked}
          pagination={false}
          locale={{ emptyText: '没有搁置的事件流' }}
          columns={[
            { title: '读模型', dataIndex: 'readModel', width: 120 },
            {
              title: '事件流',
              dataIndex: 'streamId',
              render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
            },
            { title: '事件类型', dataIndex: 'eventType', width: 160 },
            { title: '日志位置', dataIndex: 'position', width: 140 },
            { title: '原因', dataIndex: 'error', ellipsis: { showTitle: true } },
            { title: '搁置时间', dataIndex: 'parkedAt', width: 160, render: (at: string) => dateTime(at) },
            {
              title: '操作',
              width: 90,
              render: (_: unknown, p) => (
                <Button size="small" loading={retrying === p.streamId} onClick={() => void retry(p)}>
                  重试
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
