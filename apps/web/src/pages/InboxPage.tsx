import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Tabs, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { api, data } from '../api/client';
import { DeclarationTable, type InboxItem } from '../components/DeclarationTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { STATE_LABEL } from '../lib/labels';

type Queue = 'todo' | 'returned' | 'handled';

interface Filters {
  year?: number;
  unit?: string;
  state?: string;
  q: string;
}

function matches(item: InboxItem, f: Filters): boolean {
  return (
    (f.year === undefined || item.year === f.year) &&
    (f.unit === undefined || item.unit.id === f.unit || item.department.id === f.unit) &&
    (f.state === undefined || item.state === f.state) &&
    (f.q === '' || item.projectName.includes(f.q) || item.unit.name.includes(f.q))
  );
}

/** 待办 / 被退回 / 已办 with counts; arrival and due time, overdue in red; filters and sorting. */
export default function InboxPage() {
  const [queue, setQueue] = useState<Queue>('todo');
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const inbox = useQuery({
    queryKey: ['inbox', queue],
    queryFn: () => data(api.GET('/inbox', { params: { query: { queue, pageSize: 200 } } })),
    refetchInterval: 30_000,
  });
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => data(api.GET('/organisations')) });
  const tree = useMemo(
    () =>
      (organisations.data ?? []).map((d) => ({
        value: d.id,
        title: d.name,
        children: d.units.map((u) => ({ value: u.id, title: u.name })),
      })),
    [organisations.data],
  );
  const counts = inbox.data?.counts;
  const rows = (inbox.data?.items ?? []).filter((i) => matches(i, filters));
  const set = (change: Partial<Filters>) => setFilters({ ...filters, ...change });
  return (
    <Card
      title="待办事项"
      extra={
        <Space wrap>
          <Select
            aria-label="预算年度"
            placeholder="年度"
            allowClear
            style={{ width: 100 }}
            options={[2025, 2026].map((y) => ({ value: y, label: `${y}` }))}
            onChange={(year?: number) => set({ year })}
          />
          <TreeSelect
            aria-label="单位"
            placeholder="主管部门 / 实施单位"
            allowClear
            style={{ width: 260 }}
            treeData={tree}
            treeDefaultExpandAll
            onChange={(unit?: string) => set({ unit })}
          />
          <Select
            aria-label="状态"
            placeholder="状态"
            allowClear
            style={{ width: 130 }}
            options={Object.entries(STATE_LABEL).map(([value, label]) => ({ value, label }))}
            onChange={(state?: string) => set({ state })}
          />
          <Input.Search
            aria-label="搜索"
            placeholder="项目或单位"
            allowClear
            style={{ width: 180 }}
            onSearch={(q) => set({ q })}
          />
        </Space>
      }
    >
      <Tabs
        activeKey={queue}
        onChange={(key) => setQueue(key as Queue)}
        items={[
          { key: 'todo', label: `待办（${counts?.todo ?? 0}）` },
          { key: 'returned', label: `被退回（${counts?.returned ?? 0}）` },
          { key: 'handled', label: `已办（${counts?.handled ?? 0}）` },
        ]}
      />
      <ErrorAlert error={inbox.error} />
      <DeclarationTable rows={rows} loading={inbox.isPending} inbox returned={queue === 'returned'} empty="暂无待办" />
    </Card>
  );
}
