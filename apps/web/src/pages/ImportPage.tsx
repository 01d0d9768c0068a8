import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data, type Schemas } from '../api/client';
import { ChecksPanel } from '../components/ChecksPanel';
import { ErrorAlert } from '../components/ErrorAlert';

type ImportedForm = NonNullable<Schemas['ImportStatus']['report']>['forms'][number];

interface UploadOptions {
  skipDuplicates: boolean;
  onlyMine: boolean;
}

async function upload(file: File, options: UploadOptions): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const accepted = await data(
    api.POST('/imports', {
      params: {
        query: { duplicates: options.skipDuplicates ? 'skip' : 'flag', only: options.onlyMine ? 'mine' : 'all' },
      },
      body: form as unknown as { file: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
  return accepted.id;
}

/** 导入申报表: a 申报表 export (text or .xlsx) as drafts, with progress and each form's findings. */
export default function ImportPage() {
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [options, setOptions] = useState<UploadOptions>({ skipDuplicates: false, onlyMine: false });
  const status = useQuery({
    queryKey: ['import', importId],
    enabled: importId !== null,
    queryFn: () => data(api.GET('/imports/{id}', { params: { path: { id: importId! } } })),
    refetchInterval: (q) => (q.state.data?.status === 'completed' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const s = status.data;
  const report = s?.report;
  return (
    <Card title="导入申报表">
      <Space style={{ marginBottom: 12 }}>
        <Checkbox checked={options.onlyMine} onChange={(e) => setOptions({ ...options, onlyMine: e.target.checked })}>
          只导入本单位的申报表（其他单位的表列为“非本单位”）
        </Checkbox>
        <Checkbox
          checked={options.skipDuplicates}
          onChange={(e) => setOptions({ ...options, skipDuplicates: e.target.checked })}
        >
          跳过疑似重复的申报表（同单位、同年度、同项目名称）
        </Checkbox>
      </Space>
      <Upload.Dragger
        accept=".txt,.xlsx,.tsv"
        showUploadList={false}
        customRequest={({ file }) => {
          setError(null);
          setImportId(null);
          upload(file as File, options).then(setImportId, setError);
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或拖入申报表文件（PDF 导出的文本或 .xlsx，不超过 10 MB）</p>
        <Typography.Text type="secondary">每张表导入为本单位的草稿；已导入过的表会跳过。</Typography.Text>
      </Upload.Dragger>
      <ErrorAlert error={error ?? status.error} />
      {s && (
        <div style={{ marginTop: 16 }} data-testid="import-status">
          <Progress
            percent={s.progress.total ? Math.round((100 * s.progress.done) / s.progress.total) : 0}
            status={s.status === 'failed' ? 'exception' : s.status === 'completed' ? 'success' : 'active'}
          />
          <Typography.Paragraph>
            {s.status === 'completed'
              ? `导入完成：新建 ${report?.created ?? 0} 张，跳过 ${report?.skipped ?? 0} 张` +
                (report?.duplicates ? `，疑似重复未导入 ${report.duplicates} 张` : '') +
                (report?.notYours.length ? `，非本单位未导入 ${report.notYours.length} 张` : '')
              : s.status === 'failed'
                ? `导入失败：${s.error ?? ''}`
                : `正在导入：${s.progress.done} / ${s.progress.total}`}
          </Typography.Paragraph>
        </div>
      )}
      {report && (
        <Table<ImportedForm>
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={report.forms}
          expandable={{
            expandedRowRender: (f) => <ChecksPanel findings={f.findings} />,
            rowExpandable: (f) => f.findings.length > 0,
          }}
          columns={[
            { title: '序号', dataIndex: 'index', width: 60, render: (i: number) => i + 1 },
            {
              title: '项目名称',
              dataIndex: 'projectName',
              render: (name: string, f) => <Link to={`/declarations/${f.declarationId}`}>{name}</Link>,
            },
            { title: '实施单位', dataIndex: ['unit', 'name'] },
            {
              title: '结果',
              dataIndex: 'status',
              width: 150,
              render: (st: string, f) => (
                <>
                  {st === 'created' && <Tag color="success">已新建</Tag>}
                  {st === 'skipped' && <Tag>已跳过</Tag>}
                  {st === 'duplicate' && <Tag color="warning">疑似重复，未导入</Tag>}
                  {st !== 'duplicate' && f.possibleDuplicateOf.length > 0 && <Tag color="warning">疑似重复</Tag>}
                </>
              ),
            },
            {
              title: '检查',
              width: 160,
              render: (_: unknown, f) => {
                const blocking = f.findings.filter((x) => x.severity === 'blocking').length;
                return (
                  <>
                    {blocking > 0 && <Tag color="error">强制 {blocking}</Tag>}
                    {f.findings.length - blocking > 0 && <Tag color="warning">提示 {f.findings.length - blocking}</Tag>}
                    {f.findings.length === 0 && <Tag color="success">通过</Tag>}
                  </>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
