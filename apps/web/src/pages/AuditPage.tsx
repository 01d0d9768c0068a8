import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../api/client';
import { DeclarationTable } from '../components/DeclarationTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { FINDING_LABEL } from '../lib/labels';

function Verify() {
  const [target, setTarget] = useState<string | null>(null);
  const [declarationId, setDeclarationId] = useState('');
  const verify = useQuery({
    queryKey: ['verify', target],
    enabled: target !== null,
    queryFn: () => data(api.GET('/audit/verify', { params: { query: target ? { declarationId: target } : {} } })),
  });
  const v = verify.data;
  return (
    <Card size="small" title="校验哈希链">
      <Space wrap>
        <Button type="primary" onClick={() => setTarget('')} loading={verify.isFetching && target === ''}>
          校验全部记录
        </Button>
        <Input
          aria-label="申报表编号"
          placeholder="申报表编号（可选）"
          style={{ width: 320 }}
          value={declarationId}
          onChange={(e) => setDeclarationId(e.target.value.trim())}
        />
        <Button onClick={() => setTarget(declarationId)} disabled={!declarationId}>
          校验该申报表
        </Button>
      </Space>
      <ErrorAlert error={verify.error} />
      {v && (
        <div style={{ marginTop: 12 }} data-testid="verify-result">
          <Alert
            type={v.ok ? 'success' : 'error'}
            showIcon
            title={
              v.ok
                ? `记录完整：已校验 ${v.streamsChecked} 条链、${v.eventsChecked} 个事件`
                : `记录不完整：已校验 ${v.streamsChecked} 条链、${v.eventsChecked} 个事件`
            }
          />
          <ul>
            {v.hashFunction === 'changed' && (
              <li>数据库中的哈希函数 es_event_hash 已被改动：已改为逐个核对事件的签名证明</li>
            )}
            {v.broken.map((b) => (
              <li key={`${b.streamId}-${b.streamVersion}-${b.reason}`}>
                {b.streamId} 第 {b.streamVersion} 版：{FINDING_LABEL[b.reason] ?? b.reason}（{b.reason}）
              </li>
            ))}
            {v.tree?.checkpoints
              .filter((c) => c.status !== 'ok')
              .map((c) => (
                <li key={`${c.source}-${c.treeSize}`}>
                  检查点 {c.source}（{c.treeSize ?? '?'} 个事件）：{FINDING_LABEL[c.status] ?? c.status}（{c.status}）
                </li>
              ))}
            {v.tree?.leaves.map((l) => (
              <li key={`${l.reason}-${l.streamId}-${l.streamVersion}`}>
                {l.streamId} 第 {l.streamVersion} 版：{FINDING_LABEL[l.reason] ?? l.reason}（{l.reason}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function Export() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [format, setFormat] = useState<'jsonl' | 'csv'>('csv');
  const params = new URLSearchParams({ format });
  if (range?.[0]) params.set('from', range[0].toISOString());
  if (range?.[1]) params.set('to', range[1].toISOString());
  return (
    <Card size="small" title="导出审计记录">
      <Space wrap>
        <DatePicker.RangePicker showTime aria-label="时间范围" value={range} onChange={(r) => setRange(r)} />
        <Radio.Group
          value={format}
          onChange={(e) => setFormat(e.target.value as 'jsonl' | 'csv')}
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'jsonl', label: 'JSON Lines' },
          ]}
        />
        <a href={`/audit/export?${params.toString()}`} download>
          <Button>下载</Button>
        </a>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        起始时间含，结束时间不含；不选则导出全部。
      </Typography.Paragraph>
    </Card>
  );
}

/** 审计查询: search everything, verify the chains, export the trail. Nothing here writes. */
export default function AuditPage() {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['declarations', 'audit', q],
    queryFn: () => data(api.GET('/declarations', { params: { query: { q: q || undefined, pageSize: 200 } } })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Verify />
      <Card
        size="small"
        title="申报表"
        extra={
          <Input.Search
            aria-label="搜索项目"
            placeholder="项目名称"
            allowClear
            onSearch={setQ}
            style={{ width: 220 }}
          />
        }
      >
        <ErrorAlert error={list.error} />
        <DeclarationTable rows={list.data?.items ?? []} loading={list.isPending} empty="没有符合条件的申报表" />
      </Card>
      <Export />
    </Space>
  );
}
