// Rule request-mode: checks made before anything goes on the wire. `same-origin` mode refuses a cross-origin
// URL; CORS works only over http(s); a `no-cors` request must follow redirects (its method is checked earlier).
import type { CheckFailure, RequestMode } from '../types.ts';
import { isCorsEnabledScheme } from '../url.ts';

export interface ModeCheckInput {
  mode: RequestMode;
  redirect: 'follow' | 'error' | 'manual';
  /** The scheme of the cross-origin URL about to be fetched. */
  scheme: string;
}

/** Checks a cross-origin URL against the request's mode before it is fetched. */
export function checkRequestMode(input: ModeCheckInput): CheckFailure | null {
  if (input.mode === 'same-origin') return { corsError: 'DisallowedByMode', failedParameter: '' };
  if (input.mode === 'no-cors') {
    return input.redirect === 'follow'
      ? null
      : { corsError: 'NoCorsRedirectModeNotFollow', failedParameter: '' };
  }
  if (!isCorsEnabledScheme(input.scheme)) return { corsError: 'CorsDisabledScheme', failedParameter: '' };
  return null;
}

/* References: Fetch Standard §4.1 "main fetch" step 12 (https://fetch.spec.whatwg.org/#main-fetch) and the Request
   constructor (no-cors methods, https://fetch.spec.whatwg.org/#dom-request); MDN CORSRequestNotHttp
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSRequestNotHttp). */
