import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { api, ApiError, cookie, CSRF_COOKIE, data, type User } from '../api/client';

interface SessionValue {
  user: User;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}

/** The signed-in user (GET /auth/me), or null when the session cookie is missing or ended. */
export function useCurrentUser() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      // The readable CSRF cookie lives as long as the session: without it there is none to ask about.
      if (cookie(CSRF_COOKIE) === null) return null;
      try {
        return await data(api.GET('/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  const client = useQueryClient();
  const signOut = async () => {
    await api.POST('/auth/logout');
    client.clear();
    window.location.assign('/console/login');
  };
  return <SessionContext.Provider value={{ user, signOut }}>{children}</SessionContext.Provider>;
}
