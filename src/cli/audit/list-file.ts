// The routes list file: one route per line, `METHOD /path [option]...`, `#` starts a comment.
//   credentials            the page sends cookies (credentials: 'include' / withCredentials)
//   content-type=<type>    the body's Content-Type
//   header=<Name>          a header the page sets (its value does not matter for CORS)
//   auth=bearer|basic      the page sends Authorization
//   expose=<a,b>           response headers the page reads
// docs/ci.md describes it; values are names only, so the file holds no secret.
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import {
  checkContentType,
  checkHeaderName,
  checkMethod,
  checkPath,
  fillParams,
  PLACEHOLDER,
  type Route,
} from './routes.ts';

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function applyOption(route: Route, option: string, where: string): void {
  const eq = option.indexOf('=');
  const key = eq < 0 ? option : option.slice(0, eq);
  const value = eq < 0 ? '' : option.slice(eq + 1);
  switch (key) {
    case 'credentials':
      route.credentials = true;
      return;
    case 'content-type':
      route.headers.push(['content-type', checkContentType(value, where)]);
      return;
    case 'header':
      route.headers.push([checkHeaderName(value, where), PLACEHOLDER]);
      return;
    case 'auth':
      if (value !== 'bearer' && value !== 'basic')
        throw new UsageError(`${where}: auth= takes bearer or basic, got ${JSON.stringify(value)}`);
      route.headers.push([
        'authorization',
        value === 'bearer' ? 'Bearer cors-lens-audit' : 'Basic Y29yczpsZW5z',
      ]);
      return;
    case 'expose':
      for (const h of value.split(',').filter(Boolean)) route.expose.push(checkHeaderName(h, where));
      return;
    default:
      throw new UsageError(`${where}: unknown option ${JSON.stringify(option)}`);
  }
}

export function parseRouteList(text: string, file: string): Route[] {
  const routes: Route[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const where = `${file}:${i + 1}`;
    const [method = '', path = '', ...options] = line.split(/\s+/);
    if (path === '') throw new UsageError(`${where}: expected 'METHOD /path [options]'`);
    const template = checkPath(path, where);
    const route: Route = {
      method: checkMethod(method, where),
      path: fillParams(template),
      template,
      headers: [],
      credentials: false,
      expose: [],
      source: { file, line: i + 1 },
    };
    for (const o of options) applyOption(route, o, where);
    routes.push(route);
  }
  if (routes.length === 0) throw new UsageError(`${file}: no routes (expected 'METHOD /path' lines)`);
  return routes;
}

export const loadRouteList = (file: string): Route[] => parseRouteList(readText(file), file);
