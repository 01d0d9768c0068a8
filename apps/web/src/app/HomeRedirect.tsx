import { Navigate } from 'react-router';
import { useSession } from './session';

const HOME: Record<string, string> = {
  preparer: '/declarations',
  department_reviewer: '/inbox',
  bureau_signer: '/inbox',
  finance_officer: '/inbox',
  auditor: '/audit',
  admin: '/admin/users',
  budget_officer: '/admin/season',
};

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={HOME[user.role] ?? '/declarations'} replace />;
}
