import { BellOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api, data, type User } from '../api/client';
import { ROLE_LABEL } from '../lib/labels';
import { errorTitle } from '../lib/errors';
import { SessionProvider, useCurrentUser, useSession } from './session';

export const SYSTEM_NAME = '财政项目支出绩效目标申报审核系统';

type MenuItem = { key: string; label: string };

/** The left menu: each role sees only what it may use. */
function menuOf(role: User['role']): MenuItem[] {
  const notices = { key: '/notifications', label: '我的通知' };
  switch (role) {
    case 'preparer':
      return [{ key: '/declarations', label: '我的申报' }, { key: '/imports', label: '导入申报表' }, notices];
    case 'department_reviewer':
    case 'bureau_signer':
    case 'finance_officer':
      return [{ key: '/inbox', label: '待办事项' }, { key: '/declarations', label: '申报查询' }, notices];
    case 'auditor':
      return [{ key: '/audit', label: '审计查询' }, { key: '/declarations', label: '申报查询' }, notices];
    case 'admin':
      return [
        { key: '/admin/users', label: '用户管理' },
        { key: '/admin/read-models', label: '读模型' },
        { key: '/admin/deliveries', label: '投递失败' },
        { key: '/admin/season', label: '年度设置' },
        { key: '/declarations', label: '申报查询' },
        { key: '/imports', label: '导入申报表' },
        { key: '/audit', label: '审计查询' },
        notices,
      ];
    case 'budget_officer':
      return [{ key: '/admin/season', label: '年度设置' }, notices];
  }
}

function Bell() {
  const unread = useQuery({
    queryKey: ['unread'],
    queryFn: () => data(api.GET('/notifications/unread-count')),
    refetchInterval: 30_000,
  });
  return (
    <Link to="/notifications" aria-label={`通知，${unread.data?.unread ?? 0} 条未读`}>
      <Badge count={unread.data?.unread ?? 0} size="small">
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Link>
  );
}

function Shell() {
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = menuOf(user.role);
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, flex: 1 }}>
          {SYSTEM_NAME}
        </Typography.Title>
        <Space size="large" style={{ color: '#fff' }}>
          <Bell />
          <span data-testid="who">
            {user.displayName}（{ROLE_LABEL[user.role]}）
          </span>
          <Button icon={<LogoutOutlined />} size="small" onClick={() => void signOut()}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light">
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={items}
              onClick={({ key }) => void navigate(key)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <main>
            <Suspense fallback={<Spin />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Every signed-in screen: the header, the menu by role, the bell; sign-in when there is no session. */
export function AppLayout() {
  const me = useCurrentUser();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) return <Result status="error" title={errorTitle(me.error)} />;
  if (!me.data) return <Navigate to="/login" state={{ from: location.pathname + location.search }} replace />;
  return (
    <SessionProvider user={me.data}>
      <Shell />
    </SessionProvider>
  );
}
