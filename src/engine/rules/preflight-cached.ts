// Rule preflight-cached: a request that needed a preflight but shows none was answered from Chrome's preflight
// cache (Access-Control-Max-Age, capped at 2 h in Chromium, 5 s by default). A server change to the preflight
// answer is invisible until the entry expires.
import type { Cause } from '../types.ts';

export function preflightCachedHints(needed: boolean, seen: boolean, requestSent: boolean): Cause[] {
  if (!needed || seen || !requestSent) return [];
  return [
    {
      code: 'preflight-cached',
      severity: 'info',
      message: 'No preflight was seen: Chrome reused a cached preflight result for this URL and origin',
    },
    {
      code: 'stale-preflight-cache',
      severity: 'info',
      message:
        "If you just changed the server's preflight answer, the cached one (Access-Control-Max-Age, at most 2 h in Chrome) still applies: retry after it expires or from a fresh profile",
    },
  ];
}

/* References: Fetch Standard §4.8 "CORS-preflight cache" (https://fetch.spec.whatwg.org/#concept-cache);
   MDN Access-Control-Max-Age (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Max-Age). */
