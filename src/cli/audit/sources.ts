// Loads the routes from the one source given: a routes list, an OpenAPI document (file or http(s) URL, read with a
// size cap), or an exported CORS Lens report (its failed requests, re-based on the base URL).
import { UsageError } from '../errors.ts';
import { loadReport } from '../replay-input.ts';
import type { AuditArgs } from './args.ts';
import { loadRouteList, readText } from './list-file.ts';
import { routesFromOpenApi } from './openapi.ts';
import { checkHeaderName, checkMethod, type Route } from './routes.ts';

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    throw new UsageError(`cannot fetch ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new UsageError(`cannot fetch ${url}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  if (body.byteLength > MAX_DOCUMENT_BYTES) throw new UsageError(`${url} is larger than 10 MB`);
  return new TextDecoder().decode(body);
}

function routesFromReport(file: string): Route[] {
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const entry of loadReport(file)) {
    // An entry replay cannot send (a bad method or header) is no route either; the well-formed ones are audited.
    if (!('failure' in entry)) continue;
    const f = entry.failure;
    const u = new URL(f.request.url);
    const method = checkMethod(f.request.method, file);
    const key = `${method} ${u.pathname}${u.search}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const headers = Object.entries(f.request.headers).flatMap(([name]): [string, string][] => {
      try {
        const n = checkHeaderName(name, file);
        return [[n, n === 'content-type' ? String(f.request.headers[name]) : 'cors-lens-audit']];
      } catch {
        return []; // the browser's own headers (Cookie, Sec-*) are not the page's
      }
    });
    routes.push({
      method,
      path: `${u.pathname}${u.search}`,
      template: u.pathname,
      headers,
      credentials: f.request.credentials === 'include',
      expose: [],
      source: { file, line: 1 },
    });
  }
  if (routes.length === 0) throw new UsageError(`${file}: the report has no failures to audit`);
  return routes;
}

export async function loadRoutes(args: AuditArgs): Promise<Route[]> {
  const { kind, location } = args.source;
  let routes: Route[];
  if (kind === 'routes') routes = loadRouteList(location);
  else if (kind === 'report') routes = routesFromReport(location);
  else {
    const remote = /^https?:\/\//i.test(location);
    routes = routesFromOpenApi(
      remote ? await fetchText(location, args.timeoutMs) : readText(location),
      location,
    );
  }
  return args.credentials ? routes.map((r) => ({ ...r, credentials: true })) : routes;
}
