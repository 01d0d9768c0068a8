import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, data, ifMatch, type Schemas } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';
import { ROLE_LABEL } from '../lib/labels';

type BudgetYear = Schemas['BudgetYear'];
type CalendarYear = Schemas['CalendarYear'];
type Cycle = Pick<BudgetYear, 'submissionDeadline' | 'submissionReminderDays' | 'stageLimits'>;
type Days = Pick<CalendarYear, 'source' | 'holidays' | 'workdays'>;

const ORIGIN: Record<string, string> = { file: '系统默认', budget_office: '预算科设置', none: '未录入' };
const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式如 2027-01-01' };

/** Who changed it, when: the stream of the year's settings. */
function History({ items }: { items: BudgetYear['history'] | CalendarYear['history'] }) {
  return (
    <Table
      size="small"
      rowKey="version"
      pagination={false}
      dataSource={[...items].reverse()}
      locale={{ emptyText: '尚无修改记录' }}
      columns={[
        { title: '版本', dataIndex: 'version', width: 70 },
        { title: '时间', dataIndex: 'at', render: (at: string) => dateTime(at) },
        {
          title: '修改人',
          render: (_: unknown, h) =>
            `${h.by.displayName ?? h.by.username ?? h.by.id}（${ROLE_LABEL[h.role] ?? h.role}）`,
        },
      ]}
    />
  );
}

function BudgetYearCard({ year }: { year: number }) {
  const client = useQueryClient();
  const [form] = Form.useForm<Cycle>();
  const current = useQuery({
    queryKey: ['budget-year', year],
    queryFn: () => data(api.GET('/admin/budget-years/{year}', { params: { path: { year: String(year) } } })),
    retry: false,
  });
  const save = useMutation({
    mutationFn: (cycle: Cycle) =>
      data(
        api.PUT('/admin/budget-years/{year}', {
          params: { path: { year: String(year) }, header: ifMatch(current.data?.version ?? 0) },
          body: cycle,
        }),
      ),
    onSuccess: (saved) => client.setQueryData(['budget-year', year], saved),
  });
  const view = current.data;
  return (
    <Card
      title={`${year}年度申报周期`}
      extra={view ? <Tag>{ORIGIN[view.origin]}</Tag> : <Tag color="warning">未设置</Tag>}
    >
      <ErrorAlert error={save.error} onReload={() => void current.refetch()} />
      <Form<Cycle>
        key={`${year}-${view?.version ?? 'new'}`}
        form={form}
        layout="inline"
        initialValues={view ?? { submissionReminderDays: 10, stageLimits: {} }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item label="申报截止日" name="submissionDeadline" rules={[{ required: true }, DATE_RULE]}>
          <Input placeholder="2026-11-20" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="提前提醒（天）" name="submissionReminderDays" rules={[{ required: true }]}>
          <InputNumber min={0} max={60} />
        </Form.Item>
        <Form.Item
          label="主管部门审核（工作日）"
          name={['stageLimits', 'departmental_review']}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item label="局领导审签（工作日）" name={['stageLimits', 'bureau_signoff']} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item
          label="财政确认（工作日）"
          name={['stageLimits', 'finance_confirmation']}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        保存后对此后进入审核环节的申报表生效；已进入环节的申报表保留原定期限。
      </Typography.Paragraph>
      {view && <History items={view.history} />}
    </Card>
  );
}

function CalendarCard({ year }: { year: number }) {
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => data(api.GET('/admin/calendars/{year}', { params: { path: { year: String(year) } } })),
  });
  const save = useMutation({
    mutationFn: (days: Days) =>
      data(
        api.PUT('/admin/calendars/{year}', {
          params: { path: { year: String(year) }, header: ifMatch(current.data?.version ?? 0) },
          body: days,
        }),
      ),
    onSuccess: (saved) => client.setQueryData(['calendar', year], saved),
  });
  const view = current.data;
  return (
    <Card title={`${year}年节假日安排`} extra={view && <Tag>{ORIGIN[view.origin]}</Tag>}>
      <ErrorAlert error={current.error ?? save.error} onReload={() => void current.refetch()} />
      {view && !view.entered && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${year}年节假日安排尚未录入，审核时限暂按周一至周五计算`}
        />
      )}
      {view && (
        <Form<Days>
          key={`${year}-${view.version}`}
          layout="vertical"
          initialValues={view}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item label="依据（国务院办公厅通知）" name="source" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.List name="holidays">
            {(fields, { add, remove }) => (
              <Form.Item label="放假">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder="春节" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'from']} rules={[{ required: true }, DATE_RULE]}>
                      <Input placeholder="起" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'to']} rules={[{ required: true }, DATE_RULE]}>
                      <Input placeholder="止" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add()}>添加放假</Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="workdays">
            {(fields, { add, remove }) => (
              <Form.Item label="调休上班">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'date']} rules={[{ required: true }, DATE_RULE]}>
                      <Input placeholder="日期" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                      <Input placeholder="春节调休上班" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add()}>添加调休上班日</Button>
              </Form.Item>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      )}
      {view && <History items={view.history} />}
    </Card>
  );
}

/** 年度设置: the budget office sets a budget year's cycle and a calendar year's holidays. */
export default function SeasonPage() {
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space>
        <Typography.Text>年度</Typography.Text>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      <BudgetYearCard year={year} />
      <CalendarCard year={year} />
    </Space>
  );
}
