// URL and origin helpers. A hand-written fast path covers the common http(s) URL so a simulation stays cheap;
// anything unusual (IDN, percent-escapes, IPv4 shorthand) goes through the WHATWG URL parser.

export interface ParsedUrl {
  scheme: string;
  /** The serialized origin, or 'null' for an opaque origin (non-special schemes). */
  origin: string;
  host: string;
  port: string;
  hasCredentials: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };
const FAST = /^([a-z][a-z0-9+.-]*):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?=[/?#]|$)/;
// A hostname whose last label is numeric is an IPv4 address in WHATWG URL, possibly shorthand: leave it to URL
// unless it is already the canonical dotted quad.
const NUMERIC_LAST = /(?:^|\.)[0-9]+$|(?:^|\.)0x[0-9a-f]*$/;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function build(scheme: string, host: string, port: string, hasCredentials: boolean): ParsedUrl {
  const def = DEFAULT_PORTS[scheme];
  const effectivePort = port === def ? '' : port;
  const origin = def === undefined ? 'null' : `${scheme}://${host}${effectivePort === '' ? '' : `:${effectivePort}`}`;
  return { scheme, origin, host, port: effectivePort, hasCredentials };
}

/** Parses an absolute URL; null when it is not one. */
export function parseUrl(url: string): ParsedUrl | null {
  const m = FAST.exec(url);
  if (m !== null) {
    const scheme = m[1] ?? '';
    const host = m[2] ?? '';
    const port = m[3] ?? '';
    const portOk = port === '' || (Number(port) <= 65535 && port[0] !== '0');
    if (DEFAULT_PORTS[scheme] !== undefined && portOk && (!NUMERIC_LAST.test(host) || DOTTED_QUAD.test(host))) {
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

/** Resolves a Location value against the URL it came from; null when it cannot be parsed. */
export function resolveUrl(location: string, base: string): string | null {
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
 * AllowOriginMismatch. WHATWG URL stands in for GURL; they disagree on a few odd inputs (cors-taxonomy.md §3).
 */
export function isGurlValid(value: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value);
  if (m === null) return false;
  const scheme = (m[1] ?? '').toLowerCase();
  if (DEFAULT_PORTS[scheme] === undefined && scheme !== 'file') return true;
  try {
    return new URL(value).host !== '' || scheme === 'file';
  } catch {
    return false;
  }
}
