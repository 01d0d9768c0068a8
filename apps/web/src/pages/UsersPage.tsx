import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, data, type User } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldErrors } from '../lib/errors';
import { ROLE_LABEL } from '../lib/labels';

type Draft = Partial<
  Pick<User, 'username' | 'displayName' | 'role' | 'unitId' | 'departmentId' | 'email' | 'active'>
> & {
  password?: string;
};

function UserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const [error, setError] = useState<unknown>(null);
  const role = Form.useWatch('role', form) ?? user?.role;
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => data(api.GET('/organisations')) });
  const units = (organisations.data ?? []).flatMap((d) =>
    d.units.map((u) => ({ value: u.id, label: `${d.name} / ${u.name}` })),
  );
  const departments = (organisations.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const errors = fieldErrors(error);
  const item = (name: string) => ({
    validateStatus: errors[name] ? ('error' as const) : undefined,
    help: errors[name],
  });
  const save = async (v: Draft) => {
    const scope = {
      unitId: role === 'preparer' ? v.unitId : null,
      departmentId: role?.endsWith('reviewer') || role === 'bureau_signer' ? v.departmentId : null,
    };
    try {
      if (user)
        await data(
          api.PATCH('/users/{id}', {
            params: { path: { id: user.id } },
            body: {
              displayName: v.displayName,
              role: v.role,
              active: v.active,
              email: v.email || null,
              ...scope,
              ...(v.password ? { password: v.password } : {}),
            },
          }),
        );
      else
        await data(
          api.POST('/users', {
            body: {
              username: v.username!,
              password: v.password!,
              role: v.role!,
              displayName: v.displayName,
              email: v.email || null,
              ...scope,
            },
          }),
        );
      void message.success('已保存');
      void client.invalidateQueries({ queryKey: ['users'] });
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal
      open
      title={user ? `修改用户 ${user.username}` : '新建用户'}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={user ?? { role: 'preparer', active: true }}
        onFinish={(v) => void save(v)}
      >
        {!user && (
          <Form.Item label="用户名" name="username" rules={[{ required: true }]} {...item('username')}>
            <Input />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" {...item('displayName')}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role" {...item('role')}>
          <Select options={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {role === 'preparer' && (
          <Form.Item label="实施单位" name="unitId" {...item('unitId')}>
            <Select options={units} />
          </Form.Item>
        )}
        {(role === 'department_reviewer' || role === 'bureau_signer') && (
          <Form.Item label="主管部门" name="departmentId" {...item('departmentId')}>
            <Select options={departments} />
          </Form.Item>
        )}
        <Form.Item label="电子邮箱" name="email" {...item('email')}>
          <Input />
        </Form.Item>
        <Form.Item
          label={user ? '新密码（不改请留空）' : '密码'}
          name="password"
          rules={user ? [] : [{ required: true }]}
          {...item('password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {user && (
          <Form.Item label="启用" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 用户管理: create users, change role and scope, deactivate (users are never deleted). */
export default function UsersPage() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => data(api.GET('/users')) });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新建用户
        </Button>
      }
    >
      <ErrorAlert error={users.error} />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: string) => ROLE_LABEL[r] ?? r },
          { title: '范围', render: (_: unknown, u) => u.unitId ?? u.departmentId ?? '全部' },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '操作',
            render: (_: unknown, u) => (
              <Button type="link" onClick={() => setEditing(u)}>
                修改
              </Button>
            ),
          },
        ]}
      />
      {editing && <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
