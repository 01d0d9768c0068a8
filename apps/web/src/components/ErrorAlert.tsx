import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { errorTitle, fieldMessage } from '../lib/errors';

/**
 * What the server said, in Chinese: 403/404/409 as what they mean, 412 with a reload (never a
 * silent merge), field errors listed when they have no cell to land on.
 */
export function ErrorAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  const stale = error instanceof ApiError && error.status === 412;
  const details = error instanceof ApiError ? error.body.errors : [];
  return (
    <Alert
      type={stale ? 'warning' : 'error'}
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      title={errorTitle(error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((e) => (
              <li key={`${e.path}-${e.code}`}>
                {e.path ? `${e.path}：` : ''}
                {fieldMessage(e)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        stale || onReload ? (
          <Button size="small" onClick={onReload ?? (() => window.location.reload())}>
            刷新
          </Button>
        ) : undefined
      }
    />
  );
}
