// Which causes a server-side CORS change can fix. Every cause code is listed (the Record forces it), so a new code
// in the engine fails to compile here until someone decides whether it gets a fix or says why not.
import type { CauseCode } from '../engine/types.ts';

/** null: a CORS configuration change fixes it; a string: why no server CORS fix applies. */
export const NO_FIX_REASON: Readonly<Record<CauseCode, string | null>> = {
  MissingAllowOriginHeader: null,
  AllowOriginMismatch: null,
  InvalidAllowOriginValue: null,
  WildcardOriginNotAllowed: null,
  MultipleAllowOriginValues: null,
  InvalidAllowCredentials: null,
  PreflightInvalidStatus: null,
  PreflightWildcardOriginNotAllowed: null,
  PreflightMissingAllowOriginHeader: null,
  PreflightMultipleAllowOriginValues: null,
  PreflightInvalidAllowOriginValue: null,
  PreflightAllowOriginMismatch: null,
  PreflightInvalidAllowCredentials: null,
  InvalidAllowMethodsPreflightResponse: null,
  InvalidAllowHeadersPreflightResponse: null,
  MethodDisallowedByPreflightResponse: null,
  HeaderDisallowedByPreflightResponse: null,
  'server-error-without-cors': null,
  'preflight-not-handled': null,
  DisallowedByMode:
    "The page used mode 'same-origin' for a cross-origin URL: change the fetch, not the server.",
  InvalidResponse:
    'The response was not a valid HTTP response (network or proxy problem), not a CORS setting.',
  CorsDisabledScheme:
    'The URL scheme (file:, data:, chrome-extension:) does not support CORS at all: serve the API over http(s).',
  PreflightDisallowedRedirect:
    'The preflight was redirected (trailing slash, http→https, login): call the final URL directly; no CORS header allows a redirected preflight.',
  RedirectContainsCredentials:
    'The redirect target URL contains user:password@: remove the credentials from the URL.',
  NoCorsRedirectModeNotFollow:
    "A no-cors request with redirect mode other than 'follow': change the fetch options.",
  PreflightMissingAllowExternal:
    'Local/Private Network Access: grant the page the local-network permission (Chrome 142+), or pass targetAddressSpace; Access-Control-Allow-Private-Network is deprecated.',
  PreflightInvalidAllowExternal:
    'Local/Private Network Access: see the permission prompt; the legacy Allow-Private-Network header is deprecated.',
  InsecureLocalNetwork:
    'A non-secure page may not call a more private address: serve the page over https (or from localhost).',
  InvalidLocalNetworkAccess:
    'Local Network Access refused the request: a browser permission problem, not server CORS.',
  LocalNetworkAccessPermissionDenied:
    'The user (or policy) denied the local-network permission: re-grant it in site settings.',
  'redirect-to-login':
    'The request was redirected to a sign-in page: the session expired or the token is missing; CORS headers will not help.',
  'connection-refused': 'Nothing listens on that host and port: start the server or fix the URL.',
  'dns-failure': 'The host name does not resolve: fix the URL or DNS.',
  'tls-error':
    'The TLS certificate was rejected (e.g. a self-signed localhost certificate): trust it or use http on localhost.',
  timeout: 'The server did not answer in time: not a CORS problem.',
  'blocked-by-client': 'An extension (ad blocker, privacy tool) blocked the request: allow the site in it.',
  'mixed-content': 'An https page called an http URL: serve the API over https.',
  'csp-blocked':
    "The page's Content-Security-Policy (connect-src) blocked the request: add the API origin to connect-src.",
  'blocked-by-response': 'CORP/COEP blocked the response (Cross-Origin-Resource-Policy), not CORS.',
  'network-error': 'A network error happened before any response: not a CORS setting.',
  'response-unseen': 'The response was not seen, so there is nothing to tailor a fix to.',
  'opaque-response':
    "The page used mode 'no-cors', which always yields an unreadable response: remove it, then the server needs CORS.",
  allowed: 'The request passed: nothing to fix.',
};

export function noFixReason(code: CauseCode): string | null {
  return NO_FIX_REASON[code];
}
