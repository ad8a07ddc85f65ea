// Shared by every generator: turns a FixInput into a Plan (what the fixed server must allow and which pitfall was hit),
// builds the exact headers the fixed server sends (`expected`, re-checked by the engine) and quotes values per language.
import type { CauseCode, HeaderMap, ResourceKind } from '../engine/types.ts';
import type { BackendId, Fix, FixInput, Snippet } from './types.ts';
import { lintFix } from './lint.ts';
import { pageSideNotes, pageSidePitfall } from './assets.ts';

/** Chrome caps Access-Control-Max-Age at 7200 s; 600 keeps a later config change visible within minutes. */
export const MAX_AGE = 600;

/** The backend-specific mistake behind the failure; generators pick their snippet and pitfall text from it. */
export type Pitfall =
  | 'error-loses-cors' // a 4xx/5xx produced outside the CORS layer
  | 'preflight-unhandled' // OPTIONS answered 404/405/200 by the router, not by CORS
  | 'duplicate-acao' // proxy and app both add Access-Control-Allow-Origin
  | 'wildcard-credentials' // `*` (or no ACAC) while the request carries credentials
  | 'origin-not-allowed' // no CORS at all, or the origin list misses this origin
  | 'methods' // the preflight's method is not allowed
  | 'headers'; // a preflight request header is not allowed

export interface Plan {
  backend: BackendId;
  cause: CauseCode;
  pitfall: Pitfall;
  origin: string;
  /** Upper-case: the failing method first, then the others the page used on this API; never a blanket list. */
  methods: string[];
  /** Lower-case request header names the preflight asked for. */
  headers: string[];
  credentials: boolean;
  expose: string[];
  maxAge: number;
  /** Whether this request (or another of the route) is preflighted at all. */
  preflight: boolean;
  /** The API path, for path-scoped configs (nginx location, rack-cors resource, S3 rules). */
  path: string;
  /** The configured origin had a trailing slash or a path (engine hint acao-trailing-slash / acao-has-path). */
  trailingSlash: boolean;
  /** The page and the allowed origin differ only in localhost vs 127.0.0.1. */
  localhostVs127: boolean;
  /** The real status the browser hid behind "CORS error", when one arrived. */
  realStatus: number | null;
  /** What made the request, when known; a static asset gets a static-file rule (assets.ts). */
  kind: ResourceKind | null;
}

const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);

const PITFALL_BY_CAUSE: Partial<Record<CauseCode, Pitfall>> = {
  'server-error-without-cors': 'error-loses-cors',
  'preflight-not-handled': 'preflight-unhandled',
  PreflightInvalidStatus: 'preflight-unhandled',
  // A preflight answered without any CORS header: the router (or the app, behind a proxy) answered OPTIONS itself.
  PreflightMissingAllowOriginHeader: 'preflight-unhandled',
  MultipleAllowOriginValues: 'duplicate-acao',
  PreflightMultipleAllowOriginValues: 'duplicate-acao',
  WildcardOriginNotAllowed: 'wildcard-credentials',
  PreflightWildcardOriginNotAllowed: 'wildcard-credentials',
  InvalidAllowCredentials: 'wildcard-credentials',
  PreflightInvalidAllowCredentials: 'wildcard-credentials',
  MethodDisallowedByPreflightResponse: 'methods',
  InvalidAllowMethodsPreflightResponse: 'methods',
  HeaderDisallowedByPreflightResponse: 'headers',
  InvalidAllowHeadersPreflightResponse: 'headers',
};

/** The path of a URL without a URL parser (the pure layer has no `URL` restriction, but keep it total on junk). */
function pathOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  const p = m?.[1] ?? '';
  return p === '' ? '/' : p;
}

export function planFix(backend: BackendId, input: FixInput): Plan {
  const { diagnosis: d, request: r } = input;
  const method = r.method.toUpperCase();
  // The whole route: the methods and headers the page asked of this API elsewhere are allowed too.
  const methods = [...new Set([method, ...(r.route?.methods ?? []).map((m) => m.toUpperCase())])];
  const headers = [
    ...new Set([...r.requestHeaders, ...(r.route?.headers ?? [])].map((h) => h.toLowerCase())),
  ].sort();
  const hintCodes = new Set(d.hints.map((h) => h.code));
  let pitfall = PITFALL_BY_CAUSE[d.code] ?? 'origin-not-allowed';
  // A preflight that died on a 404/405 is the router's doing whatever Chrome's name for it was.
  if (d.stage === 'preflight' && d.realStatus !== null && (d.realStatus === 404 || d.realStatus === 405))
    pitfall = 'preflight-unhandled';
  if (
    d.stage === 'actual' &&
    d.realStatus !== null &&
    d.realStatus >= 400 &&
    pitfall === 'origin-not-allowed'
  )
    pitfall = 'error-loses-cors';
  return {
    backend,
    cause: d.code,
    pitfall,
    origin: r.origin.replace(/\/+$/, ''),
    methods,
    headers,
    credentials: r.credentials,
    expose: [...new Set(r.exposeHeaders.map((h) => h.toLowerCase()))].sort(),
    maxAge: MAX_AGE,
    preflight: methods.some((m) => !SIMPLE_METHODS.has(m)) || headers.length > 0,
    path: pathOf(r.url),
    trailingSlash: hintCodes.has('acao-trailing-slash') || hintCodes.has('acao-has-path'),
    localhostVs127: hintCodes.has('localhost-vs-127'),
    realStatus: d.realStatus,
    kind: r.kind ?? null,
  };
}

/** Exactly what a server configured by the plan answers: the preflight (when one is sent) and the response. */
export function expectedHeaders(p: Plan): Fix['expected'] {
  const cred: Record<string, string> = p.credentials ? { 'access-control-allow-credentials': 'true' } : {};
  const response: Record<string, string> = {
    'access-control-allow-origin': p.origin,
    ...cred,
    vary: 'Origin',
  };
  if (p.expose.length > 0) response['access-control-expose-headers'] = p.expose.join(', ');
  if (!p.preflight) return { response };
  const preflight: Record<string, string> = {
    'access-control-allow-origin': p.origin,
    ...cred,
    'access-control-allow-methods': p.methods.join(', '),
    'access-control-max-age': String(p.maxAge),
    vary: 'Origin',
  };
  if (p.headers.length > 0) preflight['access-control-allow-headers'] = p.headers.join(', ');
  return { preflight, response };
}

/** What a generator renders; buildFix adds the backend, the expected headers and the security lint. */
export interface Rendered {
  title: string;
  snippets: Snippet[];
  pitfall: string | null;
  notes: string[];
  expected?: { preflight?: HeaderMap; response: HeaderMap };
}

export function buildFix(backend: BackendId, input: FixInput, render: (p: Plan) => Rendered): Fix {
  const plan = planFix(backend, input);
  const out = render(plan);
  const notes = [...out.notes, ...pageSideNotes(plan), ...commonNotes(plan)];
  const fix: Fix = {
    backend,
    title: out.title,
    snippets: out.snippets,
    // When the page's own markup is the cause, say that first: the server change is the other way out.
    pitfall: pageSidePitfall(plan) ?? out.pitfall,
    notes,
    security: [],
    expected: out.expected ?? expectedHeaders(plan),
  };
  return { ...fix, security: lintFix(fix) };
}

/** Notes every backend shares: origin spelling and credentials hygiene. */
function commonNotes(p: Plan): string[] {
  const notes: string[] = [];
  if (p.trailingSlash)
    notes.push(
      `The configured origin had a trailing slash or a path; an origin is exactly scheme://host[:port]: "${p.origin}".`,
    );
  if (p.localhostVs127)
    notes.push(
      'localhost and 127.0.0.1 are different origins: allow the one the page is actually served from (add both only if you use both).',
    );
  if (p.credentials)
    notes.push(
      'With credentials the origin must be listed exactly and Access-Control-Allow-Credentials must be true; `*` or reflecting any origin is never safe.',
    );
  if (p.preflight)
    notes.push(
      `Browsers cache the preflight for up to ${p.maxAge} s per URL and origin: retry in a fresh profile if a deployed fix seems not to work.`,
    );
  return notes;
}

/** Sentence fragments reused in notes and pitfalls. */
export const describe = {
  methods: (p: Plan): string => p.methods.join(', '),
  headers: (p: Plan): string => (p.headers.length > 0 ? p.headers.join(', ') : '(none)'),
};

/** The pitfall sentence: the backend's own wording when it has one, else the generic one for that mistake. */
export function pitfallText(p: Plan, specific: Partial<Record<Pitfall, string>>): string | null {
  const status = p.realStatus === null ? 'error' : String(p.realStatus);
  const generic: Record<Pitfall, string | null> = {
    'error-loses-cors': `The ${status} response carried no CORS headers: it was produced before or outside the CORS layer, so the browser reports CORS instead of the real error.`,
    'preflight-unhandled':
      'The OPTIONS preflight was answered without CORS headers: no OPTIONS route, or CORS is not applied to this path.',
    'duplicate-acao':
      'Access-Control-Allow-Origin is sent twice (a proxy and the app both add it): keep exactly one layer answering CORS.',
    'wildcard-credentials':
      'With credentials the browser rejects `*` and requires Access-Control-Allow-Credentials: true, so the exact origin is listed.',
    methods: `The allowed methods must include ${describe.methods(p)}.`,
    headers: `The allowed request headers must include ${describe.headers(p)} (list Authorization explicitly; \`*\` never covers it by spec).`,
    'origin-not-allowed': null,
  };
  return specific[p.pitfall] ?? generic[p.pitfall];
}
