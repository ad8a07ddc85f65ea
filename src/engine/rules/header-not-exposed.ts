// Rule header-not-exposed: the page read a response header that CORS hides (not safelisted, not in
// Access-Control-Expose-Headers). No error anywhere: `headers.get()` just returns null (measured, case n).
import type { Cause } from '../types.ts';

export function headerNotExposedHints(
  readHeaders: readonly string[] | undefined,
  readable: readonly string[],
  present: readonly string[],
): Cause[] {
  if (readHeaders === undefined) return [];
  return readHeaders
    .map((h) => h.toLowerCase())
    .filter((h) => present.includes(h) && !readable.includes(h))
    .map((h) => ({
      code: 'header-not-exposed' as const,
      severity: 'warning' as const,
      message: `The page read the '${h}' response header, which the server sent but did not list in Access-Control-Expose-Headers, so script sees null`,
    }));
}

/* References: Fetch Standard "CORS-safelisted response-header name" (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name);
   MDN Access-Control-Expose-Headers; axios/axios#895. */
