import { Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { COMPARATORS, targetParts, targetText, type IndicatorView, type TargetParts } from '../lib/indicators';
import { TAXONOMY } from '../lib/labels';

export interface IndicatorFields {
  level1: string;
  level2: string;
  name: string;
  target: string;
}

/**
 * One indicator row: levels picked from the taxonomy only, the target as comparator + number +
 * unit or as text. Server errors for the row (`target`, `name` …) stay on their fields.
 */
export function IndicatorEditor(props: {
  indicator: IndicatorView | null;
  messages: Record<string, string>;
  onSave: (fields: IndicatorFields) => Promise<void>;
  onCancel: () => void;
}) {
  const start = props.indicator;
  const [level1, setLevel1] = useState(start?.level1 ?? '产出指标');
  const [level2, setLevel2] = useState(start?.level2 ?? TAXONOMY['产出指标']![0]!);
  const [name, setName] = useState(start?.name ?? '');
  const [target, setTarget] = useState<TargetParts>(
    start ? targetParts(start) : targetParts({ target: '', parsedTarget: null }),
  );
  const [busy, setBusy] = useState(false);
  const status = (field: string) => (props.messages[field] ? ('error' as const) : undefined);
  // From the latest parts, not this render's: antd's InputNumber reports its value again on blur,
  // after the next field's change, and would put back the unit as it was before.
  const set = (change: Partial<TargetParts>) => setTarget((parts) => ({ ...parts, ...change }));

  const save = async () => {
    setBusy(true);
    try {
      await props.onSave({ level1, level2, name: name.trim(), target: targetText(target) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={start ? '编辑指标' : '添加指标'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={props.onCancel}
      width={640}
    >
      <Form layout="vertical">
        <Space style={{ width: '100%' }}>
          <Form.Item label="一级指标" validateStatus={status('level1')} help={props.messages.level1}>
            <Select
              aria-label="一级指标"
              style={{ width: 160 }}
              value={level1}
              options={Object.keys(TAXONOMY).map((v) => ({ value: v, label: v }))}
              onChange={(v: string) => {
                setLevel1(v);
                setLevel2(TAXONOMY[v]![0]!);
              }}
            />
          </Form.Item>
          <Form.Item label="二级指标" validateStatus={status('level2')} help={props.messages.level2}>
            <Select
              aria-label="二级指标"
              style={{ width: 200 }}
              value={level2}
              options={(TAXONOMY[level1] ?? []).map((v) => ({ value: v, label: v }))}
              onChange={setLevel2}
            />
          </Form.Item>
        </Space>
        <Form.Item label="三级指标" validateStatus={status('name')} help={props.messages.name}>
          <Input aria-label="三级指标" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label="年度指标值" validateStatus={status('target')} help={props.messages.target}>
          <Radio.Group
            value={target.kind}
            onChange={(e) => set({ kind: e.target.value as TargetParts['kind'] })}
            options={[
              { value: 'quantitative', label: '定量（比较符 + 数值 + 单位）' },
              { value: 'qualitative', label: '定性（文字）' },
            ]}
          />
          {target.kind === 'quantitative' ? (
            <Space.Compact style={{ marginTop: 8 }}>
              <Select
                aria-label="比较符"
                style={{ width: 70 }}
                value={target.comparator}
                options={COMPARATORS.map((c) => ({ value: c, label: c }))}
                onChange={(v: string) => set({ comparator: v })}
              />
              <InputNumber
                aria-label="指标数值"
                style={{ width: 160 }}
                value={target.value}
                onChange={(v) => set({ value: v })}
              />
              <Input
                aria-label="计量单位"
                style={{ width: 160 }}
                placeholder="单位，如 % 或 人次"
                value={target.unit}
                onChange={(e) => set({ unit: e.target.value })}
              />
            </Space.Compact>
          ) : (
            <Input
              aria-label="指标值文字"
              style={{ marginTop: 8 }}
              placeholder="如：及时、有效、2025 年 10 月底前"
              value={target.text}
              onChange={(e) => set({ text: e.target.value })}
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
