import type { NestExpressApplication } from '@nestjs/platform-express';
import { ACTIONS } from '@app/declarations';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Path parameters that choose the endpoint rather than the resource: a route holding one stands
 * for one endpoint per value (`POST /declarations/:id/:action` is submit, withdraw, …), each with
 * its own rights. The values come from the domain, so a new workflow action needs a row too.
 */
export const ENDPOINT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  ':action': ACTIONS.filter((action) => action !== 'edit'),
};

/**
 * Every route the HTTP server answers, as `METHOD /path` in Express's syntax (`GET /declarations/:id`),
 * read from the router of the initialised app: what is really served, whichever module added it.
 * A route with an endpoint parameter is listed once per value (see ENDPOINT_PARAMS).
 */
export function servedRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] } };
  if (!express.router) throw new Error('No Express router: call app.init() first');
  const routes = express.router.stack.flatMap(({ route }) =>
    route ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`) : [],
  );
  return [...new Set(routes.flatMap(expand))];
}

function expand(route: string): string[] {
  for (const [param, values] of Object.entries(ENDPOINT_PARAMS)) {
    if (new RegExp(`/${param}(?=/|$)`).test(route)) {
      return values.flatMap((value) => expand(route.replace(new RegExp(`/${param}(?=/|$)`), `/${value}`)));
    }
  }
  return [route];
}

/**
 * The console's files (apps/web, built into dist/web): public by design, GET only, served by
 * @nestjs/serve-static with index.html for any other path under /console (the SPA's deep links).
 */
export function isStaticRoute(route: string): boolean {
  return /^GET \/console(?:\/|$)/.test(route);
}

/** Swagger UI and the OpenAPI document: public by design, GET only, served by @nestjs/swagger, not a controller. */
export function isDocsRoute(route: string): boolean {
  return /^GET \/docs(?:[/-]|$)/.test(route);
}
