// URL and origin helpers. A hand-written fast path covers the common http(s) URL so a simulation stays cheap;
// anything unusual (IDN, percent-escapes, IPv4 shorthand) goes through the WHATWG URL parser.

export interface ParsedUrl {
  readonly scheme: string;
  /** The serialized origin, or 'null' for an opaque origin (non-special schemes). */
  readonly origin: string;
  readonly host: string;
  readonly port: string;
  readonly hasCredentials: boolean;
}

const DEFAULT_PORTS: ReadonlyMap<string, string> = new Map([
  ['http', '80'],
  ['https', '443'],
  ['ws', '80'],
  ['wss', '443'],
  ['ftp', '21'],
]);
const FAST =
  /^([a-z][a-z0-9+.-]*):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?=[/?#]|$)/;
// A hostname whose last label is numeric is an IPv4 address in WHATWG URL, possibly shorthand: leave it to URL
// unless it is already the canonical dotted quad.
const NUMERIC_LAST = /(?:^|\.)[0-9]+$|(?:^|\.)0x[0-9a-f]*$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function build(scheme: string, host: string, port: string, hasCredentials: boolean): ParsedUrl {
  const def = DEFAULT_PORTS.get(scheme);
  const effectivePort = port === def ? '' : port;
  const origin =
    def === undefined ? 'null' : `${scheme}://${host}${effectivePort === '' ? '' : `:${effectivePort}`}`;
  return { scheme, origin, host, port: effectivePort, hasCredentials };
}

// A small bounded memo: a page talks to a handful of URLs, and every simulation parses each of them. The cached
// objects are never mutated, so this changes nothing but speed.
const memo = new Map<string, ParsedUrl | null>();

/** Parses an absolute URL; null when it is not one. */
export function parseUrl(url: string): ParsedUrl | null {
  const hit = memo.get(url);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(url);
  if (memo.size >= 512) memo.clear();
  memo.set(url, parsed);
  return parsed;
}

function parseUncached(url: string): ParsedUrl | null {
  const m = FAST.exec(url);
  if (m !== null) {
    const scheme = m[1] ?? '';
    const host = m[2] ?? '';
    const port = m[3] ?? '';
    const portOk = port === '' || (Number(port) <= 65535 && port[0] !== '0');
    const last = host.charCodeAt(host.length - 1);
    const mayBeIpv4 = last >= 0x30 && last <= 0x39 ? true : NUMERIC_LAST.test(host);
    if (DEFAULT_PORTS.get(scheme) !== undefined && portOk && (!mayBeIpv4 || DOTTED_QUAD.test(host))) {
      return build(scheme, host, port, false);
    }
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const scheme = u.protocol.slice(0, -1);
  return build(scheme, u.hostname, u.port, u.username !== '' || u.password !== '');
}

// Locations that WHATWG URL would serialize unchanged: an absolute http(s) URL with a lowercase host, an explicit
// non-default port or none, and a plain path; or a plain absolute path. Anything else goes through URL.
const PLAIN_PATH = '(?:/(?!/)[A-Za-z0-9\\-._~!$&()*+,;=:@/%?]*)';
const PLAIN_ABSOLUTE = new RegExp(`^https?://[a-z0-9-]+(?:\\.[a-z0-9-]+)*(?::[1-9]\\d{0,4})?${PLAIN_PATH}$`);
const PLAIN_RELATIVE = new RegExp(`^${PLAIN_PATH}$`);
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;

/** Resolves a Location value against the URL it came from; null when it cannot be parsed. */
export function resolveUrl(location: string, base: string): string | null {
  if (!DOT_SEGMENT.test(location)) {
    if (PLAIN_ABSOLUTE.test(location) && !/:(?:80|443)\//.test(location)) {
      const host = location.slice(location.indexOf('//') + 2).split(/[:/]/, 1)[0] ?? '';
      if (!NUMERIC_LAST.test(host) || DOTTED_QUAD.test(host)) return location;
    }
    const origin = PLAIN_RELATIVE.test(location) ? parseUrl(base)?.origin : undefined;
    if (origin !== undefined && origin !== 'null') return origin + location;
  }
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/** The serialized origin of a URL ('null' for opaque origins or unparsable URLs). */
export function originOf(url: string): string {
  return parseUrl(url)?.origin ?? 'null';
}

/** Same origin per HTML: an opaque origin ('null') is never the same as another one. */
export const isSameOrigin = (a: string, b: string): boolean => a !== 'null' && a === b;

/** Schemes Chromium lets CORS fetch (the Fetch standard's HTTP(S) schemes). */
export const isCorsEnabledScheme = (scheme: string): boolean => scheme === 'http' || scheme === 'https';

/**
 * Whether Chromium's GURL would take an ACAO value as a valid URL. Used only to tell InvalidAllowOriginValue from
 * AllowOriginMismatch. WHATWG URL stands in for GURL; they disagree on a few odd inputs (docs/cors-errors.md#where-gurl-and-whatwg-url-disagree).
 */
export function isGurlValid(value: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value);
  if (m === null) return false;
  const scheme = (m[1] ?? '').toLowerCase();
  if (DEFAULT_PORTS.get(scheme) === undefined && scheme !== 'file') return true;
  try {
    return new URL(value).host !== '' || scheme === 'file';
  } catch {
    return false;
  }
}
