// Rule allow-methods: Access-Control-Allow-Methods must parse as a token list, and must list the method unless it
// is safelisted or `*` covers it (never for credentialed requests). Matching is byte-exact: `patch` does not
// allow `PATCH` (measured on Chromium 156, docs/chromium-behaviour.md#measured-quirks).
import { getHeader, parseTokenList } from '../headers.ts';
import { isSafelistedMethod } from '../safelist.ts';
import type { CheckFailure, HeaderMap } from '../types.ts';

/** The parsed list, or a failure when it does not parse. */
export function parseAllowMethods(headers: HeaderMap): string[] | CheckFailure {
  const list = parseTokenList(getHeader(headers, 'access-control-allow-methods'));
  return list ?? { corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' };
}

export function checkMethodAllowed(
  method: string,
  allowed: readonly string[],
  withCredentials: boolean,
): CheckFailure | null {
  if (isSafelistedMethod(method) || allowed.includes(method)) return null;
  if (!withCredentials && allowed.includes('*')) return null;
  return { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: method };
}

/* References: Fetch Standard §4.8 "CORS-preflight fetch" steps 7.3-7.6 (https://fetch.spec.whatwg.org/#cors-preflight-fetch);
   MDN CORSMethodNotFound, CORSInvalidAllowMethod (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMethodNotFound). */
