import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, data, type Status } from '../api/client';
import { useSession } from '../app/session';
import { DeclarationTable, type InboxItem } from '../components/DeclarationTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { BUDGET_YEARS, STAGE_STATES } from '../lib/labels';

type Tab = 'draft' | 'review' | 'returned' | 'confirmed' | 'all';

const TAB_STATES: Record<Exclude<Tab, 'returned'>, Status[] | undefined> = {
  draft: ['draft'],
  review: STAGE_STATES,
  confirmed: ['confirmed'],
  all: undefined,
};

function useTab(tab: Tab, year: number | undefined, q: string) {
  const list = useQuery({
    queryKey: ['declarations', tab, year, q],
    enabled: tab !== 'returned',
    queryFn: () =>
      data(
        api.GET('/declarations', {
          params: {
            query: {
              year,
              q: q || undefined,
              state: TAB_STATES[tab as Exclude<Tab, 'returned'>]?.join(','),
              pageSize: 200,
            },
          },
        }),
      ),
  });
  // The inbox knows what came back (with the reason) for a preparer; other roles see no such tab.
  const returned = useQuery({
    queryKey: ['inbox', 'returned', year, q],
    queryFn: () =>
      data(api.GET('/inbox', { params: { query: { queue: 'returned', year, q: q || undefined, pageSize: 200 } } })),
  });
  const returnedRows: InboxItem[] = returned.data?.items ?? [];
  return { list, returned, returnedRows };
}

/** 我的申报: the unit's declarations by where they stand, with the year filter. */
export default function MyDeclarationsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? (user.role === 'preparer' ? 'draft' : 'all');
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [q, setQ] = useState('');
  const { list, returned, returnedRows } = useTab(tab, year, q);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const rows = tab === 'returned' ? returnedRows : (list.data?.items ?? []);
  const preparer = user.role === 'preparer';
  const tabs = [
    { key: 'draft', label: '草稿' },
    { key: 'review', label: '审核中' },
    ...(preparer ? [{ key: 'returned', label: `被退回（${returnedRows.length}）` }] : []),
    { key: 'confirmed', label: '已批复' },
    { key: 'all', label: '全部' },
  ];
  return (
    <Card
      title={preparer ? '我的申报' : '申报查询'}
      extra={
        <Space>
          <Select
            aria-label="预算年度"
            placeholder="全部年度"
            allowClear
            style={{ width: 120 }}
            value={year}
            options={BUDGET_YEARS.map((y) => ({ value: y, label: `${y} 年度` }))}
            onChange={(v: number | undefined) => set('year', v === undefined ? undefined : String(v))}
          />
          <Input.Search
            aria-label="搜索项目"
            placeholder="项目名称"
            allowClear
            onSearch={setQ}
            style={{ width: 200 }}
          />
          {(preparer || user.role === 'admin') && (
            <Link to="/imports">
              <Button type="primary">导入申报表</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Tabs activeKey={tab} items={tabs} onChange={(key) => set('tab', key)} />
      <ErrorAlert error={tab === 'returned' ? returned.error : list.error} />
      <DeclarationTable
        rows={rows}
        loading={tab === 'returned' ? returned.isPending : list.isPending}
        returned={tab === 'returned'}
        empty={tab === 'returned' ? '没有被退回的申报表' : '暂无申报表'}
      />
    </Card>
  );
}
