// Rule not-cors: network errors that only look like CORS. Chrome reports every CORS failure as net::ERR_FAILED;
// any other net:: error means the browser never got as far as a CORS check (docs/chromium-behaviour.md#console-lines, case p).
import type { EngineCause } from '../types.ts';

/** The generic error a browser gives every CORS failure: Chrome's, and Firefox's webRequest one (measured in Firefox
 * 153 for a failed preflight; docs/firefox.md#capture-in-firefox). */
const CORS_BLOCKED = new Set(['net::ERR_FAILED', 'NS_ERROR_DOM_BAD_URI']);

const PATTERNS: readonly [RegExp, EngineCause][] = [
  // Nothing listening. A reset or an empty response means something answered and hung up: 'network-error'.
  [/CONNECTION_REFUSED|ADDRESS_UNREACHABLE|CONNECTION_FAILED/, 'connection-refused'],
  [/NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_|NS_ERROR_UNKNOWN_HOST/, 'dns-failure'],
  [/CERT_|SSL_|ERR_BAD_SSL|TLS/, 'tls-error'],
  [/TIMED_OUT|TIMEOUT/, 'timeout'],
  [/BLOCKED_BY_CLIENT|BLOCKED_BY_ADMINISTRATOR/, 'blocked-by-client'],
  [/MIXED_CONTENT|mixed.content/i, 'mixed-content'],
  [/BLOCKED_BY_CSP|Content.Security.Policy|\bCSP\b/i, 'csp-blocked'],
  [/BLOCKED_BY_RESPONSE|BLOCKED_BY_ORB|BLOCKED_BY_CORP|BLOCKED_BY_COEP/, 'blocked-by-response'],
];

/**
 * The engine's cause for a non-CORS network error string, or null when the string is Chrome's generic
 * net::ERR_FAILED (which is what every CORS failure looks like) or absent.
 */
export function classifyNetError(netError: string | null): EngineCause | null {
  if (netError === null || netError === '' || CORS_BLOCKED.has(netError)) return null;
  for (const [pattern, code] of PATTERNS) if (pattern.test(netError)) return code;
  return 'network-error';
}

/* References: Chromium net/base/net_error_list.h; MDN CORSDidNotSucceed ("not directly related to CORS",
   https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSDidNotSucceed);
   Fetch Standard §4.1 main fetch (mixed content and CSP run before any CORS check, https://fetch.spec.whatwg.org/#main-fetch). */
