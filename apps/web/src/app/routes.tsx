import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './AppLayout';
import { LoginPage } from '../pages/LoginPage';
import { HomeRedirect } from './HomeRedirect';

/** Every screen but sign-in is loaded on demand: one chunk per route. */
const lazy = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <AppLayout />,
      children: [
        { index: true, element: <HomeRedirect /> },
        { path: 'declarations', lazy: lazy(() => import('../pages/MyDeclarationsPage')) },
        { path: 'declarations/:id', lazy: lazy(() => import('../pages/DeclarationPage')) },
        { path: 'imports', lazy: lazy(() => import('../pages/ImportPage')) },
        { path: 'inbox', lazy: lazy(() => import('../pages/InboxPage')) },
        { path: 'notifications', lazy: lazy(() => import('../pages/NotificationsPage')) },
        { path: 'audit', lazy: lazy(() => import('../pages/AuditPage')) },
        { path: 'admin/users', lazy: lazy(() => import('../pages/UsersPage')) },
        { path: 'admin/read-models', lazy: lazy(() => import('../pages/ReadModelsPage')) },
        { path: 'admin/deliveries', lazy: lazy(() => import('../pages/DeliveriesPage')) },
        { path: 'admin/season', lazy: lazy(() => import('../pages/SeasonPage')) },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ],
  { basename: '/console' },
);
