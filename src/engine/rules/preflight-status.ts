// Rule preflight-status: the preflight must have an ok status (200-299). Chromium checks it only after ACAO and
// ACAC, so a 404/405 without CORS headers reports PreflightMissingAllowOriginHeader instead (measured, case e/e3).
import type { CheckFailure } from '../types.ts';

export const isOkStatus = (status: number): boolean => status >= 200 && status <= 299;

export function checkPreflightStatus(status: number): CheckFailure | null {
  return isOkStatus(status) ? null : { corsError: 'PreflightInvalidStatus', failedParameter: '' };
}

/* References: Fetch Standard §4.8 "CORS-preflight fetch" step 7 ("ok status"),
   https://fetch.spec.whatwg.org/#ok-status; MDN CORSPreflightDidNotSucceed
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSPreflightDidNotSucceed). */
