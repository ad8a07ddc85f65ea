// The facts a server fix depends on but a failure often hides: whether the call sends credentials (a failed
// preflight never carries cookies), which response headers the page reads (a blocked response is never read) and
// what else the page asks of the same API. Each fact says which signal decided it, or that none did and what the
// fix assumes instead: an assumption that works for every request consistent with what was observed.
// Signals and their order: docs/fix-facts.md.
import { SAFELISTED_RESPONSE_HEADERS } from '../engine/index.ts';
import { headerEntries } from '../engine/headers.ts';
import type { Diagnosis, Observed } from '../engine/types.ts';
import { apiOriginOf, askedOf, sentCookie } from './route.ts';
import type { SourceSignals } from './source-scan.ts';

export type Basis = 'evidence' | 'answer' | 'assumed';

export interface FixFacts {
  /** allow: whether the fix allows credentials (for the one exact origin). */
  credentials: { allow: boolean; basis: Basis; signal: string };
  /** Response headers the fix exposes (lower-case). */
  reads: { names: string[]; signal: string };
  /** Methods and headers other requests of the page asked of the same API (beyond this one), or null. */
  route: { methods: string[]; headers: string[]; requests: number } | null;
}

export interface FactsInput {
  observed: Observed;
  diagnosis: Diagnosis;
  /** Other exchanges of the page (any verdict); only those to the same API origin count. */
  siblings?: readonly Observed[];
  /** The call site's script, scanned (source-scan.ts), with its URL for the details. */
  source?: { url: string; signals: SourceSignals } | null;
  /** The user's answer to "does this call send cookies or an Authorization header?" for this API origin. */
  answer?: boolean | null;
}

const fileOf = (url: string): string => url.replace(/[?#].*$/, '').replace(/^.*\//, '') || url;

function credentialsFact(i: FactsInput, same: readonly Observed[]): FixFacts['credentials'] {
  const { observed: o, diagnosis: d } = i;
  const inferred = d.hints.some((h) => h.code === 'credentials-inferred');
  if (!inferred && o.credentials !== undefined && o.credentials !== 'unknown')
    return {
      allow: o.credentials === 'include',
      basis: 'evidence',
      signal: `the request's credentials mode '${o.credentials}'`,
    };
  if (sentCookie(o)) return { allow: true, basis: 'evidence', signal: 'the request carried a Cookie' };
  if (d.credentialsBasis === 'storage-access')
    return {
      allow: true,
      basis: 'evidence',
      signal: 'the request carried Sec-Fetch-Storage-Access, sent only with credentials',
    };
  if (d.credentials === 'include')
    return { allow: true, basis: 'evidence', signal: "the browser's verdict holds only with credentials" };
  if (i.answer !== undefined && i.answer !== null)
    return {
      allow: i.answer,
      basis: 'answer',
      signal: i.answer ? 'you said it sends credentials' : 'you said it sends no credentials',
    };
  const s = i.source;
  const at = (f: { line: number; text: string }): string => `${fileOf(s?.url ?? '')}:${f.line} \`${f.text}\``;
  if (s?.signals.credentials && s.signals.near)
    return {
      allow: s.signals.credentials.value === 'include',
      basis: 'evidence',
      signal: `the call site ${at(s.signals.credentials)}`,
    };
  if (same.some(sentCookie))
    return {
      allow: true,
      basis: 'evidence',
      signal: 'another request of this page to the API carried a Cookie',
    };
  if (s?.signals.credentials?.value === 'include')
    return { allow: true, basis: 'evidence', signal: `the page's script ${at(s.signals.credentials)}` };
  return {
    allow: true,
    basis: 'assumed',
    signal:
      'not observed (a blocked call shows no cookies): credentials are allowed for this one origin, which works with and without them',
  };
}

// Never readable (Set-Cookie), or the server's and proxies' own headers rather than the app's.
const NOT_EXPOSABLE = new Set([
  'set-cookie',
  'set-cookie2',
  'vary',
  'x-powered-by',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
]);

/** Headers the app itself sends that the page could read: custom (x-…) names on the observed responses. */
function appHeaders(o: Observed): string[] {
  const out = new Set<string>();
  for (const h of o.hops)
    for (const [name] of headerEntries(h.responseHeaders)) {
      const n = name.toLowerCase();
      if (n.startsWith('x-') && !NOT_EXPOSABLE.has(n)) out.add(n);
    }
  return [...out];
}

function readsFact(i: FactsInput): FixFacts['reads'] {
  const exposable = (n: string): boolean =>
    !SAFELISTED_RESPONSE_HEADERS.includes(n) && !NOT_EXPOSABLE.has(n) && !n.startsWith('access-control-');
  const observed = (i.observed.readHeaders ?? []).map((h) => h.toLowerCase()).filter(exposable);
  const fromSource = (i.source?.signals.reads ?? []).map((r) => r.value).filter(exposable);
  const sent = appHeaders(i.observed).filter(exposable);
  const names = [...new Set([...observed, ...fromSource, ...sent])].sort();
  const parts = [
    observed.length ? `the page read ${observed.join(', ')}` : '',
    fromSource.length ? `${fileOf(i.source?.url ?? '')} reads ${fromSource.join(', ')}` : '',
    sent.length ? `the response carries ${sent.join(', ')}` : '',
  ].filter((p) => p !== '');
  return {
    names,
    signal: parts.length
      ? parts.join('; ')
      : 'no read header seen (the page reads the body and safelisted headers)',
  };
}

function routeFact(o: Observed, same: readonly Observed[]): FixFacts['route'] {
  const mine = askedOf(o);
  const methods = new Set<string>();
  const headers = new Set<string>();
  for (const s of same) {
    const a = askedOf(s);
    if (a.method !== mine.method) methods.add(a.method);
    for (const h of a.headers) if (!mine.headers.includes(h)) headers.add(h);
  }
  if (methods.size === 0 && headers.size === 0) return null;
  return { methods: [...methods].sort(), headers: [...headers].sort(), requests: same.length };
}

export function fixFacts(i: FactsInput): FixFacts {
  const api = apiOriginOf(i.observed.url);
  const same = (i.siblings ?? []).filter(
    (s) => s !== i.observed && s.pageOrigin === i.observed.pageOrigin && apiOriginOf(s.url) === api,
  );
  return { credentials: credentialsFact(i, same), reads: readsFact(i), route: routeFact(i.observed, same) };
}
