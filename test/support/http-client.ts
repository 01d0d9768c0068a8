/** A plain fetch client for tests against a real api process on a port. */
export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export function httpClient(port: number) {
  const base = `http://127.0.0.1:${port}`;
  async function call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: response.headers,
    };
  }
  return {
    call,
    async token(username: string, password: string): Promise<string> {
      const reply = await call('POST', '/auth/token', undefined, { username, password });
      if (reply.status !== 200)
        throw new Error(`sign-in of ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.accessToken as string;
    },
  };
}
