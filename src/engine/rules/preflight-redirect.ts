// Rule preflight-redirect: a preflight answered with a redirect fails before anything else is looked at
// (Chromium preflight_controller.cc; the preflight itself ends in net::ERR_INVALID_REDIRECT).
import { getHeader } from '../headers.ts';
import type { CheckFailure, SimResponse } from '../types.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Whether a response is a redirect hop: a redirect status with a Location header. */
export const isRedirect = (r: SimResponse): boolean =>
  REDIRECT_STATUSES.has(r.status) && getHeader(r.headers, 'location') !== null;

export function checkPreflightRedirect(preflight: SimResponse): CheckFailure | null {
  return isRedirect(preflight) ? { corsError: 'PreflightDisallowedRedirect', failedParameter: '' } : null;
}

/* References: Fetch Standard §4.8 "CORS-preflight fetch" step 7 (redirect mode "error"),
   https://fetch.spec.whatwg.org/#cors-preflight-fetch; MDN CORSExternalRedirectNotAllowed
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSExternalRedirectNotAllowed). */
