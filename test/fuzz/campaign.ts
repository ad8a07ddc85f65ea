// The fuzz campaign (`npm run fuzz`, and a small seeded slice in vitest): hostile Observed records through the
// engine, the report in every rendering with redaction, every fix generator through the panel's entry and the cURL
// writer. Oracles: nothing throws, and every output passes the output-safety checks (docs/output-safety.md).
import fc from 'fast-check';
import { diagnose, simulateFetch } from '../../src/engine/index.ts';
import type { HeaderMap, Observed, ObservedHop, ServerAnswer } from '../../src/engine/types.ts';
import { fixOutcome, fixRequestFrom, GENERATOR_ORDER, lintFix } from '../../src/fixes/index.ts';
import { HOSTILE_STRINGS, HOSTILE_TOKENS } from '../../src/fixes/quote/hostile-corpus.ts';
import { unsafeRequestReason } from '../../src/fixes/quote/request.ts';
import { buildReport, curlCommands, toJson, toMarkdown } from '../../src/report/index.ts';
import { recordOf, REPORT_META } from '../support/records.ts';
import { RESOURCE_KINDS } from '../../src/shared/resource-kinds.ts';

const SECRET = 'Bearer fuzz-SECRET-7f3a9c';
const CANARY = /cors-lens-pwned|touch |system\(|execSync/;
const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';

const hostileName = fc.oneof(
  fc.constantFrom(...HOSTILE_TOKENS, 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'Constructor'),
  fc.constantFrom(
    'access-control-allow-origin',
    'content-type',
    'x-token',
    'authorization',
    'cookie',
    'vary',
  ),
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/),
  fc.string({ maxLength: 12 }),
);
const hostileValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, PAGE, '*', 'true', SECRET) },
  { weight: 3, arbitrary: fc.string({ maxLength: 24, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(20_000), `${PAGE}, ${PAGE}`) },
);
const headers = fc
  .array(fc.tuple(hostileName, fc.oneof(hostileValue, fc.array(hostileValue, { maxLength: 3 }))), {
    maxLength: 5,
  })
  // Object.fromEntries defines own properties, as JSON.parse does: `__proto__` arrives as a key, not a prototype.
  .map((entries) => Object.fromEntries(entries) as HeaderMap);
const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'get', 'M-SEARCH'),
  fc.constantFrom(...HOSTILE_TOKENS),
  fc.string({ maxLength: 10 }),
);
const url = fc.oneof(
  fc.constantFrom(`${API}/items`, `${API}/a?access_token=sk-proj-abc123456789012345`, `${PAGE}/same`),
  fc.constantFrom(...HOSTILE_STRINGS).map((s) => `${API}/${s}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 20 }),
);
const origin = fc.oneof(
  fc.constantFrom(PAGE, 'null', 'https://app.example'),
  fc.constantFrom(...HOSTILE_STRINGS),
);
const hop = fc.record({
  url,
  method,
  requestHeaders: headers,
  status: fc.oneof(fc.constantFrom(200, 204, 302, 403, 404, 500), fc.integer({ min: 0, max: 999 })),
  responseHeaders: headers,
});

export const observedArb: fc.Arbitrary<Observed> = fc
  .record(
    {
      pageOrigin: origin,
      method,
      url,
      credentials: fc.constantFrom('omit', 'same-origin', 'include', 'unknown'),
      mode: fc.constantFrom('cors', 'no-cors', 'same-origin', 'navigate'),
      requestHeaders: headers,
      preflight: hop,
      hops: fc.array(hop, { maxLength: 3 }),
      netError: fc.oneof(fc.constant(null), fc.constant('net::ERR_FAILED'), fc.string({ maxLength: 12 })),
      pageSecure: fc.boolean(),
      kind: fc.constantFrom(...RESOURCE_KINDS),
    },
    { requiredKeys: ['pageOrigin', 'method', 'url', 'hops', 'netError'] },
  )
  .map((o) => {
    // The secret rides on every request so redaction is tested on each run.
    const withSecret = Object.assign(Object.create(null) as Record<string, string | readonly string[]>, {
      ...o.requestHeaders,
    });
    withSecret.authorization = SECRET;
    return { ...o, requestHeaders: withSecret } as Observed;
  });

/** A real CORS failure (a cross-origin request the server answered) carrying hostile methods, names and values, so
 * the generators are reached: fully random records are mostly not fixable. */
const fixableArb: fc.Arbitrary<Observed> = fc
  .record({
    method,
    requestHeaders: headers,
    responseHeaders: headers,
    status: fc.constantFrom(200, 204, 404),
  })
  .map(({ method: m, requestHeaders, responseHeaders, status }) => ({
    pageOrigin: PAGE,
    method: m,
    url: `${API}/items`,
    requestHeaders,
    hops: [{ url: `${API}/items`, method: m, requestHeaders, status, responseHeaders }],
    netError: 'net::ERR_FAILED',
    pageSecure: true,
    kind: 'fetch' as const,
  }));

/**
 * Shell text is safe when, read as POSIX sh reads it, everything outside single quotes is plain: letters, digits,
 * `_./:=@%+,-`, spaces, `\'` (an escaped quote), a `\`-newline continuation, and `#` comment lines of our own.
 */
export function shellUnsafe(script: string): string | null {
  let quoted = false;
  let lineStart = true;
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (quoted) {
      if (c === "'") quoted = false;
      continue;
    }
    if (lineStart && c === '#') {
      const end = script.indexOf('\n', i);
      if (script.slice(i, end < 0 ? undefined : end).includes("'")) return 'a quote in a comment line';
      i = end < 0 ? script.length : end;
      continue;
    }
    lineStart = c === '\n';
    if (c === "'") quoted = true;
    else if (c === '\\') {
      const next = script[i + 1];
      if (next !== "'" && next !== '\n') return `stray backslash at ${i}`;
      i++;
    } else if (!/[A-Za-z0-9_./:=@%+, \n-]/.test(c)) return `unquoted ${JSON.stringify(c)} at ${i}`;
  }
  return quoted ? 'unterminated quote' : null;
}

// The renderer's own collapsible section, and autolinks to the references (not HTML).
const ALLOWED_HTML = /<\/?(details|summary)>|<https?:\/\/[^\s<>"]*>/g;
/** Markdown is safe when, outside code spans and fences, no HTML tag from input remains. */
export function markdownUnsafe(md: string): string | null {
  const prose = md
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '')
    // A code span closes at a backtick run of exactly its opening length (CommonMark §6.1).
    .replace(/(?<![`\\])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')
    .replace(ALLOWED_HTML, '');
  const tag = /<[A-Za-z!?/]/.exec(prose);
  return tag ? `raw HTML in Markdown near ${JSON.stringify(prose.slice(tag.index, tag.index + 40))}` : null;
}

const server =
  (o: Observed) =>
  (u: string): ServerAnswer => {
    const h: ObservedHop | undefined = o.hops.find((x) => x.url === u);
    const answer: ServerAnswer = { response: { status: h?.status ?? 0, headers: h?.responseHeaders ?? {} } };
    return o.preflight
      ? { ...answer, preflight: { status: o.preflight.status, headers: o.preflight.responseHeaders } }
      : answer;
  };

export function engineTarget(o: Observed): string | null {
  diagnose(o);
  simulateFetch(
    {
      origin: o.pageOrigin,
      url: o.url,
      method: o.method,
      headers: o.requestHeaders ?? {},
      credentials: o.credentials === 'include' ? 'include' : 'same-origin',
      mode: 'cors',
    },
    server(o),
  );
  return null;
}

export function reportTarget(o: Observed): string | null {
  const report = buildReport([recordOf(o)], { diagnose, meta: REPORT_META, includeAllowed: true });
  const json = toJson(report);
  JSON.parse(json);
  const md = toMarkdown(report);
  const curl = curlCommands(o, { includeSensitive: false });
  for (const [what, text] of [
    ['JSON', json],
    ['Markdown', md],
    ['cURL', curl],
  ] as const)
    if (text.includes('fuzz-SECRET')) return `${what} leaks the Authorization value`;
  return markdownUnsafe(md) ?? shellUnsafe(curl) ?? shellUnsafe(curlCommands(o, { includeSensitive: true }));
}

/** How many inputs got a fix handed out (the rest were refused or not fixable), for the campaign's summary. */
export const stats = { fixesEmitted: 0 };

export function fixTarget([o, backend]: [Observed, (typeof GENERATOR_ORDER)[number]]): string | null {
  const diagnosis = diagnose(o);
  const request = fixRequestFrom(o, diagnosis);
  const out = fixOutcome(backend, { diagnosis, request });
  if (out.fix === null) return null;
  stats.fixesEmitted++;
  if (unsafeRequestReason(request) !== null) return `${backend} emitted a fix for a refused request`;
  if (lintFix(out.fix).length > 0) return `${backend} fix fails the security lint`;
  for (const s of out.fix.snippets) {
    if (CANARY.test(s.code)) return `${backend} snippet carries a hostile input`;
    if (s.language === 'shell') {
      const bad = shellUnsafe(s.code);
      if (bad) return `${backend}: ${bad}`;
    }
  }
  return null;
}

export const TARGETS = {
  engine: { arb: observedArb, run: engineTarget },
  report: { arb: observedArb, run: reportTarget },
  fixes: {
    arb: fc.tuple(fc.oneof(observedArb, fixableArb), fc.constantFrom(...GENERATOR_ORDER)),
    run: fixTarget,
  },
} as const;
