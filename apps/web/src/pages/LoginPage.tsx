import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { SYSTEM_NAME } from '../app/AppLayout';
import { errorTitle } from '../lib/errors';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await ok(api.POST('/auth/session', { body: values }));
      client.setQueryData(['me'], data.user);
      const from =
        (location.state as { from?: string } | null)?.from ?? new URLSearchParams(location.search).get('from');
      void navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(errorTitle(e) === '登录已失效，请重新登录' ? '用户名或密码错误' : errorTitle(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={4} style={{ textAlign: 'center' }}>
          {SYSTEM_NAME}
        </Typography.Title>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
        <Form<Credentials> layout="vertical" onFinish={(v) => void signIn(v)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
