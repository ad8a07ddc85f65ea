// Chrome's CORS console lines, read back. The detail templates are not copied here: they are generated from the
// engine's own consoleMessage (src/engine/console.ts, Blink's cors_error_string.cc), with a sentinel in place of the
// failed parameter, so a line the engine can print always parses to the same CorsError (docs/explain.md).
import { consoleMessage, RESOURCE_WORDS } from '../engine/console.ts';
import { CORS_ERRORS, isPreflightError, parseCorsError } from '../engine/cors-error-names.ts';
import type { CorsError, ResourceKind } from '../engine/types.ts';
import type { ParsedLine } from './types.ts';

const SENTINEL = 'CORSLENSVALUE';
const FRAME =
  /^Access to (\S+|CSS stylesheet|text track) at '(.+?)'(?: \(redirected from '(.+?)'\))? from origin '(.+?)' has been blocked by CORS policy: (Response to preflight request doesn't pass access control check: )?(.*)$/s;
const PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: ";

// Suffixes that vary across Chrome versions (2024 builds add the opaque-response advice) or between fetch and XHR.
const SUFFIXES = [
  / Have the server send the header with a valid value(, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled)?\.$/,
  / If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled\.$/,
  / The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute\.$/,
];
const stripSuffix = (detail: string): string => SUFFIXES.reduce((d, re) => d.replace(re, ''), detail);

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Template {
  names: CorsError[];
  re: RegExp;
}

function templateOf(e: CorsError): RegExp | null {
  const line = consoleMessage({
    kind: 'fetch',
    url: 'u',
    origin: 'o',
    corsError: e,
    failedParameter: SENTINEL,
  });
  if (line === null) return null;
  const detail = stripSuffix(line.slice(line.indexOf('CORS policy: ') + 13).replace(PREFLIGHT_PREFIX, ''));
  // The scheme list grows with Chrome versions; the value may hold anything, quotes included.
  const body = escapeRe(detail)
    .replaceAll(SENTINEL, '(.*)')
    .replace(/protocol schemes: .*\\\.$/, 'protocol schemes: .*\\.');
  return new RegExp(`^${body}$`, 's');
}

// One regex per distinct detail: `X` and `PreflightX` share theirs; the preflight prefix tells them apart.
const TEMPLATES: Template[] = [];
for (const e of CORS_ERRORS) {
  const re = templateOf(e);
  if (re === null) continue;
  const same = TEMPLATES.find((t) => t.re.source === re.source);
  if (same) same.names.push(e);
  else TEMPLATES.push({ names: [e], re });
}
// Private Network Access lines of Chrome 2023-2025 (renamed or removed since; cors-error-names.ts maps them).
const LEGACY: [string, RegExp][] = [
  [
    'UnexpectedPrivateNetworkAccess',
    /^Request had no target IP address space, yet the resource is in address space `(.*)`\.$/s,
  ],
  [
    'PreflightMissingAllowPrivateNetwork',
    /^No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the `(.*)` address space\.$/s,
  ],
  [
    'PreflightInvalidAllowPrivateNetwork',
    /^The 'Access-Control-Allow-Private-Network' header in the preflight response for this private network request targeting the `(.*)` address space had a value of '(.*)', {1,2}not 'true'\.$/s,
  ],
  [
    'PrivateNetworkAccessPermissionUnavailable',
    /^Unable to ask for permission to access the `(.*)` IP address space\.$/s,
  ],
];

function detailCause(detail: string, preflight: boolean): { name: CorsError; value?: string } | null {
  const d = stripSuffix(detail.trim());
  for (const t of TEMPLATES) {
    const m = t.re.exec(d);
    if (!m) continue;
    const name = t.names.find((n) => isPreflightError(n) === preflight) ?? t.names[0];
    if (name === undefined) continue;
    return m[1] === undefined ? { name } : { name, value: m[1] };
  }
  for (const [legacy, re] of LEGACY) {
    const m = re.exec(d);
    const parsed = m ? parseCorsError(legacy) : null;
    if (parsed?.corsError)
      return { name: parsed.corsError, ...(m?.[1] === undefined ? {} : { value: m[1] }) };
  }
  return null;
}

/** The kind Chrome's word names; undefined when it names several ("resource": EventSource or another loader). */
const kindOf = (what: string): ResourceKind | undefined => {
  const kinds = Object.entries(RESOURCE_WORDS).filter(([, w]) => w === what);
  return kinds.length === 1 ? (kinds[0]?.[0] as ResourceKind) : undefined;
};

/** One of Chrome's "Access to … has been blocked by CORS policy: …" lines, or null. */
export function parseChromeLine(line: string): ParsedLine | null {
  const m = FRAME.exec(line);
  if (!m) return null;
  const [, what = '', url = '', initialUrl, origin = '', prefix, detail = ''] = m;
  const cause = detailCause(detail, prefix !== undefined);
  const kind = kindOf(what);
  const name = cause?.name;
  return {
    browser: 'chrome',
    template: name ?? 'unknown',
    causes: name === undefined ? [] : [name],
    facts: {
      url,
      ...(initialUrl === undefined ? {} : { initialUrl }),
      origin,
      ...(kind === undefined ? {} : { kind }),
      preflight: prefix !== undefined || /PreflightResponse$/.test(name ?? ''),
      ...valueFacts(name, cause?.value),
    },
  };
}

function valueFacts(name: CorsError | undefined, value: string | undefined) {
  if (value === undefined) return {};
  if (name === 'HeaderDisallowedByPreflightResponse') return { header: value, value };
  if (name === 'MethodDisallowedByPreflightResponse') return { method: value, value };
  return { value };
}

const NETWORK =
  /(?:^|\s)(?:(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|[A-Z][A-Z-]{0,19}) )?(\S+) net::(ERR_[A-Z_]+)(?: (\d{3}))?/;

/** Chrome's network line that follows: `GET http://… net::ERR_FAILED 500 (Internal Server Error)`. */
export function parseChromeNetworkLine(
  line: string,
): { method?: string; url: string; status: number | null; error: string } | null {
  const m = NETWORK.exec(line);
  if (!m) return null;
  const [, method, url = '', error = '', status] = m;
  return {
    ...(method === undefined ? {} : { method }),
    url,
    error: `net::${error}`,
    status: status === undefined ? null : Number(status),
  };
}
