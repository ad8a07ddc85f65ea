// Redaction of secrets in exported evidence (on by default): credentials headers, API-key-like headers, JWTs and
// bearer tokens anywhere, URL userinfo and token-like query parameters. Cookie names and Set-Cookie attributes are
// kept because SameSite/Secure often explain the failure; only the values go. (docs/report-schema.md#redaction-default)
import type { HeaderMap } from '../engine/types.ts';
import { emptyHeaders, type HeaderRecord } from '../engine/headers.ts';

export const REDACTED = '[REDACTED]';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Name parts that make a header or query parameter secret-looking (split on - and _). */
const SECRET_PARTS = new Set([
  'key',
  'apikey',
  'token',
  'secret',
  'password',
  'pass',
  'jsessionid',
  'phpsessid',
  'sessid',
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

/** Split on separators and camelCase humps, so `accessKey` and `access_key` both have the part `key`. */
const hasSecretPart = (name: string): boolean =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_.\s]+/)
    .some((p) => SECRET_PARTS.has(p));

/** Whether a header's value is withheld entirely (CORS headers themselves never are). */
export function isSensitiveHeader(name: string): boolean {
  const n = name.toLowerCase();
  if (n.startsWith('access-control-')) return false;
  // `auth` covers X-Client-Authorization, Authentication, X-Auth-*: raw tokens travel under all of them.
  return CREDENTIAL_HEADERS.has(n) || hasSecretPart(n) || /auth|api-?key|token|secret|passw/.test(n);
}

export const isSensitiveParam = (name: string): boolean =>
  hasSecretPart(name) || /token|secret|passw|api-?key/i.test(name);

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const SCHEME_TOKEN = /\b(Bearer|Basic|Token|Digest)\s+([\w.~+/=:-]{6,})/gi;
/** Credentials look random (a digit, padding, or inner capitals); prose like "Token expired" does not. */
const looksLikeCredential = (s: string): boolean => /\d|=$/.test(s) || /.[A-Z]/.test(s);
/** Vendor key shapes: Stripe-style sk/pk/rk_live|test_…, OpenAI/Anthropic-style sk-…/sk-proj-…, GitHub gh?_…, Slack xox?-…. */
const KEYED_SECRET =
  /\b(?:(?:sk|pk|rk)[-_](?:live|test)[-_][\w-]{8,}|sk-[\w-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[bpas]-[\w-]{10,})/g;
/**
 * `name=value` after `?`, `&`, `;` or `#` anywhere in text: catches a query the URL pattern cut short (after `)`
 * or `'`, as in OData's `Items(1)?access_token=…`), `;jsessionid=` path parameters and `#access_token=` fragments.
 */
const PARAM_IN_TEXT = /([?&;#])([\w.%-]+)=([^&;#\s"'<>`]*)/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`\\)]+/g;

/** Redacts secrets found by their shape in free text (messages, stacks, snippets). */
export function redactText(text: string): string {
  return text
    .replace(URL_IN_TEXT, (u) => redactUrl(u))
    .replace(JWT, REDACTED)
    .replace(SCHEME_TOKEN, (m, scheme: string, token: string) =>
      looksLikeCredential(token) ? `${scheme} ${REDACTED}` : m,
    )
    .replace(KEYED_SECRET, REDACTED)
    .replace(PARAM_IN_TEXT, (m, sep: string, name: string, value: string) =>
      value !== '' && value !== REDACTED && isSensitiveParam(safeDecode(name))
        ? `${sep}${name}=${REDACTED}`
        : m,
    );
}

/** `a=1&b=2` (or `;`-separated) with the values of token-like names redacted. */
const redactParams = (params: string, sep: RegExp): string =>
  params.replace(new RegExp(`(^|${sep.source})([^=&;]*)=([^&;]*)`, 'g'), (m, s: string, name: string) =>
    isSensitiveParam(safeDecode(name)) ? `${s}${name}=${REDACTED}` : m.replace(JWT, REDACTED),
  );

/**
 * Removes userinfo and the values of token-like parameters in the query, in `;name=value` path parameters
 * (`;jsessionid=`) and in the fragment (`#access_token=`, the OAuth implicit flow); everything else stays byte for
 * byte.
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(url);
  if (!m) return url;
  const [, scheme = '', userinfo, rest = '', query, hash] = m;
  const path = redactParams(rest, /;/);
  const q = query ? `?${redactParams(query.slice(1), /&/)}` : '';
  const h = hash ? `#${redactParams(hash.slice(1), /&/)}` : '';
  return `${scheme}${userinfo ? `${REDACTED}@` : ''}${path}${q}${h}`;
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
    return (
      value
        .split(';')
        // A pair without `=` is a cookie with an empty name: the whole pair is its value (RFC 6265bis §5.6).
        .map((c) => (c.includes('=') ? `${c.split('=')[0]?.trim() ?? ''}=${REDACTED}` : REDACTED))
        .join('; ')
    );
  if (n === 'set-cookie') {
    const [pair = '', ...attrs] = value.split(';');
    const kept = pair.includes('=') ? `${pair.split('=')[0]?.trim() ?? ''}=${REDACTED}` : REDACTED;
    return [kept, ...attrs.map((a) => a.trim())].join('; ');
  }
  if (isSensitiveHeader(n)) return REDACTED;
  return redactText(value);
}

/** Copies a header map with lower-case names, redacting values unless `includeSensitive`. */
export function copyHeaders(headers: HeaderMap | undefined, includeSensitive: boolean): HeaderRecord {
  const out: HeaderRecord = emptyHeaders();
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
    // No prototype: a key from the evidence (a header named __proto__) stays a key.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
