import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, data, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime, dueTime } from '../lib/format';

type Notice = Schemas['Notification'];

/** 我的通知: reminders, overdue notices, returns and approvals; a notice's link opens its screen. */
export default function NotificationsPage() {
  const [unread, setUnread] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const notices = useQuery({
    queryKey: ['notifications', unread],
    queryFn: () =>
      data(api.GET('/notifications', { params: { query: { unread: unread ? 'true' : 'false', pageSize: 100 } } })),
  });
  const open = async (notice: Notice) => {
    if (!notice.readAt) {
      await api.POST('/notifications/{id}/read', { params: { path: { id: notice.id } } });
      void client.invalidateQueries({ queryKey: ['unread'] });
      void client.invalidateQueries({ queryKey: ['notifications'] });
    }
    void navigate(notice.declarationId ? `/declarations/${notice.declarationId}` : '/inbox');
  };
  return (
    <Card
      title="我的通知"
      extra={
        <Segmented
          value={unread ? 'unread' : 'all'}
          onChange={(v) => setUnread(v === 'unread')}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: `未读（${notices.data?.unread ?? 0}）` },
          ]}
        />
      }
    >
      <ErrorAlert error={notices.error} />
      {notices.isPending && <Spin />}
      {notices.data?.items.length === 0 && <Empty description="暂无通知" />}
      {(notices.data?.items ?? []).map((n) => (
        <div key={n.id} style={{ display: 'flex', gap: 16, padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div style={{ flex: 1 }}>
            <Badge dot={!n.readAt} offset={[6, 0]}>
              <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
            </Badge>
            <div style={{ whiteSpace: 'pre-line' }}>{n.body}</div>
            <Typography.Text type="secondary">
              {dateTime(n.sentAt)}
              {n.dueAt ? ` · 办理时限 ${dueTime(n.dueAt)}` : ''}
            </Typography.Text>
          </div>
          <Button type="link" onClick={() => void open(n)}>
            查看
          </Button>
        </div>
      ))}
    </Card>
  );
}
