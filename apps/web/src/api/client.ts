import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Declaration = Schemas['Declaration'];
export type Status = Schemas['Status'];
export type Finding = Schemas['Finding'];
export type ListItem = Schemas['ListItem'];
export type User = Schemas['User'];
export type ApiErrorBody = Schemas['Error'];

/** A non-2xx answer: the status and the one error shape `{ code, message, errors[] }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export const CSRF_COOKIE = 'pta_csrf';

export function cookie(name: string): string | null {
  const found = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/** Writes signed in by the session cookie carry its CSRF token (double submit). */
const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = cookie(CSRF_COOKIE);
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
};

/**
 * The console is in Chinese, whatever the browser's language: messages and findings in Chinese to
 * match (the API answers English only to a program that asks for it).
 */
const chinese: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', 'zh-CN');
    return request;
  },
};

/** A session that ended (idle too long) sends the person to sign in again, then back here. */
const signedOut: Middleware = {
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && path !== '/auth/session' && path !== '/auth/me') {
      const here = window.location.pathname.replace(/^\/console/, '') + window.location.search;
      window.location.assign(`/console/login?from=${encodeURIComponent(here)}`);
    }
    return response;
  },
};

/** Same origin: the session cookie goes along by itself, no CORS. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(chinese, csrf, signedOut);

/** The data of an answer, or an ApiError with the server's code, message and field errors. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, errorBody(error, response));
  return { data: data as T, response };
}

export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  return (await ok(call)).data;
}

function errorBody(error: unknown, response: Response): ApiErrorBody {
  if (error && typeof error === 'object' && 'code' in error) return error as ApiErrorBody;
  return { code: response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', message: response.statusText, errors: [] };
}

/** The If-Match header of a change to a declaration at `version`. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}
