// The cause table: every cause code with its plain-words headline template, Chrome's name, Firefox's reason key
// and references. Placeholders: {api} target origin, {origin} the Origin sent, {value} failedParameter,
// {status} HTTP status, {url} request URL. A data table, so longer than the usual module (house-style §7).
import type { CauseCode, CorsError, Reference } from './types.ts';

export interface CauseInfo {
  headline: string;
  /** Chrome's Network.CorsError name, or null when Chrome reports no CORS error for it. */
  chrome: CorsError | null;
  /** Firefox's security.properties key, or null when Firefox prints no CORS reason for it. */
  firefox: string | null;
  references: Reference[];
}

const mdn = (slug: string): Reference => ({
  title: `MDN: ${slug}`,
  url: `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/${slug}`,
});
const fetchSpec = (anchor: string, title: string): Reference => ({
  title: `Fetch Standard: ${title}`,
  url: `https://fetch.spec.whatwg.org/#${anchor}`,
});
const CHECK = fetchSpec('cors-check', 'CORS check');
const PREFLIGHT = fetchSpec('cors-preflight-fetch', 'CORS-preflight fetch');
const REDIRECT = fetchSpec('http-redirect-fetch', 'HTTP-redirect fetch');
const LNA: Reference = {
  title: 'WICG: Local Network Access',
  url: 'https://wicg.github.io/local-network-access/',
};
const NOT_CORS = mdn('CORSDidNotSucceed');

const MISSING = 'does not allow requests from {origin}: its {what} has no Access-Control-Allow-Origin header';
const WILDCARD =
  "allows any origin ('*'){where}, which browsers refuse for a request with credentials from {origin}";
const MULTIPLE =
  "sent several Access-Control-Allow-Origin values ('{value}'){where}; a browser accepts exactly one";
const INVALID = "sent Access-Control-Allow-Origin '{value}'{where}, which is not an origin";
const MISMATCH = "allows '{value}'{where}, not {origin}";
const CREDENTIALS =
  "does not allow credentials from {origin}{where}: Access-Control-Allow-Credentials is '{value}', it must be 'true'";

const originPair = (template: string, isPreflight: boolean): string =>
  `The API at {api} ${template.replace('{what}', isPreflight ? 'preflight answer' : 'response').replace('{where}', isPreflight ? ' in its preflight answer' : '')}`;

function both(name: string, template: string, firefox: string, refs: Reference[]): [string, CauseInfo][] {
  return [
    [
      name,
      {
        headline: originPair(template, false),
        chrome: name as CorsError,
        firefox,
        references: [CHECK, ...refs],
      },
    ],
    [
      `Preflight${name}`,
      {
        headline: originPair(template, true),
        chrome: `Preflight${name}` as CorsError,
        firefox,
        references: [PREFLIGHT, CHECK, ...refs],
      },
    ],
  ];
}

const corsEntries: [string, CauseInfo][] = [
  ...both('MissingAllowOriginHeader', MISSING, 'CORSMissingAllowOrigin2', [mdn('CORSMissingAllowOrigin')]),
  ...both('WildcardOriginNotAllowed', WILDCARD, 'CORSNotSupportingCredentials', [
    mdn('CORSNotSupportingCredentials'),
  ]),
  ...both('MultipleAllowOriginValues', MULTIPLE, 'CORSMultipleAllowOriginNotAllowed', [
    mdn('CORSMultipleAllowOriginNotAllowed'),
  ]),
  ...both('InvalidAllowOriginValue', INVALID, 'CORSAllowOriginNotMatchingOrigin', [
    mdn('CORSAllowOriginNotMatchingOrigin'),
  ]),
  ...both('AllowOriginMismatch', MISMATCH, 'CORSAllowOriginNotMatchingOrigin', [
    mdn('CORSAllowOriginNotMatchingOrigin'),
  ]),
  ...both('InvalidAllowCredentials', CREDENTIALS, 'CORSMissingAllowCredentials', [
    mdn('CORSMIssingAllowCredentials'),
  ]),
];

const entry = (
  headline: string,
  chrome: CorsError | null,
  firefox: string | null,
  references: Reference[],
): CauseInfo => ({ headline, chrome, firefox, references });

export const CAUSES: Readonly<Record<CauseCode, CauseInfo>> = {
  ...(Object.fromEntries(corsEntries) as Record<string, CauseInfo>),
  DisallowedByMode: entry(
    "The page asked for a same-origin request (mode 'same-origin') but {url} is on another origin",
    'DisallowedByMode',
    null,
    [fetchSpec('main-fetch', 'main fetch')],
  ),
  InvalidResponse: entry(
    'The preflight to {api} failed with a network error, before any CORS check',
    'InvalidResponse',
    'CORSDidNotSucceed2',
    [PREFLIGHT, NOT_CORS],
  ),
  CorsDisabledScheme: entry(
    'CORS works only over http and https; the request to {url} uses another scheme',
    'CorsDisabledScheme',
    'CORSRequestNotHttp',
    [fetchSpec('main-fetch', 'main fetch'), mdn('CORSRequestNotHttp')],
  ),
  PreflightInvalidStatus: entry(
    'The API at {api} answered the preflight (OPTIONS) with status {status}; a preflight must get a 2xx answer',
    'PreflightInvalidStatus',
    'CORSPreflightDidNotSucceed3',
    [PREFLIGHT, mdn('CORSPreflightDidNotSucceed')],
  ),
  PreflightDisallowedRedirect: entry(
    'The API at {api} redirected the preflight (OPTIONS); a preflight must not be redirected',
    'PreflightDisallowedRedirect',
    'CORSExternalRedirectNotAllowed',
    [PREFLIGHT, mdn('CORSExternalRedirectNotAllowed')],
  ),
  PreflightMissingAllowExternal: entry(
    'The preflight answer from {api} lacks Access-Control-Allow-External (an obsolete Chrome experiment)',
    'PreflightMissingAllowExternal',
    null,
    [LNA],
  ),
  PreflightInvalidAllowExternal: entry(
    "The preflight answer from {api} has Access-Control-Allow-External '{value}', not 'true' (an obsolete Chrome experiment)",
    'PreflightInvalidAllowExternal',
    null,
    [LNA],
  ),
  InvalidAllowMethodsPreflightResponse: entry(
    'The API at {api} sent an Access-Control-Allow-Methods header that cannot be parsed as a comma-separated list of methods',
    'InvalidAllowMethodsPreflightResponse',
    'CORSInvalidAllowMethod',
    [PREFLIGHT, mdn('CORSInvalidAllowMethod')],
  ),
  InvalidAllowHeadersPreflightResponse: entry(
    'The API at {api} sent an Access-Control-Allow-Headers header that cannot be parsed as a comma-separated list of header names',
    'InvalidAllowHeadersPreflightResponse',
    'CORSInvalidAllowHeader',
    [PREFLIGHT, mdn('CORSInvalidAllowHeader')],
  ),
  MethodDisallowedByPreflightResponse: entry(
    'The API at {api} does not allow the {value} method from {origin}',
    'MethodDisallowedByPreflightResponse',
    'CORSMethodNotFound',
    [PREFLIGHT, mdn('CORSMethodNotFound')],
  ),
  HeaderDisallowedByPreflightResponse: entry(
    'The API at {api} does not allow the {value} request header from {origin}',
    'HeaderDisallowedByPreflightResponse',
    'CORSMissingAllowHeaderFromPreflight2',
    [PREFLIGHT, mdn('CORSMissingAllowHeaderFromPreflight')],
  ),
  RedirectContainsCredentials: entry(
    "The API at {api} redirected to '{value}', a URL with a username and password, which CORS refuses",
    'RedirectContainsCredentials',
    'CORSExternalRedirectNotAllowed',
    [REDIRECT],
  ),
  InsecureLocalNetwork: entry(
    'The page {origin} is not a secure context, so it may not reach {api} on a more private network',
    'InsecureLocalNetwork',
    null,
    [LNA],
  ),
  InvalidLocalNetworkAccess: entry(
    'The request to {api} expected one IP address space but the server is in another',
    'InvalidLocalNetworkAccess',
    null,
    [LNA],
  ),
  NoCorsRedirectModeNotFollow: entry(
    "A 'no-cors' request must follow redirects; this one set redirect to something else",
    'NoCorsRedirectModeNotFollow',
    null,
    [fetchSpec('main-fetch', 'main fetch')],
  ),
  LocalNetworkAccessPermissionDenied: entry(
    'The page {origin} has not been given permission to reach {api} on the local network',
    'LocalNetworkAccessPermissionDenied',
    null,
    [LNA],
  ),
  'server-error-without-cors': entry(
    'The API at {api} answered {status}; its error response carries no CORS headers, so the browser reports a CORS error',
    'MissingAllowOriginHeader',
    'CORSMissingAllowOrigin2',
    [CHECK, mdn('CORSMissingAllowOrigin')],
  ),
  'preflight-not-handled': entry(
    'The API at {api} does not handle the preflight: OPTIONS got {status} without CORS headers',
    'PreflightMissingAllowOriginHeader',
    'CORSPreflightDidNotSucceed3',
    [PREFLIGHT, mdn('CORSPreflightDidNotSucceed')],
  ),
  'redirect-to-login': entry(
    'The API at {api} redirected to a sign-in page ({value}): the session is probably missing or expired',
    null,
    null,
    [REDIRECT],
  ),
  'connection-refused': entry(
    'Nothing is listening at {api}: the connection was refused. This is not a CORS problem',
    null,
    'CORSDidNotSucceed2',
    [NOT_CORS],
  ),
  'dns-failure': entry(
    'The host of {api} could not be found (DNS). This is not a CORS problem',
    null,
    'CORSDidNotSucceed2',
    [NOT_CORS],
  ),
  'tls-error': entry(
    'The TLS certificate of {api} was rejected. This is not a CORS problem',
    null,
    'CORSDidNotSucceed2',
    [NOT_CORS],
  ),
  timeout: entry('{api} did not answer in time. This is not a CORS problem', null, 'CORSDidNotSucceed2', [
    NOT_CORS,
  ]),
  'blocked-by-client': entry(
    'A browser extension (an ad or privacy blocker) blocked the request to {api}. This is not a CORS problem',
    null,
    'CORSDidNotSucceed2',
    [NOT_CORS],
  ),
  'mixed-content': entry(
    'A secure (https) page may not call {api} over http (mixed content). This is not a CORS problem',
    null,
    null,
    [
      {
        title: 'MDN: Mixed content',
        url: 'https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content',
      },
    ],
  ),
  'csp-blocked': entry(
    "The page's Content-Security-Policy (connect-src) does not allow {api}. This is not a CORS problem",
    null,
    null,
    [
      {
        title: 'MDN: CSP connect-src',
        url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/connect-src',
      },
    ],
  ),
  'blocked-by-response': entry(
    "{api} was blocked by a Cross-Origin-Resource-Policy or the page's embedder policy ({value}). This is not a CORS problem",
    null,
    null,
    [fetchSpec('cross-origin-resource-policy-header', 'Cross-Origin-Resource-Policy')],
  ),
  'network-error': entry(
    'The request to {api} failed with {value}. This is not a CORS problem',
    null,
    'CORSDidNotSucceed2',
    [NOT_CORS],
  ),
  'response-unseen': entry(
    'The request to {api} failed as CORS failures do (net::ERR_FAILED), but its response was not seen: DevTools shows none for requests from web workers. Turn on "Record all tabs" or "Chrome\'s verdict" to see the cause',
    null,
    null,
    [NOT_CORS, CHECK],
  ),
  'opaque-response': entry(
    "The request to {api} used mode 'no-cors': it succeeds, but the page cannot read the response",
    null,
    null,
    [fetchSpec('concept-filtered-response-opaque', 'opaque filtered response')],
  ),
  allowed: entry('The API at {api} allows this request from {origin}', null, null, [CHECK]),
} as Record<CauseCode, CauseInfo>;

export interface HeadlineParams {
  api: string;
  origin: string;
  value: string;
  status: number | null;
  url: string;
}

// Even indexes are literal text, odd ones placeholder names (String.split with a capture group).
type Part = string;

// Templates are split once into literal and placeholder parts, so filling one is a few concatenations: diagnose and
// simulateFetch fill one per call, and the bench goal is 500 000 simulations a second.
const compiled = new Map<string, Part[]>(
  Object.entries(CAUSES).map(([code, info]) => [code, info.headline.split(/\{([a-z]+)\}/)]),
);

/** Fills a cause's headline template. */
export function headlineFor(code: CauseCode, p: HeadlineParams): string {
  const parts = compiled.get(code) ?? [];
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i % 2 === 0) out += part;
    else if (part === 'status') out += p.status === null ? 'no response' : String(p.status);
    else if (part === 'api' || part === 'origin' || part === 'value' || part === 'url') out += p[part];
    else out += `{${part}}`;
  }
  return out;
}
