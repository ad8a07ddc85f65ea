// What an emitted regression test asserts, derived from one route and one allowed origin: the preflight a browser
// sends (when it sends one) is answered for this origin, method and headers; the response allows the origin (and
// credentials, and the headers the page reads); a hostile origin is refused. Every renderer turns this into code.
import {
  accessControlRequestHeaders,
  getHeader,
  isPreflightNeeded,
  isSafelistedMethod,
} from '../../../engine/index.ts';
import { addHeader, emptyHeaders } from '../../../engine/headers.ts';
import { ARBITRARY } from '../checks/hostile-origins.ts';
import type { Route } from '../routes.ts';

export interface TestSpec {
  method: string;
  path: string;
  origin: string;
  hostile: string;
  /** The page's own headers (placeholder values). */
  headers: [string, string][];
  credentials: boolean;
  expose: string[];
  preflight: boolean;
  /** Access-Control-Request-Headers of the preflight, or null. */
  requestHeaders: string | null;
  /** Whether the method must be listed in Access-Control-Allow-Methods. */
  methodListed: boolean;
}

export function specOf(route: Route, origin: string): TestSpec {
  // No Node here: the panel's "Copy test" renders the same spec (render.ts).
  const map = emptyHeaders();
  for (const [n, v] of route.headers) addHeader(map, n.toLowerCase(), v);
  const preflight = isPreflightNeeded({ method: route.method, headers: map, mode: 'cors' });
  return {
    method: route.method,
    path: route.path,
    origin,
    hostile: ARBITRARY,
    headers: route.headers.filter(([n]) => getHeader(map, n) !== null),
    credentials: route.credentials,
    expose: route.expose,
    preflight,
    requestHeaders: preflight ? accessControlRequestHeaders(map) : null,
    methodListed: !isSafelistedMethod(route.method),
  };
}
