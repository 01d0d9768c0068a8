import { Descriptions, Typography } from 'antd';
import type { Schemas } from '../api/client';
import { yuan } from '../lib/format';
import { IndicatorTable } from './IndicatorTable';

type Content = Schemas['Declaration'] | Schemas['Diff']['to']['content'];

const FUNDS: [keyof Content['funds'], string][] = [
  ['projectTotal', '项目资金总额'],
  ['annualTotal', '年度资金申请总额'],
  ['currentYearAppropriation', '当年财政拨款'],
  ['carryOver', '上年结转资金'],
  ['otherFunds', '其他资金'],
];

/** The 申报表 read only: basic information, funds in yuan, goals, the merged indicator table. */
export function FormView({ content, messages }: { content: Content; messages?: Record<string, string> }) {
  const mark = (path: string, text: string | null) =>
    messages?.[path] ? (
      <Typography.Text type="danger">
        {text ?? '—'}（{messages[path]}）
      </Typography.Text>
    ) : (
      (text ?? '—')
    );
  return (
    <>
      <Descriptions bordered size="small" column={2} title="基本信息">
        <Descriptions.Item label="项目名称" span={2}>
          {content.projectName}
        </Descriptions.Item>
        {'unit' in content && <Descriptions.Item label="实施单位">{content.unit.name}</Descriptions.Item>}
        {'department' in content && <Descriptions.Item label="主管部门">{content.department.name}</Descriptions.Item>}
        <Descriptions.Item label="预算年度">{content.year}</Descriptions.Item>
        <Descriptions.Item label="项目性质">{content.nature}</Descriptions.Item>
        <Descriptions.Item label="项目类别">{mark('category', content.category)}</Descriptions.Item>
        <Descriptions.Item label="计划期间">
          {mark('plannedStart', content.plannedStart)} 至 {mark('plannedEnd', content.plannedEnd)}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={3} title="项目资金（元）" style={{ marginTop: 16 }}>
        {FUNDS.map(([field, label], at) => (
          <Descriptions.Item key={field} label={label} span={at === FUNDS.length - 1 ? 'filled' : 1}>
            {mark(`funds.${field}`, yuan(content.funds[field]))}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Descriptions bordered size="small" column={1} title="绩效目标" style={{ marginTop: 16 }}>
        <Descriptions.Item label="项目总目标">{mark('overallGoal', content.overallGoal)}</Descriptions.Item>
        <Descriptions.Item label="年度总体目标">{mark('annualGoal', content.annualGoal)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        绩效指标
      </Typography.Title>
      <IndicatorTable
        indicators={content.indicators}
        messages={messages}
        opinions={'opinions' in content ? content.opinions : undefined}
      />
    </>
  );
}
