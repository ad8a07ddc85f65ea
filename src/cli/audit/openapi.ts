// OpenAPI 3.x (JSON or YAML, a file or a URL) → routes: each path × method, with the request a browser page would
// make from what the document declares (body content type, auth headers from security schemes, cookies →
// credentials, response headers → read by the page). https://spec.openapis.org/oas/v3.1.0 (Path Item, Operation,
// Security Scheme objects). Everything in the document is untrusted: names are checked, nothing is evaluated.
import { parse as parseYaml } from 'yaml';
import { SAFELISTED_RESPONSE_HEADERS, isSafelistedRequestHeader } from '../../engine/index.ts';
import { isForbiddenHeaderName } from '../args.ts';
import { UsageError } from '../errors.ts';
import { PLACEHOLDER, checkMethod, checkPath, type Route } from './routes.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseDocument(text: string, where: string): Obj {
  let doc: unknown;
  try {
    doc = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new UsageError(`${where} is neither JSON nor YAML: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  if (!isObj(doc) || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.'))
    throw new UsageError(`${where} is not an OpenAPI 3.x document (no "openapi: 3.x" field)`);
  if (!isObj(doc.paths)) throw new UsageError(`${where} has no paths`);
  return doc;
}

/** The value a path parameter gets: its example when it is a plain string or number, else 1. */
function paramValue(p: Obj): string {
  const schema = isObj(p.schema) ? p.schema : {};
  for (const v of [p.example, schema.example, schema.default])
    if ((typeof v === 'string' || typeof v === 'number') && String(v).length < 100) return String(v);
  return '1';
}

function resolveRef(doc: Obj, x: unknown): Obj {
  // Only local references (#/components/...): a document cannot make the audit fetch anything.
  if (!isObj(x) || typeof x.$ref !== 'string') return isObj(x) ? x : {};
  let node: unknown = doc;
  for (const part of x.$ref.replace(/^#\//, '').split('/'))
    node = isObj(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isObj(node) ? node : {};
}

/** Auth headers and cookies from the first alternative of the operation's (or the document's) security. */
function applySecurity(doc: Obj, op: Obj, route: Route): void {
  const reqs = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  const first: unknown = reqs[0];
  if (!isObj(first)) return;
  const schemes =
    isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  for (const name of Object.keys(first)) {
    const s = resolveRef(doc, schemes[name]);
    if (s.type === 'apiKey' && s.in === 'cookie') route.credentials = true;
    else if (s.type === 'apiKey' && s.in === 'header' && typeof s.name === 'string') addHeader(route, s.name);
    else if (s.type === 'http' || s.type === 'oauth2' || s.type === 'openIdConnect')
      addHeader(
        route,
        'authorization',
        s.type === 'http' && /^basic$/i.test(String(s.scheme))
          ? 'Basic Y29yczpsZW5z'
          : 'Bearer cors-lens-audit',
      );
  }
}

function addHeader(route: Route, name: string, value = PLACEHOLDER): void {
  const lower = name.toLowerCase();
  if (!HEADER_NAME.test(name) || isForbiddenHeaderName(name)) return;
  if (!route.headers.some(([n]) => n === lower)) route.headers.push([lower, value]);
}

/** A body content type that needs a preflight wins: that is the request more likely to fail in a browser. */
function bodyType(doc: Obj, op: Obj): string | null {
  const body = resolveRef(doc, op.requestBody);
  const types = Object.keys(isObj(body.content) ? body.content : {}).filter(
    (t) => /^[\w.+-]+\/[\w.+*-]+$/.test(t) && !t.includes('*'),
  );
  return types.find((t) => !isSafelistedRequestHeader('content-type', t)) ?? types[0] ?? null;
}

function exposedHeaders(doc: Obj, op: Obj): string[] {
  const out = new Set<string>();
  for (const r of Object.values(isObj(op.responses) ? op.responses : {})) {
    const headers = resolveRef(doc, r).headers;
    for (const h of Object.keys(isObj(headers) ? headers : {})) {
      const lower = h.toLowerCase();
      if (HEADER_NAME.test(h) && !SAFELISTED_RESPONSE_HEADERS.includes(lower)) out.add(lower);
    }
  }
  return [...out].sort();
}

const lineOf = (text: string, path: string): number => {
  const i = text
    .split('\n')
    .findIndex(
      (l) => l.includes(`"${path}"`) || l.trimStart().startsWith(`${path}:`) || l.includes(`'${path}'`),
    );
  return i < 0 ? 1 : i + 1;
};

export function routesFromOpenApi(text: string, file: string): Route[] {
  const doc = parseDocument(text, file);
  const routes: Route[] = [];
  for (const [template, rawItem] of Object.entries(doc.paths as Obj)) {
    const item = resolveRef(doc, rawItem);
    checkPath(template.replace(/\{[^}/]+\}/g, 'x'), `${file}: paths`);
    for (const m of METHODS) {
      if (!isObj(item[m])) continue;
      const op = item[m];
      const params = [
        ...(Array.isArray(item.parameters) ? (item.parameters as unknown[]) : []),
        ...(Array.isArray(op.parameters) ? (op.parameters as unknown[]) : []),
      ].map((p) => resolveRef(doc, p));
      const route: Route = {
        method: checkMethod(m, file),
        path: template.replace(/\{([^}/]+)\}/g, (_, n: string) =>
          encodeURIComponent(paramValue(params.find((p) => p.in === 'path' && p.name === n) ?? {})),
        ),
        template,
        headers: [],
        credentials: op['x-cors-credentials'] === true || doc['x-cors-credentials'] === true,
        expose: exposedHeaders(doc, op),
        source: { file, line: lineOf(text, template) },
      };
      const type = bodyType(doc, op);
      if (type !== null) addHeader(route, 'content-type', type);
      for (const p of params) {
        if (p.in === 'cookie') route.credentials = true;
        if (p.in === 'header' && p.required === true && typeof p.name === 'string') addHeader(route, p.name);
      }
      applySecurity(doc, op, route);
      routes.push(route);
    }
  }
  if (routes.length === 0) throw new UsageError(`${file}: no operations under paths`);
  return routes;
}
