import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { ListItem, Schemas } from '../api/client';
import { dateTime, dueTime, isOverdue, yuan } from '../lib/format';
import { STATE_COLOR, STATE_LABEL } from '../lib/labels';

export type InboxItem = Schemas['InboxItem'];
type Row = ListItem & Partial<Pick<InboxItem, 'arrivedAt' | 'dueAt' | 'lastReturn' | 'myLastAction'>>;

const text = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/** A page the server sorted and cut: the table shows it as it came. */
export interface ServerPaging {
  total: number;
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
}

function columns(extra: { inbox?: boolean; returned?: boolean; paging?: ServerPaging }): ColumnsType<Row> {
  const cols: ColumnsType<Row> = [
    {
      title: '项目名称',
      dataIndex: 'projectName',
      sorter: (a, b) => text(a.projectName, b.projectName),
      render: (name: string, row) => <Link to={`/declarations/${row.id}`}>{name}</Link>,
    },
    { title: '年度', dataIndex: 'year', width: 70, sorter: (a, b) => a.year - b.year },
    {
      title: '实施单位',
      dataIndex: ['unit', 'name'],
      ellipsis: true,
      sorter: (a, b) => text(a.unit.name, b.unit.name),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 120,
      render: (state: Row['state'], row) => (
        <>
          <Tag color={STATE_COLOR[state]}>{STATE_LABEL[state]}</Tag>
          {row.lastReturn && <Tag color="warning">被退回</Tag>}
        </>
      ),
    },
    {
      title: '年度资金（元）',
      dataIndex: ['funds', 'annualTotal'],
      align: 'right',
      width: 140,
      sorter: (a, b) => (a.funds.annualTotal ?? 0) - (b.funds.annualTotal ?? 0),
      render: (v: number | null) => yuan(v),
    },
  ];
  if (extra.returned) {
    cols.push({
      title: '退回原因',
      dataIndex: ['lastReturn', 'reason'],
      render: (reason: string | undefined, row) => (
        <>
          <Typography.Text type="warning">
            {reason}（{row.lastReturn?.byName ?? '—'}，{dateTime(row.lastReturn?.at)}）
          </Typography.Text>
          {(row.lastReturn?.opinions ?? []).map((o) => (
            <div key={o.indicatorId} data-testid="return-opinion">
              <Typography.Text type="secondary">{o.indicatorName ?? '已删除的指标'}：</Typography.Text>
              {o.opinion}
            </div>
          ))}
        </>
      ),
    });
  }
  if (extra.inbox) {
    cols.push(
      {
        title: '到达时间',
        dataIndex: 'arrivedAt',
        width: 150,
        sorter: (a, b) => text(a.arrivedAt ?? '', b.arrivedAt ?? ''),
        render: (at: string) => dateTime(at),
      },
      {
        title: '办理时限',
        dataIndex: 'dueAt',
        width: 150,
        sorter: (a, b) => text(a.dueAt ?? '9', b.dueAt ?? '9'),
        render: (due: string | null) =>
          isOverdue(due) ? <Typography.Text type="danger">{dueTime(due)}（已超期）</Typography.Text> : dueTime(due),
      },
    );
  } else {
    cols.push({
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 150,
      sorter: (a, b) => text(a.updatedAt, b.updatedAt),
      render: (at: string) => dateTime(at),
    });
  }
  // Sorting one page in the browser would misstate the order of the whole queue.
  return extra.paging ? cols.map((c) => ({ ...c, sorter: undefined })) : cols;
}

export function DeclarationTable(props: {
  rows: Row[];
  loading: boolean;
  inbox?: boolean;
  returned?: boolean;
  empty: string;
  paging?: ServerPaging;
}) {
  const paging = props.paging;
  return (
    <Table<Row>
      rowKey="id"
      size="middle"
      loading={props.loading}
      dataSource={props.rows}
      columns={columns(props)}
      pagination={
        paging
          ? {
              current: paging.page,
              pageSize: paging.pageSize,
              total: paging.total,
              onChange: paging.onChange,
              hideOnSinglePage: true,
              showTotal: (n) => `共 ${n} 条`,
            }
          : { pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }
      }
      locale={{ emptyText: props.empty }}
    />
  );
}
