// Firefox's webRequest completes a response that fails the CORS check exactly like a success: onCompleted with its
// status, no onErrorOccurred (measured in Firefox 153: docs/firefox.md#capture-in-firefox). So for an exchange that
// completed there, the engine's Firefox profile decides from the headers webRequest showed, which are all there.
// A failed preflight does reach onErrorOccurred, with NS_ERROR_DOM_BAD_URI; a redirect that fails the check ends in
// other errors (NS_ERROR_NET_ON_RECEIVING_FROM for a 3xx without ACAO, NS_ERROR_UNEXPECTED for a Location with
// credentials), so every exchange with a response that did not end in that error is judged.
import { credentialsEvidence, diagnose, getHeader } from '../engine/index.ts';
import type { Observed } from '../engine/types.ts';
import type { CapturedExchange } from '../shared/exchange.ts';

/** Firefox's own webRequest error for a CORS rejection (the one it gives a failed preflight): a judged block is
 * recorded with it, so the record reads as Firefox's failures do. */
export const FIREFOX_CORS_ERROR = 'NS_ERROR_DOM_BAD_URI';

/** The exchange, failed with FIREFOX_CORS_ERROR when it has a response and the engine's Firefox profile blocks it.
 * webRequest does not give the credentials mode; the wire does for most credentialed calls: a Cookie, or
 * Sec-Fetch-Storage-Access (sent on every credentialed cross-site call), means `include`. Without either the call is
 * judged as sent without credentials, so a block only credentials cause on a same-site call without cookies is
 * missed rather than invented (docs/firefox.md#credentials-on-the-wire). */
export function judgeByEngine(x: CapturedExchange): CapturedExchange {
  const headers = x.request.headers ?? {};
  if (
    x.error === FIREFOX_CORS_ERROR ||
    x.hops.length === 0 ||
    getHeader(headers, 'sec-fetch-mode') === 'no-cors'
  )
    return x;
  const bare: Observed = {
    pageOrigin: x.pageOrigin,
    method: x.request.method,
    url: x.request.url,
    requestHeaders: headers,
    ...(x.preflight ? { preflight: x.preflight } : {}),
    hops: x.hops,
    netError: FIREFOX_CORS_ERROR,
  };
  const observed: Observed = {
    ...bare,
    credentials: credentialsEvidence(bare) === null ? 'same-origin' : 'include',
  };
  const d = diagnose(observed, { browser: 'firefox' });
  return d.verdict === 'blocked' && d.corsError !== null ? { ...x, error: FIREFOX_CORS_ERROR } : x;
}
