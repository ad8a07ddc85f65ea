// Rule preflight-not-handled: an OPTIONS preflight answered 404/405/501 without CORS headers means the server has
// no OPTIONS route (or CORS is mounted after the router). Chrome names it PreflightMissingAllowOriginHeader because
// it checks ACAO before the status (measured, docs/chromium-behaviour.md#console-lines, "405 without CORS headers").
import type { CorsError } from '../types.ts';

const NOT_HANDLED = new Set([404, 405, 501]);

export function isPreflightNotHandled(corsError: CorsError | null, preflightStatus: number | null): boolean {
  return (
    corsError === 'PreflightMissingAllowOriginHeader' &&
    preflightStatus !== null &&
    NOT_HANDLED.has(preflightStatus)
  );
}

export const preflightTriage = (status: number): string =>
  `Your server answered the OPTIONS preflight with ${status}: it has no OPTIONS route, or the CORS middleware runs after the router`;

/* References: Fetch Standard §4.8 CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch);
   MDN CORSPreflightDidNotSucceed (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSPreflightDidNotSucceed). */
