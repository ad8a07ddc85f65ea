// The inference on what real Chromium gave: DevTools' own getHAR() of a page making each kind of call, and the page's
// scripts as the panel reads them, dev-served (readable modules) and production-built (minified), with axios, ky,
// ofetch and the OpenAI SDK as real minified libraries. Captured by `npm run fixtures:inference`
// (test/fixtures/inference/generate.ts); the records go through the same path as live DevTools capture
// (src/har/har-records.ts), the call site through the panel's own scan.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callSiteOf, type HarEntryLike } from '../devtools/har-entry.ts';
import { diagnose } from '../engine/index.ts';
import { createHarRecords } from '../har/har-records.ts';
import {
  LIBRARIES,
  VARIANTS,
  appBundle,
  appModule,
  sha256,
  vendorBundle,
  type Variant,
} from '../../test/fixtures/inference/sources.ts';
import type { Captured } from '../../test/fixtures/inference/sanitize.ts';
import { fixFacts, type FixFacts } from './fix-facts.ts';
import { sourceFor } from './call-frames.ts';
import { scanSource } from './source-scan.ts';

const load = (v: Variant): Captured =>
  JSON.parse(
    readFileSync(new URL(`../../test/fixtures/inference/captured/${v}.json`, import.meta.url), 'utf8'),
  ) as Captured;
const CAPTURED = { dev: load('dev'), build: load('build') };
const VENDOR = new Map(LIBRARIES.map((l) => [l, vendorBundle(l)]));

/** A script's text as the panel would read it: the captured text, or the vendor library rebuilt (hash-checked). */
function textOf(c: Captured, url: string): string | null {
  const t = c.sources[url];
  if (t === undefined) return null;
  if (!t.startsWith('sha256:')) return t;
  const lib = LIBRARIES.find((l) => url.endsWith(`/vendor/${l}.js`));
  const text = lib ? (VENDOR.get(lib) ?? '') : '';
  expect(sha256(text), url).toBe(t.slice('sha256:'.length));
  return text;
}

const entries = (c: Captured): HarEntryLike[] => c.har.log.entries as unknown as HarEntryLike[];

function factsOf(c: Captured, scenario: string, withSiblings = false): FixFacts {
  const rs = createHarRecords();
  rs.pages(c.har.log.pages);
  for (const e of c.har.log.entries) rs.entry(e);
  const records = rs.records();
  const rec = records.find((r) => r.observed.url.endsWith(`?s=${scenario}`));
  if (!rec) throw new Error(`no record for ${scenario}`);
  return fixFacts({
    observed: rec.observed,
    diagnosis: diagnose(rec.observed),
    siblings: withSiblings ? records.map((r) => r.observed) : [],
    source: sourceFor(rec.callSite, (url) => textOf(c, url)),
  });
}

type Want = { allow: boolean; basis: 'evidence' | 'assumed'; signal: RegExp };
const COOKIE: Want = { allow: true, basis: 'evidence', signal: /^the request carried a Cookie$/ };
const site = (re: string, allow = true): Want => ({
  allow,
  basis: 'evidence',
  signal: new RegExp(`^the call site (calls|clients|app\\.min)\\.js:\\d+ \`${re}\`$`),
});
const SCRIPT: Want = {
  allow: true,
  basis: 'evidence',
  signal: /^the page's script (calls|clients|app\.min)\.js:\d+ `/,
};

// Each scenario alone (no other request of the page), so that each signal is seen deciding.
const WANT: Record<string, Want> = {
  'fetch-include': COOKIE,
  'fetch-omit': site(`credentials: ?["']omit["']`, false),
  'fetch-same-origin': site(`credentials: ?["']same-origin["']`, false),
  // No options at the call: the script's nearest 'include' (an unrelated 'omit' would never count).
  'fetch-default': SCRIPT,
  // The seed: the preflight failed, nothing carried a cookie; the call's own options decide.
  'post-json-include': site(`credentials: ?["']include["']`),
  'xhr-with-credentials': COOKIE,
  'xhr-plain': SCRIPT,
  'read-header': COOKIE,
  'axios-with-credentials': COOKIE,
  // Through a library: the top frame is ky's or ofetch's own fetch(); the app's frame below it has the options.
  'ky-include': site(`credentials: ?["']include["']`),
  'ofetch-include': site(`credentials: ?["']include["']`),
  // The OpenAI SDK takes them once, in the client's constructor (fetchOptions), not at the call.
  'openai-include': SCRIPT,
};

describe.each(VARIANTS)('inference on real Chromium captures, %s build', (variant) => {
  const c = CAPTURED[variant];

  it.each(Object.entries(WANT))('%s: credentials from the deciding signal', (scenario, want) => {
    const f = factsOf(c, scenario);
    expect({ allow: f.credentials.allow, basis: f.credentials.basis }).toEqual({
      allow: want.allow,
      basis: want.basis,
    });
    expect(f.credentials.signal).toMatch(want.signal);
  });

  it("the header the page reads: from its script's .headers.get(), and the blocked response's own x- header", () => {
    const f = factsOf(c, 'read-header');
    expect(f.reads.names).toEqual(['x-request-id']);
    expect(f.reads.signal).toMatch(/reads x-request-id; the response carries x-request-id$/);
    // The seed's POST never got a response: only the script says what the page reads.
    expect(factsOf(c, 'post-json-include').reads.signal).toMatch(/^(calls|app\.min)\.js reads x-request-id$/);
  });

  it("a library's reads of its own headers are not the page's (ky's accept, the OpenAI SDK's x-should-retry)", () => {
    for (const s of ['ky-include', 'ofetch-include', 'openai-include'])
      expect(factsOf(c, s).reads.names, s).toEqual(['x-request-id']);
  });

  it("with the page's other requests: a call that says nothing takes another request's Cookie to the same API", () => {
    const f = factsOf(c, 'fetch-default', true);
    expect(f.credentials).toMatchObject({ allow: true, basis: 'evidence' });
    expect(f.credentials.signal).toBe('another request of this page to the API carried a Cookie');
    // The call's own options still beat the siblings.
    expect(factsOf(c, 'fetch-omit', true).credentials.allow).toBe(false);
  });

  it('what DevTools records of the destinations it does not turn into records: EventSource, a crossorigin script', () => {
    const byScenario = (s: string) => entries(c).find((e) => e.request.url.endsWith(`?s=${s}`));
    const es = byScenario('eventsource-with-credentials');
    const script = byScenario('script-use-credentials');
    expect(es?._resourceType).toBe('eventsource');
    expect(script?._resourceType).toBe('script');
    for (const e of [es, script])
      expect(e?.request.headers?.some((h) => h.name.toLowerCase() === 'cookie')).toBe(true);
    // The script element's call site says use-credentials (`script.crossOrigin = 'use-credentials'`).
    const at = callSiteOf(script?._initiator?.stack);
    const text = at ? textOf(c, at.url) : null;
    expect(text && at ? scanSource(text, at).credentials?.value : null).toBe('include');
    // The document's <img crossorigin="use-credentials">, as DevTools gives the document's text.
    const doc = Object.entries(c.sources).find(([u]) => u.includes(`/${variant}.html`))?.[1] ?? '';
    expect(scanSource(doc, null).credentials).toMatchObject({ value: 'include' });
  });
});

describe('the captured fixtures are what the committed app builds to', () => {
  it('the page sources DevTools gave are the app modules, the minified bundle and the vendor builds', () => {
    const dev = CAPTURED.dev.sources;
    for (const m of ['main.js', 'calls.js', 'clients.js'])
      expect(dev[`http://localhost:3000/app/${m}`], m).toBe(appModule(m));
    expect(CAPTURED.build.sources['http://localhost:3000/build/app.min.js']).toBe(appBundle());
    expect(appBundle().split('\n').length).toBeLessThan(4); // really minified
    for (const v of VARIANTS)
      for (const l of LIBRARIES)
        expect(textOf(CAPTURED[v], `http://localhost:3000/vendor/${l}.js`)).not.toBe('');
  });

  it('come from real Chromium with DevTools open (its version is recorded)', () => {
    for (const v of VARIANTS) {
      expect(CAPTURED[v].chromium).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect((CAPTURED[v].har.log as { creator?: { name?: string } }).creator?.name).toBe('WebInspector');
    }
  });
});
