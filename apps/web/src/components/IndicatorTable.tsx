import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { Declaration } from '../api/client';
import { STAGE_LABEL } from '../lib/labels';
import { indicatorRows, rowMessages, type IndicatorRow, type IndicatorView } from '../lib/indicators';
import { IndicatorEditor, type IndicatorFields } from './IndicatorEditor';

export interface IndicatorTableProps {
  indicators: readonly IndicatorView[];
  /** Findings and field errors by path (`indicators[3].target`), shown on their cells. */
  messages?: Record<string, string>;
  /** The reviewers' 审核意见 per indicator id (the revision in force): shown in a column of their own. */
  opinions?: Declaration['opinions'];
  editable?: {
    save: (id: string | null, fields: IndicatorFields) => Promise<boolean>;
    remove: (id: string) => Promise<void>;
  };
}

function Cell({ text, message }: { text: string | null; message: string | undefined }) {
  if (!message) return <>{text ?? '—'}</>;
  return (
    <Tooltip title={message}>
      <Typography.Text type="danger" data-cell-error={message}>
        {text || '（空）'} <Tag color="error">{message}</Tag>
      </Typography.Text>
    </Tooltip>
  );
}

function columns(props: IndicatorTableProps, edit: (row: IndicatorRow) => void): ColumnsType<IndicatorRow> {
  const at = (row: IndicatorRow) => rowMessages(props.messages ?? {}, row.index);
  const cols: ColumnsType<IndicatorRow> = [
    {
      title: '一级指标',
      dataIndex: 'level1',
      width: 110,
      onCell: (row) => ({ rowSpan: row.level1Span }),
      render: (text: string, row) => <Cell text={text} message={at(row).level1} />,
    },
    {
      title: '二级指标',
      dataIndex: 'level2',
      width: 150,
      onCell: (row) => ({ rowSpan: row.level2Span }),
      render: (text: string, row) => <Cell text={text} message={at(row).level2} />,
    },
    {
      title: '三级指标',
      dataIndex: 'name',
      render: (text: string, row) => <Cell text={text} message={at(row).name} />,
    },
    {
      title: '年度指标值',
      dataIndex: 'target',
      width: 220,
      render: (text: string | null, row) => (
        <Space size={4}>
          <Cell text={text} message={at(row).target} />
          {row.parsedTarget?.kind === 'quantitative' && <Tag color="blue">定量</Tag>}
          {row.parsedTarget?.kind === 'qualitative' && <Tag>定性</Tag>}
        </Space>
      ),
    },
  ];
  const opinions = props.opinions ?? {};
  if (Object.keys(opinions).length > 0) {
    cols.push({
      title: '审核意见',
      width: 260,
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={2} data-testid={`opinions-${row.id}`}>
          {(opinions[row.id] ?? []).map((o) => (
            <Typography.Text key={`${o.at}-${o.stage}`} type={o.action === 'approve' ? undefined : 'warning'}>
              {o.opinion}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                （{STAGE_LABEL[o.stage] ?? o.stage} · {o.by.name}）
              </Typography.Text>
            </Typography.Text>
          ))}
        </Space>
      ),
    });
  }
  if (props.editable) {
    const { remove } = props.editable;
    cols.push({
      title: '操作',
      width: 120,
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => edit(row)}>
            编辑
          </Button>
          <Popconfirm title="删除这一行指标？" okText="删除" cancelText="取消" onConfirm={() => void remove(row.id)}>
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return cols;
}

/** The 绩效指标 table as the printed form has it: 一级 and 二级 cells merged, in the taxonomy's order. */
export function IndicatorTable(props: IndicatorTableProps) {
  const [editing, setEditing] = useState<IndicatorRow | 'new' | null>(null);
  const rows = indicatorRows(props.indicators);
  return (
    <>
      <Table<IndicatorRow>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={columns(props, setEditing)}
        locale={{ emptyText: '尚无绩效指标' }}
        data-testid="indicator-table"
      />
      {props.editable && (
        <Button style={{ marginTop: 8 }} onClick={() => setEditing('new')}>
          添加指标
        </Button>
      )}
      {props.editable && editing && (
        <IndicatorEditor
          indicator={editing === 'new' ? null : editing}
          messages={editing === 'new' ? {} : rowMessages(props.messages ?? {}, editing.index)}
          onCancel={() => setEditing(null)}
          onSave={async (fields) => {
            if (await props.editable!.save(editing === 'new' ? null : editing.id, fields)) setEditing(null);
          }}
        />
      )}
    </>
  );
}
