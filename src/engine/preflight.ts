// The CORS-preflight: when one is needed, what it carries, and the checks on its answer in Chromium's order
// (docs/engine.md#the-order-of-checks-chromiums): redirect, ACAO/ACAC, status, parse ACAM then ACAH, method, then headers.
import { factsOf } from './browsers.ts';
import { checkAccess } from './cors-check.ts';
import { checkHeadersAllowed, parseAllowHeaders } from './rules/allow-headers.ts';
import { checkMethodAllowed, parseAllowMethods } from './rules/allow-methods.ts';
import { checkPreflightRedirect } from './rules/preflight-redirect.ts';
import { checkPreflightStatus } from './rules/preflight-status.ts';
import { authorHeaders, corsUnsafeHeaderNames, isSafelistedMethod, normalizeMethod } from './safelist.ts';
import type { CheckFailure, HeaderMap, SimOptions, SimResponse } from './types.ts';

/** A server with no OPTIONS route: what the engine assumes when a ServerAnswer has no `preflight`. */
export const NO_PREFLIGHT_ROUTE: SimResponse = { status: 404, headers: { 'content-type': 'text/plain' } };

/** The value of the preflight's Access-Control-Request-Headers for these request headers, or null when none. */
export function accessControlRequestHeaders(headers: HeaderMap, options: SimOptions = {}): string | null {
  const browser = options.browser ?? 'chrome';
  const names = corsUnsafeHeaderNames(authorHeaders(headers, browser), browser);
  return names.length === 0 ? null : names.join(',');
}

/** Whether a cross-origin `cors`-mode request with this method and these headers is preflighted. */
export function isPreflightNeeded(
  request: { method: string; headers: HeaderMap; mode?: string },
  options: SimOptions = {},
): boolean {
  if (request.mode !== undefined && request.mode !== 'cors') return false;
  return (
    !isSafelistedMethod(normalizeMethod(request.method)) ||
    accessControlRequestHeaders(request.headers, options) !== null
  );
}

export interface PreflightOutcome {
  failure: CheckFailure | null;
  authorizationByWildcard: boolean;
}

export function checkPreflight(
  answer: SimResponse,
  origin: string,
  method: string,
  unsafeNames: readonly string[],
  withCredentials: boolean,
  options: SimOptions,
): PreflightOutcome {
  const access = (): CheckFailure | null => checkAccess(answer.headers, origin, withCredentials, true);
  const early =
    (factsOf(options.browser).preflightAccessBeforeRedirect
      ? (access() ?? checkPreflightRedirect(answer))
      : (checkPreflightRedirect(answer) ?? access())) ?? checkPreflightStatus(answer.status);
  if (early !== null) return { failure: early, authorizationByWildcard: false };
  const methods = parseAllowMethods(answer.headers);
  if (!Array.isArray(methods)) return { failure: methods, authorizationByWildcard: false };
  const headers = parseAllowHeaders(answer.headers);
  if (!Array.isArray(headers)) return { failure: headers, authorizationByWildcard: false };
  const methodFailure = checkMethodAllowed(method, methods, withCredentials);
  if (methodFailure !== null) return { failure: methodFailure, authorizationByWildcard: false };
  return checkHeadersAllowed(unsafeNames, headers, withCredentials, options.browser ?? 'chrome');
}
