import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';

type Status = 'failed' | 'pending' | 'delivered';
type Delivery = Schemas['Delivery'];

const STATUS_LABEL: Record<Status, string> = { failed: '失败', pending: '待投递', delivered: '已送达' };

/** 投递失败: webhook and e-mail deliveries of notices by status; a failed one can be sent again (重试). */
export default function DeliveriesPage() {
  const client = useQueryClient();
  const [status, setStatus] = useState<Status>('failed');
  const [retrying, setRetrying] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [retried, setRetried] = useState<{ id: string; title: string; round: number } | null>(null);
  const deliveries = useQuery({
    queryKey: ['deliveries', status],
    queryFn: () => data(api.GET('/admin/notices/deliveries', { params: { query: { status, pageSize: 200 } } })),
    // The list is a read model: until it has the retry, the retried delivery still reads failed.
    refetchInterval: (q) =>
      q.state.data?.items.some((d) => d.id === retried?.id && d.status === 'failed') ? 1000 : false,
  });
  const retry = async (delivery: Delivery) => {
    setError(null);
    setRetried(null);
    setRetrying(delivery.id);
    try {
      const answer = await data(
        api.POST('/admin/notices/deliveries/{id}/retry', { params: { path: { id: delivery.id } } }),
      );
      setRetried({ id: delivery.id, title: delivery.title, round: answer.round });
    } catch (e) {
      setError(e);
    } finally {
      setRetrying(null);
      void client.invalidateQueries({ queryKey: ['deliveries'] });
    }
  };
  return (
    <Card
      title="通知投递"
      extra={
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={(Object.keys(STATUS_LABEL) as Status[]).map((value) => ({ value, label: STATUS_LABEL[value] }))}
        />
      }
    >
      <ErrorAlert error={error ?? deliveries.error} onReload={() => void deliveries.refetch()} />
      {retried && (
        <Alert
          type="success"
          showIcon
          closable
          role="status"
          style={{ marginBottom: 12 }}
          title={`已重新投递“${retried.title}”（第 ${retried.round} 次重试），状态转为待投递`}
          onClose={() => setRetried(null)}
        />
      )}
      <Table<Delivery>
        rowKey="id"
        loading={deliveries.isPending}
        dataSource={deliveries.data?.items ?? []}
        locale={{ emptyText: '暂无记录' }}
        columns={[
          { title: '通知', dataIndex: 'title' },
          {
            title: '收件人',
            render: (_: unknown, d) => d.recipient.displayName ?? d.recipient.username ?? d.recipient.id,
          },
          {
            title: '渠道',
            dataIndex: 'channel',
            render: (c: string) => <Tag>{c === 'email' ? '邮件' : 'Webhook'}</Tag>,
          },
          { title: '尝试次数', dataIndex: 'attempts' },
          {
            title: '失败原因',
            render: (_: unknown, d) => (
              <>
                {d.error}
                {d.errorDetail && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {d.errorDetail}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', render: (at: string) => dateTime(at) },
          ...(status === 'failed'
            ? [
                {
                  title: '操作',
                  width: 90,
                  render: (_: unknown, d: Delivery) => (
                    <Button size="small" loading={retrying === d.id} onClick={() => void retry(d)}>
                      重试
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
