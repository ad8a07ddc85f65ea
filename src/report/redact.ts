// Redaction of secrets in exported evidence (on by default): credentials headers, API-key-like headers, JWTs and
// bearer tokens anywhere, URL userinfo and token-like query parameters. Cookie names and Set-Cookie attributes are
// kept because SameSite/Secure often explain the failure; only the values go. (docs/report-schema.md#redaction-default)
import type { HeaderMap } from '../engine/types.ts';

export const REDACTED = '[REDACTED]';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Name parts that make a header or query parameter secret-looking (split on - and _). */
const SECRET_PARTS = new Set([
  'key',
  'apikey',
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'session',
  'sessionid',
  'sid',
  'csrf',
  'xsrf',
  'auth',
  'signature',
  'sig',
  'jwt',
  'credential',
  'credentials',
  'code',
  'otp',
]);

const hasSecretPart = (name: string): boolean =>
  name
    .toLowerCase()
    .split(/[-_.\s]+/)
    .some((p) => SECRET_PARTS.has(p));

/** Whether a header's value is withheld entirely (CORS headers themselves never are). */
export function isSensitiveHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (n.startsWith('access-control-')) return false;
  return CREDENTIAL_HEADERS.has(n) || hasSecretPart(n) || /api-?key|token|secret|passw/.test(n);
}

export const isSensitiveParam = (name: string): boolean =>
  hasSecretPart(name) || /token|secret|passw|api-?key/i.test(name);

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const SCHEME_TOKEN = /\b(Bearer|Basic|Token|Digest)\s+([\w.~+/=:-]{6,})/gi;
/** Credentials look random (a digit, padding, or inner capitals); prose like "Token expired" does not. */
const looksLikeCredential = (s: string): boolean => /\d|=$/.test(s) || /.[A-Z]/.test(s);
/** Vendor key shapes: Stripe-style sk/pk/rk_live|test_…, GitHub gh?_…, Slack xox?-…. */
const KEYED_SECRET =
  /\b(?:(?:sk|pk|rk)[-_](?:live|test)[-_][\w-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[bpas]-[\w-]{10,})/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`\\)]+/g;

/** Redacts secrets found by their shape in free text (messages, stacks, snippets). */
export function redactText(text: string): string {
  return text
    .replace(URL_IN_TEXT, (u) => redactUrl(u))
    .replace(JWT, REDACTED)
    .replace(SCHEME_TOKEN, (m, scheme: string, token: string) =>
      looksLikeCredential(token) ? `${scheme} ${REDACTED}` : m,
    )
    .replace(KEYED_SECRET, REDACTED);
}

/** Removes userinfo and the values of token-like query parameters; everything else stays byte-for-byte. */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (!m) return url;
  const [, scheme = '', userinfo, rest = '', query, hash] = m;
  const q = query
    ? '?' +
      query
        .slice(1)
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          const name = eq < 0 ? pair : pair.slice(0, eq);
          if (eq >= 0 && isSensitiveParam(safeDecode(name))) return `${name}=${REDACTED}`;
          return pair.replace(JWT, REDACTED);
        })
        .join('&')
    : '';
  return `${scheme}${userinfo ? `${REDACTED}@` : ''}${rest}${q}${hash ?? ''}`;
}

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** One header value, redacted by its name first, then by its shape. */
export function redactHeaderValue(name: string, value: string): string {
  const n = name.toLowerCase();
  if (n === 'authorization' || n === 'proxy-authorization') {
    const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
    return scheme ? `${scheme} ${REDACTED}` : REDACTED;
  }
  if (n === 'cookie')
    return value
      .split(';')
      .map((c) => `${c.split('=')[0]?.trim() ?? ''}=${REDACTED}`)
      .join('; ');
  if (n === 'set-cookie') {
    const [pair = '', ...attrs] = value.split(';');
    return [`${pair.split('=')[0]?.trim() ?? ''}=${REDACTED}`, ...attrs.map((a) => a.trim())].join('; ');
  }
  if (isSensitiveHeader(n)) return REDACTED;
  return redactText(value);
}

export type HeaderRecord = Record<string, string | string[]>;

/** Copies a header map with lower-case names, redacting values unless `includeSensitive`. */
export function copyHeaders(headers: HeaderMap | undefined, includeSensitive: boolean): HeaderRecord {
  const out: HeaderRecord = {};
  for (const [name, v] of Object.entries(headers ?? {})) {
    const fix = (x: string): string => (includeSensitive ? x : redactHeaderValue(name, x));
    out[name.toLowerCase()] = typeof v === 'string' ? fix(v) : v.map(fix);
  }
  return out;
}

/** Applies redactText to every string in a JSON value: the last line of defence for fields built from evidence. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
