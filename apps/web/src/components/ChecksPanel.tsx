import { Alert, Tag, Typography } from 'antd';
import type { Finding } from '../api/client';

/** 强制性审核 (blocking) and 提示性审核 (warning) findings, each naming its field. */
export function ChecksPanel({ findings, title }: { findings: readonly Finding[]; title?: string }) {
  const blocking = findings.filter((f) => f.severity === 'blocking');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return (
    <div data-testid="checks-panel">
      {title && <Typography.Title level={5}>{title}</Typography.Title>}
      {findings.length === 0 && <Alert type="success" showIcon title="检查通过：没有强制性或提示性问题" />}
      {blocking.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`强制性审核问题 ${blocking.length} 项：修改后才能送审`}
          style={{ marginBottom: 8 }}
        />
      )}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {[...blocking, ...warnings].map((f, at) => (
          <li
            key={`${f.code}-${f.path}-${at}`}
            style={{ display: 'flex', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <Tag color={f.severity === 'blocking' ? 'error' : 'warning'}>
              {f.severity === 'blocking' ? '强制' : '提示'}
            </Tag>
            <span style={{ flex: 1 }}>{f.message}</span>
            <Typography.Text type="secondary" code>
              {f.path || '整表'}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}
