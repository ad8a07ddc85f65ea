// Rule allow-credentials: a credentialed CORS response must carry Access-Control-Allow-Credentials exactly `true`
// (case-sensitive, after whitespace trimming). Chromium reports the value it saw, '' when absent.
import { getHeader } from '../headers.ts';
import type { CheckFailure, HeaderMap } from '../types.ts';

export function checkAllowCredentials(headers: HeaderMap, withCredentials: boolean): CheckFailure | null {
  if (!withCredentials) return null;
  const acac = getHeader(headers, 'access-control-allow-credentials');
  if (acac === 'true') return null;
  return { corsError: 'InvalidAllowCredentials', failedParameter: acac ?? '' };
}

/* References: Fetch Standard §4.9 "CORS check" step 6-7 (https://fetch.spec.whatwg.org/#cors-check);
   MDN CORSMIssingAllowCredentials (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMIssingAllowCredentials). */
