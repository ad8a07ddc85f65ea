// Rule redirect-location: where a redirect may go. Fetch's HTTP-redirect fetch has two separate userinfo checks, and
// Chromium's CheckRedirectLocation has the same two branches (docs/engine.md, "Redirects"):
//  (a) a `cors`-mode request whose Location has a username or password, when the origin is tainted or the Location is
//      not same origin with the request's origin — even when every hop so far was same-origin;
//  (b) a request already CORS-tainted (a cross-origin hop happened) whose Location has userinfo, wherever it points,
//      the page's own origin included.
// (A non-http(s) target fails later, in the request-mode rule, as a request to the new URL: Chrome names that URL in
// its console line, measured.)
import type { CheckFailure, RequestMode } from '../types.ts';
import { isSameOrigin, type ParsedUrl } from '../url.ts';

export interface RedirectContext {
  mode: RequestMode;
  /** The request's origin (the page's), never 'null' here. */
  requestOrigin: string;
  /** The tainted-origin flag: an earlier redirect set the Origin to null. */
  isTainted: boolean;
  /** Response tainting is 'cors' (Chromium's cors_flag): a cross-origin hop happened. */
  isCors: boolean;
}

export function checkRedirectLocation(location: ParsedUrl, c: RedirectContext): CheckFailure | null {
  if (!location.hasCredentials) return null;
  const a = c.mode === 'cors' && (c.isTainted || !isSameOrigin(c.requestOrigin, location.origin));
  // Chromium reports an empty failedParameter here, and its console line quotes it: "Redirect location ''" (both
  // measured by test/e2e/agreement.spec.ts).
  if (a || c.isCors) return { corsError: 'RedirectContainsCredentials', failedParameter: '' };
  return null;
}

/** Fetch "HTTP-redirect fetch" step 13: a redirect that leaves a cross-origin URL for yet another origin taints the Origin. */
export function taintsOrigin(requestOrigin: string, currentOrigin: string, locationOrigin: string): boolean {
  return !isSameOrigin(currentOrigin, locationOrigin) && !isSameOrigin(requestOrigin, currentOrigin);
}

/* References: Fetch Standard §4.4 "HTTP-redirect fetch" steps 8-13 (https://fetch.spec.whatwg.org/#http-redirect-fetch);
   Chromium services/network/public/cpp/cors/cors.cc CheckRedirectLocation; WPT fetch/api/cors/cors-redirect-credentials.js
   and fetch/security/redirect-to-url-with-credentials.https.html; MDN CORSExternalRedirectNotAllowed. */
