// Rule server-error-without-cors: "No 'Access-Control-Allow-Origin' header" on a 4xx/5xx almost always means the
// error page was produced outside the CORS middleware (crash, gateway, auth filter). The real status comes first.
import type { CorsError } from '../types.ts';

export function isServerErrorWithoutCors(corsError: CorsError | null, status: number | null): boolean {
  return corsError === 'MissingAllowOriginHeader' && status !== null && status >= 400;
}

export const serverErrorTriage = (status: number): string =>
  `Your server answered ${status}; its error response carries no CORS headers`;

/* References: Fetch Standard §4.9 CORS check (https://fetch.spec.whatwg.org/#cors-check); MDN CORSMissingAllowOrigin
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin); Kludex/starlette#1116. */
