// Rule allow-headers: Access-Control-Allow-Headers must parse as a token list and cover every CORS-unsafe request
// header (case-insensitively). `*` covers them only without credentials, and never `Authorization` per the
// standard; Chromium 156 still lets `*` cover it and only raises a deprecation issue (measured, case h2).
import { factsOf } from '../browsers.ts';
import { getHeader, parseTokenList } from '../headers.ts';
import type { BrowserProfile, CheckFailure, HeaderMap } from '../types.ts';

export function parseAllowHeaders(headers: HeaderMap): string[] | CheckFailure {
  const list = parseTokenList(getHeader(headers, 'access-control-allow-headers'));
  return list === null
    ? { corsError: 'InvalidAllowHeadersPreflightResponse', failedParameter: '' }
    : list.map((h) => h.toLowerCase());
}

export interface HeaderCheck {
  failure: CheckFailure | null;
  /** True when the request passed only because Chromium lets `*` cover Authorization (deprecated). */
  authorizationByWildcard: boolean;
}

export function checkHeadersAllowed(
  unsafeNames: readonly string[],
  allowed: readonly string[],
  withCredentials: boolean,
  browser: BrowserProfile,
): HeaderCheck {
  const wildcard = !withCredentials && allowed.includes('*');
  let authorizationByWildcard = false;
  for (const name of unsafeNames) {
    if (allowed.includes(name)) continue;
    if (wildcard && name !== 'authorization') continue;
    if (wildcard && factsOf(browser).authorizationByWildcard) {
      authorizationByWildcard = true;
      continue;
    }
    return {
      failure: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: name },
      authorizationByWildcard,
    };
  }
  return { failure: null, authorizationByWildcard };
}

/* References: Fetch Standard §4.8 "CORS-preflight fetch" steps 7.7-7.8 and "CORS non-wildcard request-header name"
   (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name); whatwg/fetch#1919;
   MDN CORSMissingAllowHeaderFromPreflight, CORSInvalidAllowHeader
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowHeaderFromPreflight). */
