// Rule redirect-location: where a CORS redirect may go. A Location with a username or password is refused when it
// leaves the request's origin or the origin is already tainted. (A non-http(s) target fails later, in the
// request-mode rule, as a request to the new URL: Chrome names that URL in its console line, measured.)
import type { CheckFailure } from '../types.ts';
import { isSameOrigin, type ParsedUrl } from '../url.ts';

export function checkRedirectLocation(
  location: ParsedUrl,
  requestOrigin: string,
  isTainted: boolean,
  isCors: boolean,
): CheckFailure | null {
  if (isCors && location.hasCredentials && (isTainted || !isSameOrigin(requestOrigin, location.origin))) {
    // Chromium 156 reports an empty failedParameter here, and its console line quotes it: "Redirect location ''"
    // (both measured by test/e2e/agreement.spec.ts).
    return { corsError: 'RedirectContainsCredentials', failedParameter: '' };
  }
  return null;
}

/** Fetch "HTTP-redirect fetch" step 13: a redirect that leaves a cross-origin URL for yet another origin taints the Origin. */
export function taintsOrigin(requestOrigin: string, currentOrigin: string, locationOrigin: string): boolean {
  return !isSameOrigin(currentOrigin, locationOrigin) && !isSameOrigin(requestOrigin, currentOrigin);
}

/* References: Fetch Standard §4.4 "HTTP-redirect fetch" steps 8-13 (https://fetch.spec.whatwg.org/#http-redirect-fetch);
   Chromium services/network/cors/cors_url_loader.cc CheckRedirectLocation; MDN CORSExternalRedirectNotAllowed. */
