// What the audit probes: one route = one method on one path, with what a browser page would send to it. Every
// loader (list file, OpenAPI, exported report) ends here; header values never matter for CORS, only their names
// and the Content-Type's essence, so routes carry placeholders, never a user's secret.
import { isForbiddenHeaderName } from '../args.ts';
import { UsageError } from '../errors.ts';

export interface Route {
  method: string;
  /** Path with its query, parameters already filled in ("/items/1"). */
  path: string;
  /** The path as written in the source ("/items/{id}"), for tables and reports. */
  template: string;
  /** The page's own header lines (placeholder values). */
  headers: [string, string][];
  /** fetch(..., { credentials: 'include' }) / withCredentials. */
  credentials: boolean;
  /** Response headers the page reads (lowercase). */
  expose: string[];
  /** Where the route was declared, for SARIF ("routes.txt", line 3). */
  source: { file: string; line: number };
}

export { PLACEHOLDER } from './emit/render.ts';
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function checkMethod(method: string, where: string): string {
  if (!TOKEN.test(method)) throw new UsageError(`${where}: not an HTTP method: ${JSON.stringify(method)}`);
  return /^(delete|get|head|options|post|put|patch)$/i.test(method) ? method.toUpperCase() : method;
}

export function checkPath(path: string, where: string): string {
  // Only a path: the audit never leaves the base URL the user gave.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
  if (!path.startsWith('/') || path.startsWith('//') || /[\s\\]/.test(path) || /[\x00-\x1f\x7f]/.test(path))
    throw new UsageError(
      `${where}: a route path must start with / and hold no spaces: ${JSON.stringify(path)}`,
    );
  return path;
}

export function checkHeaderName(name: string, where: string): string {
  if (!TOKEN.test(name)) throw new UsageError(`${where}: not a header name: ${JSON.stringify(name)}`);
  if (isForbiddenHeaderName(name))
    throw new UsageError(`${where}: ${name} cannot be set by a page (forbidden request header)`);
  return name.toLowerCase();
}

export function checkContentType(value: string, where: string): string {
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(value) || /[\r\n]/.test(value))
    throw new UsageError(`${where}: not a content type: ${JSON.stringify(value)}`);
  return value;
}

/** Fills `{name}` path parameters with a harmless value. */
export const fillParams = (template: string, value = '1'): string =>
  template.replace(/\{[^}/]+\}/g, encodeURIComponent(value));
