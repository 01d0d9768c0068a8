import { useQuery } from '@tanstack/react-query';
import { Collapse, Space, Tag, Timeline, Typography } from 'antd';
import { api, data } from '../api/client';
import { dateTime } from '../lib/format';
import { EVENT_LABEL, ROLE_LABEL, STATE_LABEL } from '../lib/labels';
import { fieldLabel, showValue } from '../lib/fields';
import { ErrorAlert } from './ErrorAlert';

/** Every step, oldest first: what, who (with role), at which stage, the comment, fields and hashes. */
export function HistoryTimeline(props: { id: string; names: ReadonlyMap<string, string>; showHashes?: boolean }) {
  const { id, names, showHashes } = props;
  const history = useQuery({
    queryKey: ['history', id],
    queryFn: () => data(api.GET('/declarations/{id}/history', { params: { path: { id } } })),
  });
  if (history.error) return <ErrorAlert error={history.error} />;
  const entries = history.data?.entries ?? [];
  return (
    <Timeline
      data-testid="history"
      items={entries.map((e) => ({
        color: e.type.includes('Returned') || e.type.includes('Rejected') ? 'red' : e.streamId ? 'gray' : 'blue',
        content: (
          <div>
            <Space wrap>
              <Typography.Text strong>{EVENT_LABEL[e.type] ?? e.type}</Typography.Text>
              <span>{dateTime(e.recordedAt)}</span>
              <span>
                {e.actor.displayName ?? e.actor.username ?? e.actor.id}（{ROLE_LABEL[e.actor.role] ?? e.actor.role}）
              </span>
              <Tag>{STATE_LABEL[e.stage.after]}</Tag>
              <Typography.Text type="secondary">第 {e.version} 版</Typography.Text>
            </Space>
            {e.comment && <div>意见：{e.comment}</div>}
            {e.grade && <div>评审等级：{e.grade}</div>}
            {e.opinions.map((o) => (
              <div key={o.indicatorId}>
                审核意见（{o.indicatorName ?? names.get(o.indicatorId) ?? '已删除的指标'}）：{o.opinion}
              </div>
            ))}
            {e.notice?.title && <div>通知：{e.notice.title}</div>}
            {e.changes.length > 0 && (
              <Collapse
                size="small"
                ghost
                items={[
                  {
                    key: 'c',
                    label: `字段变更 ${e.changes.length} 项`,
                    children: e.changes.map((c) => (
                      <div key={c.field}>
                        {fieldLabel(c.field, names)}：{showValue(c.before)} → {showValue(c.after)}
                      </div>
                    )),
                  },
                ]}
              />
            )}
            {showHashes && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.hash }}>
                哈希 {e.hash.slice(0, 16)}… 前一哈希 {e.previousHash ? `${e.previousHash.slice(0, 16)}…` : '无'}
              </Typography.Text>
            )}
          </div>
        ),
      }))}
    />
  );
}
