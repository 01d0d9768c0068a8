import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { api, ok, type Declaration } from '../api/client';
import { fieldErrors } from './errors';

type Answer = Promise<{ data?: Declaration; error?: unknown; response: Response }>;

/**
 * A declaration and its writes. Every write sends If-Match with the version on screen; the answer
 * (the declaration at its new version) replaces what is shown. A 412 is kept as the error to show
 * with a reload, never merged.
 */
export function useDeclaration(id: string) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const query = useQuery({
    queryKey: ['declaration', id],
    queryFn: () => ok(api.GET('/declarations/{id}', { params: { path: { id } } })).then((r) => r.data),
  });

  const write = async (call: (version: number) => Answer, done?: string): Promise<boolean> => {
    const current = query.data;
    if (!current) return false;
    setBusy(true);
    try {
      const { data } = await ok(call(current.version));
      client.setQueryData(['declaration', id], data);
      setError(null);
      if (done) void message.success(done);
      // Lists, inbox and history changed too.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'declaration' });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    setError(null);
    await client.invalidateQueries();
  };

  return { query, write, error, errors: fieldErrors(error), busy, reload };
}
