import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Declaration } from '../api/client';
import { sumYuan, yuan } from '../lib/format';

export type Revision = Partial<{
  projectName: string;
  nature: string;
  category: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  overallGoal: string | null;
  annualGoal: string | null;
  funds: Partial<Declaration['funds']>;
}>;

type Values = Omit<Revision, 'plannedStart' | 'plannedEnd' | 'funds'> & {
  plannedStart: Dayjs | null;
  plannedEnd: Dayjs | null;
  funds: Declaration['funds'];
};

const money = {
  style: { width: '100%' },
  min: 0,
  precision: 2,
  formatter: (v: number | string | undefined) =>
    v === undefined || v === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v: string | undefined) => (v ?? '').replace(/,/g, '') as unknown as number,
};

/** Only what changed goes to PATCH: a field not touched is not re-sent (and not re-recorded). */
function changes(values: Values, d: Declaration): Revision {
  const next: Revision = {};
  for (const key of ['projectName', 'nature', 'category', 'overallGoal', 'annualGoal'] as const) {
    const value = values[key] === '' ? null : (values[key] ?? null);
    if (value !== d[key]) (next as Record<string, unknown>)[key] = value;
  }
  for (const key of ['plannedStart', 'plannedEnd'] as const) {
    const value = values[key] ? values[key].format('YYYY-MM-DD') : null;
    if (value !== d[key]) next[key] = value;
  }
  const funds = Object.fromEntries(
    Object.entries(values.funds).filter(([k, v]) => v !== d.funds[k as keyof Declaration['funds']]),
  );
  if (Object.keys(funds).length > 0) next.funds = funds;
  return next;
}

/** 基本信息, 项目资金 and 绩效目标 of a draft; the funds' sum is checked as one types. */
export function BasicInfoEditor(props: {
  declaration: Declaration;
  errors: Record<string, string>;
  onSave: (revision: Revision) => Promise<void>;
  saving: boolean;
}) {
  const d = props.declaration;
  const [form] = Form.useForm<Values>();
  const funds = Form.useWatch('funds', form) ?? d.funds;
  useEffect(() => {
    form.setFieldsValue({
      ...d,
      plannedStart: d.plannedStart ? dayjs(d.plannedStart) : null,
      plannedEnd: d.plannedEnd ? dayjs(d.plannedEnd) : null,
    });
  }, [d, form]);
  const parts = sumYuan(funds.currentYearAppropriation, funds.carryOver, funds.otherFunds);
  const sumOff = funds.annualTotal !== null && funds.annualTotal !== undefined && sumYuan(funds.annualTotal) !== parts;
  const item = (name: string) => ({
    validateStatus: props.errors[name] ? ('error' as const) : undefined,
    help: props.errors[name],
  });
  return (
    <Card size="small" title="基本信息、资金与目标">
      <Form form={form} layout="vertical" onFinish={(v) => void props.onSave(changes(v, d))}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="项目名称" name="projectName" {...item('projectName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="项目性质" name="nature" {...item('nature')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="项目类别" name="category" {...item('category')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="计划开始日期" name="plannedStart" {...item('plannedStart')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="计划完成日期" name="plannedEnd" {...item('plannedEnd')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="项目资金总额（元）" name={['funds', 'projectTotal']} {...item('funds.projectTotal')}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="年度资金申请总额（元）" name={['funds', 'annualTotal']} {...item('funds.annualTotal')}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="当年财政拨款（元）"
              name={['funds', 'currentYearAppropriation']}
              {...item('funds.currentYearAppropriation')}
            >
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="上年结转资金（元）" name={['funds', 'carryOver']} {...item('funds.carryOver')}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="其他资金（元）" name={['funds', 'otherFunds']} {...item('funds.otherFunds')}>
              <InputNumber {...money} />
            </Form.Item>
          </Col>
        </Row>
        {sumOff && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`年度资金申请总额应等于三项之和：${yuan(parts)} 元`}
          />
        )}
        <Form.Item label="项目总目标" name="overallGoal" {...item('overallGoal')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item label="年度总体目标" name="annualGoal" {...item('annualGoal')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={props.saving}>
          保存基本信息
        </Button>
      </Form>
    </Card>
  );
}
