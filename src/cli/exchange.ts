// Replays one fetch() the way Chromium's network service runs it: a preflight when the engine says one is needed,
// then the actual request, then redirects (method rewrite, Origin tainted to "null" after a cross-origin hop), and it
// stops exactly where a browser stops, so a failing preflight never lets a DELETE through to the server.
// https://fetch.spec.whatwg.org/#http-fetch (CORS-preflight fetch, HTTP-redirect fetch)
import { sendOnce, USER_AGENT, type ProbedHop } from './http-probe.ts';

export const MAX_REDIRECTS = 20;

/**
 * Credentials a redirect to another origin must not carry. Fetch drops Authorization there ("HTTP-redirect fetch");
 * curl and undici drop credentials likewise; the CLI also drops Cookie, Proxy-Authorization and API-key-style
 * headers, since it cannot tell which of the author's headers are secrets (docs/cli.md, Redirects).
 */
export const isCredentialHeader = (name: string): boolean =>
  /^(cookie|proxy-authorization)$/i.test(name) || /key|token|secret|auth/i.test(name);

export interface ProbeRequest {
  origin: string;
  url: string;
  method: string;
  headers: readonly (readonly [string, string])[];
  timeoutMs: number;
}

/** The engine's decisions, injected so the wire logic stays testable on its own. */
export interface ExchangeGate {
  /** The preflight a browser would send for this hop, or null when none is needed. */
  preflightFor(hop: {
    url: string;
    method: string;
    origin: string;
  }): { requestHeaders: string | null } | null;
  /** Whether this preflight answer stops the browser (the actual request is then never sent). */
  preflightBlocks(hop: { url: string; method: string; origin: string }, preflight: ProbedHop): boolean;
}

export interface Exchange {
  /** Preflights in send order (one per URL that needed one). */
  preflights: ProbedHop[];
  /** Responses of the actual request: redirects, then the final one. Empty when a preflight stopped it. */
  hops: ProbedHop[];
  /** The Origin the last request carried ("null" after a tainting redirect). */
  finalOrigin: string;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function location(hop: ProbedHop): string | null {
  const v = hop.responseHeaders.location;
  const first = Array.isArray(v) ? (v[0] as string | undefined) : (v as string | undefined);
  if (first === undefined) return null;
  try {
    return new URL(first, hop.url).href;
  } catch {
    return null;
  }
}

/** Where a browser's redirect handling would stop on its own (not a CORS check): bad Location, userinfo, scheme. */
function isFollowable(next: string): boolean {
  const u = new URL(next);
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
}

export async function runExchange(req: ProbeRequest, gate: ExchangeGate): Promise<Exchange> {
  const preflights: ProbedHop[] = [];
  const hops: ProbedHop[] = [];
  let url = req.url;
  let method = req.method;
  let origin = req.origin;
  let headers = req.headers;
  // One deadline for the whole check: preflights and every hop share --timeout.
  const deadline = Date.now() + req.timeoutMs;
  const isCors = new URL(req.url).origin !== req.origin;
  for (let n = 0; n <= MAX_REDIRECTS; n++) {
    const hop = { url, method, origin };
    const pf = gate.preflightFor(hop);
    if (pf) {
      const lines: [string, string][] = [
        ['Origin', origin],
        ['Access-Control-Request-Method', method],
      ];
      if (pf.requestHeaders) lines.push(['Access-Control-Request-Headers', pf.requestHeaders]);
      // A preflight never carries credentials or the author's headers (Fetch §CORS-preflight fetch, step 1-5).
      const answer = await sendOnce({
        url,
        method: 'OPTIONS',
        headers: [...lines, ['Accept', '*/*'], ['User-Agent', USER_AGENT]],
        timeoutMs: req.timeoutMs,
        deadline,
      });
      preflights.push(answer);
      if (gate.preflightBlocks(hop, answer)) return { preflights, hops, finalOrigin: origin };
    }
    // Origin goes on every request of a CORS fetch (response tainting "cors", fixed by the first URL, so still
    // after a redirect back to the page's origin) and on other non-GET/HEAD ones (Fetch §append a request Origin).
    const isSameOriginRead = !isCors && (method === 'GET' || method === 'HEAD');
    const lines: [string, string][] = [
      ...(isSameOriginRead ? [] : [['Origin', origin] as [string, string]]),
      ...headers.map(([k, v]): [string, string] => [k, v]),
    ];
    if (!headers.some(([k]) => k.toLowerCase() === 'accept')) lines.push(['Accept', '*/*']);
    lines.push(['User-Agent', USER_AGENT]);
    const answer = await sendOnce({ url, method, headers: lines, timeoutMs: req.timeoutMs, deadline });
    hops.push(answer);
    const next = REDIRECT.has(answer.status) ? location(answer) : null;
    if (next === null || !isFollowable(next)) break;
    // 303 (non-HEAD), and 301/302 after POST, turn into a GET without a body (Fetch §HTTP-redirect fetch, step 12).
    if (
      (answer.status === 303 && method !== 'HEAD') ||
      ((answer.status === 301 || answer.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      headers = headers.filter(([k]) => !/^content-(type|language|encoding|location)$/i.test(k));
    }
    // A redirect to another origin from a cross-origin URL taints the request's origin (Fetch §HTTP-redirect fetch, step 11).
    const crossOrigin = new URL(next).origin !== new URL(url).origin;
    if (crossOrigin && new URL(url).origin !== req.origin) origin = 'null';
    if (crossOrigin) headers = headers.filter(([k]) => !isCredentialHeader(k));
    url = next;
  }
  return { preflights, hops, finalOrigin: origin };
}
