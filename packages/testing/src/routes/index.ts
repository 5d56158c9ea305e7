/**
 * The route table: every SMS endpoint of spec §2.
 */
import { accountRoutes } from './account.js';
import { contactRoutes } from './contacts.js';
import type { Route } from './context.js';
import { groupRoutes } from './groups.js';
import { numberRoutes } from './numbers.js';
import { rentalRoutes } from './rental.js';
import { sendRoutes } from './send.js';
import { statusRoutes } from './status.js';
import { stopRoutes } from './stops.js';
import { subaccountRoutes } from './subaccounts.js';
import { surveyRcsRoutes } from './survey-rcs.js';

export const ROUTES: Route[] = [
  ...accountRoutes,
  ...sendRoutes,
  ...surveyRcsRoutes,
  ...statusRoutes,
  ...groupRoutes,
  ...contactRoutes,
  ...stopRoutes,
  ...subaccountRoutes,
  ...numberRoutes,
  ...rentalRoutes,
];

export interface RouteMatch {
  route: Route;
  /** Path parameters (`/v1/message-cancel/123` → `{ ':id': '123' }`). */
  pathParams: Record<string, string>;
  methodAllowed: boolean;
}

export function findRoute(method: string, path: string): RouteMatch | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  for (const route of ROUTES) {
    for (const pattern of route.paths) {
      const pathParams = matchPath(pattern, clean);
      if (pathParams) return { route, pathParams, methodAllowed: route.methods.includes(method) };
    }
  }
  return undefined;
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) params[w] = decodeURIComponent(h);
    else if (w !== h) return undefined;
  }
  return params;
}
