// Turns what webRequest saw (Observed) back into a simulation input: the request the page made and a server model
// that answers each URL as it really did. Missing pieces are filled the way the evidence implies.
import { emptyHeaders, getHeader, headerEntries, parseTokenList } from './headers.ts';
import { isSafelistedRequestHeader } from './safelist.ts';
import { accessControlRequestHeaders } from './preflight.ts';
import { factsOf } from './browsers.ts';
import type {
  CredentialsMode,
  HeaderMap,
  Observed,
  ServerAnswer,
  ServerModel,
  SimOptions,
  SimRequest,
} from './types.ts';

// A value that fails every safelisted-header rule ('?' is a CORS-unsafe byte), so a name taken from the
// preflight's Access-Control-Request-Headers stays unsafe when the real value was never seen.
const UNSAFE_PLACEHOLDER = '?';

/**
 * The request headers as the page set them. A preflight's Access-Control-Request-Headers is the browser's own list
 * of the unsafe ones, so it wins: it names headers the actual request never showed (it was not sent), and it
 * leaves out headers the network stack added later (DevTools' "Disable cache" adds Pragma and Cache-Control).
 */
export function observedRequestHeaders(o: Observed): HeaderMap {
  const acrh =
    o.preflight === undefined
      ? null
      : getHeader(o.preflight.requestHeaders, 'access-control-request-headers');
  // A preflight of a later hop (Firefox preflights again after a redirect) lists that hop's headers, not these.
  if (o.preflight === undefined || o.preflight.url !== o.url)
    return withoutBrowserAgent(o.requestHeaders ?? {});
  const named = (parseTokenList(acrh) ?? []).map((n) => n.toLowerCase());
  const out: Record<string, string | readonly string[]> = emptyHeaders();
  for (const [name, value] of o.requestHeaders === undefined ? [] : headerEntries(o.requestHeaders)) {
    // The observation comes from Chrome, so what Chrome counts as safelisted stays (a standard replay re-judges it).
    if (named.includes(name) || isSafelistedRequestHeader(name, value, 'chrome')) out[name] = value;
  }
  for (const name of named) out[name] ??= UNSAFE_PLACEHOLDER;
  return out;
}

/** Without a preflight, a User-Agent is the browser's own: a page-set one is preflighted (Firefox) or dropped
 * (Chrome), and Firefox's webRequest shows its own with the page's headers (docs/firefox.md#capture-in-firefox). */
function withoutBrowserAgent(headers: HeaderMap): HeaderMap {
  if (getHeader(headers, 'user-agent') === null) return headers;
  const out: Record<string, string | readonly string[]> = emptyHeaders();
  for (const [name, value] of headerEntries(headers)) if (name !== 'user-agent') out[name] = value;
  return out;
}

export function requestFromObserved(o: Observed, credentials: CredentialsMode): SimRequest {
  return {
    origin: o.pageOrigin,
    url: o.url,
    method: o.method,
    headers: observedRequestHeaders(o),
    credentials,
    mode: o.mode ?? 'cors',
  };
}

/**
 * A server model replaying the observed answers. A hop that was sent but shows no preflight passed one earlier
 * (Chrome's preflight cache), so it gets a preflight answer that allows exactly this request.
 */
export function serverFromObserved(o: Observed, request: SimRequest, options: SimOptions): ServerModel {
  const answers = new Map<string, ServerAnswer>();
  const acrh = accessControlRequestHeaders(request.headers, options);
  const keepsOrigin = factsOf(options.browser).preflightKeepsOrigin;
  for (const hop of o.hops) {
    if (answers.has(hop.url) || hop.status === 0) continue;
    // The Origin that preflight carried: the hop's, or the page's where a preflight keeps it after a tainting
    // redirect (Firefox).
    const origin = keepsOrigin ? o.pageOrigin : (getHeader(hop.requestHeaders, 'origin') ?? o.pageOrigin);
    const cached: Record<string, string> = {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': hop.method,
      ...(acrh === null ? {} : { 'access-control-allow-headers': acrh }),
    };
    answers.set(hop.url, {
      preflight: { status: 204, headers: cached },
      response: { status: hop.status, headers: hop.responseHeaders },
    });
  }
  const p = o.preflight;
  if (p !== undefined && p.status !== 0) {
    const existing = answers.get(p.url);
    // A preflight with no actual response: the request was never sent, so no answer to replay for it.
    const preflight = { status: p.status, headers: p.responseHeaders };
    answers.set(
      p.url,
      existing === undefined
        ? { preflight, response: { status: 0, headers: {} } }
        : { ...existing, preflight },
    );
  }
  return (url: string) => answers.get(url);
}

/** The wire's evidence that the request was sent with credentials mode `include`: a Cookie header (only a
 * credentialed request sends one), or `Sec-Fetch-Storage-Access`, which browsers send only on a cross-site request
 * whose credentials mode is `include` (measured in Firefox 153: docs/firefox.md#credentials-on-the-wire). */
export function credentialsEvidence(o: Observed): 'cookie' | 'storage-access' | null {
  const headerSets = [o.requestHeaders ?? {}, ...o.hops.map((h) => h.requestHeaders)];
  if (headerSets.some((h) => getHeader(h, 'cookie') !== null)) return 'cookie';
  // Firefox also sends it on such a request's preflight (measured: docs/har.md), which a file may hold alone.
  const withPreflight = [...headerSets, o.preflight?.requestHeaders ?? {}];
  if (withPreflight.some((h) => getHeader(h, 'sec-fetch-storage-access') !== null)) return 'storage-access';
  return null;
}
