// Safari's (WebKit's) CORS console messages, worded as WebKit's sources build them (docs/explain.md):
// CrossOriginAccessControl.cpp (passesAccessControlCheck, validatePreflightResponse, validateCrossOriginRedirectionURL),
// CrossOriginPreflightResultCache.cpp (methods and headers), the loaders' "cannot load … due to access control checks"
// and the network process's redirect message. `{x}` marks a value. WebKit's lines name fewer facts than Chrome's,
// so most leave a set of causes open: "is not allowed by Access-Control-Allow-Origin" is both a missing and a
// mismatched header, on the preflight or on the response.
import type { CauseCode } from '../engine/types.ts';

export interface SafariTemplate {
  id: string;
  text: string;
  causes: CauseCode[];
  preflight?: boolean;
  credentials?: boolean;
}

const ACAO: CauseCode[] = [
  'MissingAllowOriginHeader',
  'AllowOriginMismatch',
  'InvalidAllowOriginValue',
  'PreflightMissingAllowOriginHeader',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowOriginValue',
];

export const SAFARI_TEMPLATES: SafariTemplate[] = [
  {
    id: 'origin-not-allowed',
    text: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
    causes: ACAO,
  },
  // Safari before 2020 (and WebKitGTK builds of that age) printed no status.
  {
    id: 'origin-not-allowed-old',
    text: 'Origin {origin} is not allowed by Access-Control-Allow-Origin.',
    causes: ACAO,
  },
  {
    id: 'wildcard-credentials',
    text: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
    causes: ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    credentials: true,
  },
  {
    id: 'multiple-origins',
    text: 'Access-Control-Allow-Origin cannot contain more than one origin.',
    causes: ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
  },
  {
    id: 'credentials-not-true',
    text: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
    causes: ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
    credentials: true,
  },
  {
    id: 'preflight-status',
    text: 'Preflight response is not successful. Status code: {status}',
    causes: ['PreflightInvalidStatus'],
    preflight: true,
  },
  {
    id: 'method-not-allowed',
    text: 'Method {method} is not allowed by Access-Control-Allow-Methods.',
    causes: ['MethodDisallowedByPreflightResponse'],
    preflight: true,
  },
  {
    id: 'header-not-allowed',
    text: 'Request header field {header} is not allowed by Access-Control-Allow-Headers.',
    causes: ['HeaderDisallowedByPreflightResponse'],
    preflight: true,
  },
  {
    id: 'invalid-allow-methods',
    text: 'Header Access-Control-Allow-Methods has an invalid value: {value}',
    causes: ['InvalidAllowMethodsPreflightResponse'],
    preflight: true,
  },
  {
    id: 'invalid-allow-headers',
    text: 'Header Access-Control-Allow-Headers has an invalid value: {value}',
    causes: ['InvalidAllowHeadersPreflightResponse'],
    preflight: true,
  },
  {
    id: 'redirect-scheme',
    text: 'not allowed to follow a cross-origin CORS redirection with non CORS scheme',
    causes: ['CorsDisabledScheme'],
  },
  {
    id: 'redirect-credentials',
    text: 'redirection URL {value} has credentials',
    causes: ['RedirectContainsCredentials'],
  },
  // The loaders' summary line: the URL, and only that it was CORS.
  { id: 'fetch-cannot-load', text: 'Fetch API cannot load {url} due to access control checks.', causes: [] },
  {
    id: 'xhr-cannot-load',
    text: 'XMLHttpRequest cannot load {url} due to access control checks.',
    causes: [],
  },
  { id: 'cannot-load', text: 'Cannot load {url} due to access control checks.', causes: [] },
];

/** The network process wraps a redirect's reason: `Cross-origin redirection to {url} denied by … policy: {reason}`. */
export const SAFARI_REDIRECT =
  /^Cross-origin redirection to (\S+) denied by Cross-Origin Resource Sharing policy: (.*)$/s;
