import { useQuery } from '@tanstack/react-query';
import { Card, Input, Select, Space, Tabs, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api, data, type Status } from '../api/client';
import { DeclarationTable } from '../components/DeclarationTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { BUDGET_YEARS, STATE_LABEL } from '../lib/labels';

type Queue = 'todo' | 'returned' | 'handled';
type Sort = 'arrivedAt' | 'dueAt' | 'projectName' | 'updatedAt';

const PAGE_SIZE = 20;
/** The server's sorts, as a reviewer asks for them; without one, the queue's own order. */
const SORTS: { value: string; label: string }[] = [
  { value: 'arrivedAt.asc', label: '到达时间（先到在前）' },
  { value: 'arrivedAt.desc', label: '到达时间（后到在前）' },
  { value: 'dueAt.asc', label: '办理时限（先到期在前）' },
  { value: 'projectName.asc', label: '项目名称' },
  { value: 'updatedAt.desc', label: '最近更新' },
];
/** A tree node's value says whether it is a department (all its units) or one unit. */
const DEPARTMENT = 'department:';
const UNIT = 'unit:';
const FILTERS = ['year', 'unit', 'department', 'state', 'q', 'sort', 'page'];

/**
 * 待办 / 被退回 / 已办 with counts; arrival and due time, overdue in red. Filters (year, unit tree,
 * state, text), the sort and the page are the server's, kept in the address so a reload keeps them.
 */
export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  const queue = (params.get('queue') as Queue | null) ?? 'todo';
  const [sort, order] = (params.get('sort') ?? '').split('.') as [Sort | '', 'asc' | 'desc' | undefined];
  const page = Number(params.get('page') ?? 1);
  const query = {
    queue,
    year: params.get('year') ? Number(params.get('year')) : undefined,
    unit: params.get('unit') ?? undefined,
    department: params.get('department') ?? undefined,
    state: params.get('state') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: sort || undefined,
    order: sort ? order : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const inbox = useQuery({
    queryKey: ['inbox', query],
    queryFn: () => data(api.GET('/inbox', { params: { query } })),
    refetchInterval: 30_000,
    placeholderData: (previous) => previous,
  });
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => data(api.GET('/organisations')) });
  const tree = useMemo(
    () =>
      (organisations.data ?? []).map((d) => ({
        value: `${DEPARTMENT}${d.id}`,
        title: d.name,
        children: d.units.map((u) => ({ value: `${UNIT}${u.id}`, title: u.name })),
      })),
    [organisations.data],
  );
  /** Changes some parameters; any change but the page's starts again at page 1. */
  const set = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    if (!('page' in change)) next.delete('page');
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const setPlace = (value?: string) =>
    set({
      unit: value?.startsWith(UNIT) ? value.slice(UNIT.length) : undefined,
      department: value?.startsWith(DEPARTMENT) ? value.slice(DEPARTMENT.length) : undefined,
    });
  const place = query.unit ? `${UNIT}${query.unit}` : query.department ? `${DEPARTMENT}${query.department}` : undefined;
  const counts = inbox.data?.counts;
  const filtered = FILTERS.some((key) => key !== 'page' && key !== 'sort' && params.has(key));
  return (
    <Card
      title="待办事项"
      extra={
        <Space wrap>
          <Select
            aria-label="预算年度"
            placeholder="年度"
            allowClear
            style={{ width: 110 }}
            value={query.year}
            options={BUDGET_YEARS.map((y) => ({ value: y, label: `${y} 年度` }))}
            onChange={(year?: number) => set({ year: year === undefined ? undefined : String(year) })}
          />
          <TreeSelect
            aria-label="单位"
            placeholder="主管部门 / 实施单位"
            allowClear
            style={{ width: 260 }}
            value={place}
            treeData={tree}
            treeDefaultExpandAll
            onChange={(value?: string) => setPlace(value)}
          />
          <Select
            aria-label="状态"
            placeholder="状态"
            allowClear
            style={{ width: 130 }}
            value={query.state}
            options={(Object.keys(STATE_LABEL) as Status[])
              .filter((s) => s !== 'discarded')
              .map((value) => ({ value, label: STATE_LABEL[value] }))}
            onChange={(state?: string) => set({ state })}
          />
          <Select
            aria-label="排序"
            placeholder="默认排序"
            allowClear
            style={{ width: 190 }}
            value={params.get('sort') ?? undefined}
            options={SORTS}
            onChange={(value?: string) => set({ sort: value })}
          />
          <Input.Search
            aria-label="搜索"
            placeholder="项目或指标名称"
            allowClear
            defaultValue={query.q}
            style={{ width: 180 }}
            onSearch={(q) => set({ q: q.trim() || undefined })}
          />
        </Space>
      }
    >
      <Tabs
        activeKey={queue}
        onChange={(key) => set({ queue: key })}
        items={[
          { key: 'todo', label: `待办（${counts?.todo ?? 0}）` },
          { key: 'returned', label: `被退回（${counts?.returned ?? 0}）` },
          { key: 'handled', label: `已办（${counts?.handled ?? 0}）` },
        ]}
      />
      <ErrorAlert error={inbox.error} />
      <DeclarationTable
        rows={inbox.data?.items ?? []}
        loading={inbox.isPending}
        inbox
        returned={queue === 'returned'}
        empty={filtered ? '没有符合条件的事项' : '暂无待办'}
        paging={{
          total: counts?.[queue] ?? 0,
          page,
          pageSize: PAGE_SIZE,
          onChange: (next) => set({ page: String(next) }),
        }}
      />
    </Card>
  );
}
