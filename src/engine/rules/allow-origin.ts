// Rule allow-origin: the Access-Control-Allow-Origin half of the CORS check, in Chromium's order
// (services/network/public/cpp/cors/cors.cc CheckAccessInternal): missing, then `*` with credentials, then
// several values, then `null`, then not-a-URL, then any other mismatch.
import { getHeader } from '../headers.ts';
import type { CheckFailure, HeaderMap } from '../types.ts';
import { isGurlValid } from '../url.ts';

/**
 * Checks ACAO of one response against the request's Origin ('null' once tainted). Returns the non-preflight
 * CorsError name; the preflight caller prefixes it.
 */
export function checkAllowOrigin(
  headers: HeaderMap,
  origin: string,
  withCredentials: boolean,
): CheckFailure | null {
  const acao = getHeader(headers, 'access-control-allow-origin');
  if (acao === null) return { corsError: 'MissingAllowOriginHeader', failedParameter: '' };
  if (acao === '*') {
    return withCredentials ? { corsError: 'WildcardOriginNotAllowed', failedParameter: '' } : null;
  }
  if (acao === origin) return null;
  // Several header lines were joined with ", " above, so a duplicated ACAO always lands here, as in Chrome.
  if (acao.includes(' ') || acao.includes(','))
    return { corsError: 'MultipleAllowOriginValues', failedParameter: acao };
  if (acao === 'null') return { corsError: 'AllowOriginMismatch', failedParameter: acao };
  if (!isGurlValid(acao)) return { corsError: 'InvalidAllowOriginValue', failedParameter: acao };
  return { corsError: 'AllowOriginMismatch', failedParameter: acao };
}

/* References: Fetch Standard §4.9 "CORS check" (https://fetch.spec.whatwg.org/#cors-check);
   MDN CORSAllowOriginNotMatchingOrigin, CORSMissingAllowOrigin, CORSMultipleAllowOriginNotAllowed,
   CORSNotSupportingCredentials (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors);
   Chromium services/network/public/cpp/cors/cors.cc CheckAccess. */
