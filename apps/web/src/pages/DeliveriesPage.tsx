import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';

type Status = 'failed' | 'pending' | 'delivered';

/** 投递失败: webhook and e-mail deliveries of notices by status (retrying one awaits its API). */
export default function DeliveriesPage() {
  const [status, setStatus] = useState<Status>('failed');
  const deliveries = useQuery({
    queryKey: ['deliveries', status],
    queryFn: () => data(api.GET('/admin/notices/deliveries', { params: { query: { status, pageSize: 200 } } })),
  });
  return (
    <Card
      title="通知投递"
      extra={
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'failed', label: '失败' },
            { value: 'pending', label: '待投递' },
            { value: 'delivered', label: '已送达' },
          ]}
        />
      }
    >
      <ErrorAlert error={deliveries.error} />
      <Table<Schemas['Delivery']>
        rowKey={(d) => `${d.noticeId}-${d.channel}`}
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
          { title: '错误', dataIndex: 'error' },
          { title: '更新时间', dataIndex: 'updatedAt', render: (at: string) => dateTime(at) },
        ]}
      />
    </Card>
  );
}
