import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../api/client';
import { DiffPanel } from './DiffPanel';
import { ErrorAlert } from './ErrorAlert';
import { FormView } from './FormView';

/** The form as it stood at a version or a moment, and the diff between any two versions. */
export function VersionCompare({ id, version }: { id: string; version: number }) {
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(version);
  const [at, setAt] = useState<{ version?: number; asOf?: string } | null>(null);
  const [pick, setPick] = useState<number | null>(null);
  const [moment, setMoment] = useState<Dayjs | null>(null);
  const past = useQuery({
    queryKey: ['declaration-at', id, at],
    enabled: at !== null,
    queryFn: () => data(api.GET('/declarations/{id}', { params: { path: { id }, query: at ?? {} } })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <div>
        <Typography.Title level={5}>版本比较</Typography.Title>
        <Space>
          从第{' '}
          <InputNumber aria-label="起始版本" min={1} max={version} value={from} onChange={(v) => setFrom(v ?? 1)} /> 版
          到第{' '}
          <InputNumber aria-label="结束版本" min={1} max={version} value={to} onChange={(v) => setTo(v ?? version)} />{' '}
          版
        </Space>
        <div style={{ marginTop: 8 }}>
          <DiffPanel id={id} from={Math.min(from, to)} to={Math.max(from, to)} />
        </div>
      </div>
      <div>
        <Typography.Title level={5}>某一版本或某一时刻的表单</Typography.Title>
        <Space wrap>
          <InputNumber aria-label="版本号" min={1} max={version} placeholder="版本号" value={pick} onChange={setPick} />
          <Button onClick={() => pick && setAt({ version: pick })}>查看该版本</Button>
          <DatePicker showTime aria-label="时刻" value={moment} onChange={setMoment} />
          <Button onClick={() => moment && setAt({ asOf: moment.toISOString() })}>查看该时刻</Button>
        </Space>
        <ErrorAlert error={past.error} />
        {past.data && (
          <div style={{ marginTop: 12 }} data-testid="form-as-of">
            <Typography.Paragraph type="secondary">第 {past.data.version} 版时的表单</Typography.Paragraph>
            <FormView content={past.data} />
          </div>
        )}
      </div>
    </Space>
  );
}
