import { describe, expect, it } from 'vitest';
import { amend, callSiteOf, createHarAssembler, type HarEntryLike } from './har-exchanges.ts';
import { fromDevtools } from '../background/headers.ts';
import { pack, unpack, type HeaderPair } from '../shared/protocol.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';
const T0 = '2026-01-01T00:00:00.000Z';

const entry = (over: Partial<HarEntryLike> = {}): HarEntryLike => ({
  startedDateTime: T0,
  request: { method: 'GET', url: `${API}/a`, headers: [{ name: 'Origin', value: PAGE }] },
  response: { status: 200, _error: 'net::ERR_FAILED', headers: [{ name: 'x', value: '1' }] },
  _resourceType: 'fetch',
  _initiator: {
    type: 'script',
    stack: { callFrames: [{ functionName: 'load', url: `${PAGE}/app.js`, lineNumber: 9, columnNumber: 4 }] },
  },
  ...over,
});

describe('HAR entries to exchanges', () => {
  it('take the call site from the initiator stack, 1-based, following async parents', () => {
    expect(callSiteOf(entry()._initiator?.stack)).toEqual({
      url: `${PAGE}/app.js`,
      line: 10,
      column: 5,
      functionName: 'load',
    });
    expect(
      callSiteOf({ callFrames: [], parent: { callFrames: [{ url: 'http://x/y.js', lineNumber: 0 }] } })?.url,
    ).toBe('http://x/y.js');
    expect(callSiteOf(undefined)).toBeNull();
  });

  it('turn a failed fetch into one exchange with its response, error, origin and call site', () => {
    const x = createHarAssembler(3, 's').add(entry());
    expect(x).toMatchObject({
      tabId: 3,
      key: 's:1',
      kind: 'fetch',
      pageOrigin: PAGE,
      startedAt: Date.parse(T0),
      request: { url: `${API}/a`, method: 'GET' },
      hops: [{ url: `${API}/a`, status: 200, responseHeaders: [{ name: 'x', value: '1' }] }],
      error: 'net::ERR_FAILED',
      callSite: { line: 10 },
    });
  });

  it('keep successes (error null) and XHR; a preflight is no exchange of its own; drop same-origin, no-Origin, no-cors loads and navigations', () => {
    const next = createHarAssembler(3, 's').add;
    expect(next(entry({ response: { status: 200, _error: null } }))?.error).toBeNull();
    expect(next(entry({ response: { status: 200, _error: 'net::ERR_ABORTED' } }))?.error).toBeNull();
    expect(next(entry({ _resourceType: 'xhr' }))?.kind).toBe('xhr');
    const pf = next(
      entry({
        _resourceType: 'preflight',
        request: { method: 'OPTIONS', url: `${API}/a`, headers: [{ name: 'Origin', value: PAGE }] },
      }),
    );
    expect(pf).toBeNull();
    expect(
      next(
        entry({
          request: { method: 'POST', url: `${PAGE}/same`, headers: [{ name: 'Origin', value: PAGE }] },
        }),
      ),
    ).toBeNull();
    expect(next(entry({ request: { method: 'GET', url: `${API}/a`, headers: [] } }))).toBeNull();
    const plainImg = {
      method: 'GET',
      url: `${API}/i.png`,
      headers: [{ name: 'Sec-Fetch-Mode', value: 'no-cors' }],
    };
    expect(next(entry({ _resourceType: 'image', request: plainImg }))).toBeNull();
    expect(next(entry({ _resourceType: 'document' }))).toBeNull();
    expect(next(entry({ startedDateTime: 'not a date' }))).toBeNull();
  });

  it('keep CORS-mode resource loads with their kind: Sec-Fetch-Dest over the resource type (audio vs video)', () => {
    const next = createHarAssembler(3, 's').add;
    const req = (dest: string) => ({
      method: 'GET',
      url: `${API}/${dest}`,
      headers: [
        { name: 'Origin', value: PAGE },
        { name: 'Sec-Fetch-Mode', value: 'cors' },
        { name: 'Sec-Fetch-Dest', value: dest },
      ],
    });
    const kinds = [
      ['font', 'font'],
      ['script', 'script'],
      ['script', 'worker'],
      ['script', 'paintworklet'],
      ['stylesheet', 'style'],
      ['image', 'image'],
      ['media', 'audio'],
      ['media', 'video'],
      ['texttrack', 'track'],
      ['eventsource', 'empty'],
    ].map(([type = '', dest = '']) => next(entry({ _resourceType: type, request: req(dest) }))?.kind);
    expect(kinds).toEqual([
      'font',
      'script',
      'script',
      'script',
      'stylesheet',
      'image',
      'audio',
      'video',
      'track',
      'eventsource',
    ]);
    // Without Sec-Fetch-* (an http URL that is not potentially trustworthy): the type, and Origin for the mode.
    expect(next(entry({ _resourceType: 'media' }))?.kind).toBe('other');
  });

  it('a preflight that got no response has no hop, and a request never sent has none either', () => {
    const next = createHarAssembler(3, 's').add;
    expect(next(entry({ response: { status: 0, _error: 'net::ERR_FAILED' } }))?.hops).toEqual([]);
  });

  it('join redirect hops into one exchange, keeping the first Origin when the next hop is tainted (null)', () => {
    const next = createHarAssembler(3, 's').add;
    const hop1 = entry({
      response: { status: 302, _error: null, redirectURL: 'http://127.0.0.1:9000/b', headers: [] },
    });
    expect(next(hop1)).toBeNull();
    const x = next(
      entry({
        startedDateTime: '2026-01-01T00:00:00.010Z',
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:9000/b',
          headers: [{ name: 'Origin', value: 'null' }],
        },
        _initiator: { type: 'redirect' },
      }),
    );
    expect(x).toMatchObject({
      key: 's:1',
      pageOrigin: PAGE,
      startedAt: Date.parse(T0),
      request: { url: `${API}/a` },
      callSite: { url: `${PAGE}/app.js` },
    });
    expect(x?.hops.map((h) => [h.url, h.status])).toEqual([
      [`${API}/a`, 302],
      ['http://127.0.0.1:9000/b', 200],
    ]);
    // The chain is consumed: an unrelated request to the same URL starts a new exchange.
    expect(
      next(
        entry({
          request: {
            method: 'GET',
            url: 'http://127.0.0.1:9000/b',
            headers: [{ name: 'Origin', value: PAGE }],
          },
        }),
      )?.key,
    ).toBe('s:2');
  });

  it('a redirect refused by CORS (an error on the 3xx itself) ends the exchange there', () => {
    const x = createHarAssembler(3, 's').add(
      entry({ response: { status: 302, _error: 'net::ERR_FAILED', redirectURL: `${API}/b`, headers: [] } }),
    );
    expect(x?.hops.map((h) => h.status)).toEqual([302]);
    expect(x?.error).toBe('net::ERR_FAILED');
  });

  it("links the preflight of the request a chain ended with when the browser preflights at every hop (Firefox), else the first hop's", () => {
    const OTHER = 'http://127.0.0.1:9000';
    const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();
    const preflight = (url: string, ms: number): HarEntryLike =>
      entry({
        startedDateTime: at(ms),
        request: {
          method: 'OPTIONS',
          url,
          headers: [
            { name: 'Origin', value: PAGE },
            { name: 'Access-Control-Request-Method', value: 'PUT' },
          ],
        },
        response: { status: 204, _error: null, headers: [] },
        _resourceType: 'preflight',
      });
    const put = (url: string, ms: number, response: HarEntryLike['response']): HarEntryLike =>
      entry({ startedDateTime: at(ms), request: { method: 'PUT', url, headers: [] }, response });
    // Firefox's order: each request, then its preflight; the second preflight is listed after the request it served.
    const run = (perHop: boolean) => {
      const a = createHarAssembler(
        3,
        's',
        () => PAGE,
        () => perHop,
      );
      return [
        put(`${API}/a`, 0, { status: 307, _error: null, redirectURL: `${OTHER}/b`, headers: [] }),
        preflight(`${API}/a`, 1),
        put(`${OTHER}/b`, 5, { status: 200, _error: null, headers: [] }),
        preflight(`${OTHER}/b`, 6),
      ]
        .map((e) => a.add(e))
        .filter((x) => x !== null)
        .pop();
    };
    expect(run(true)?.preflight?.url).toBe(`${OTHER}/b`);
    expect(run(false)?.preflight?.url).toBe(`${API}/a`);
  });

  it('cap header counts and values, and URL length', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({
      name: `h${String(i)}`,
      value: 'v'.repeat(10_000),
    }));
    const x = createHarAssembler(3, 's').add(
      entry({
        request: {
          method: 'GET',
          url: `${API}/${'p'.repeat(10_000)}`,
          headers: [{ name: 'Origin', value: PAGE }, ...many],
        },
      }),
    );
    expect(x?.request.headers?.length).toBe(100);
    expect(Math.max(...(x?.request.headers ?? []).map((h) => h.value.length))).toBe(2_048);
    expect(x?.request.url.length).toBe(4_096);
  });

  it('header objects DevTools never makes (more fields, a number for a value) reach the worker as name → text', () => {
    const odd = [
      { name: 'Origin', value: PAGE, extra: 'x'.repeat(1_000) },
      { name: 'X-N', value: 7 },
    ] as unknown as HeaderPair[];
    const x = createHarAssembler(3, 's').add(
      entry({ request: { method: 'GET', url: `${API}/a`, headers: odd } }),
    );
    expect(x?.request.headers).toEqual([
      { name: 'Origin', value: PAGE },
      { name: 'X-N', value: '7' },
    ]);
    // What fits is sent as DevTools made it; the worker keeps name and value only.
    const fits = [{ name: 'Origin', value: PAGE, extra: 'x' }] as unknown as HeaderPair[];
    const y = createHarAssembler(3, 's').add(
      entry({ request: { method: 'GET', url: `${API}/b`, headers: fits } }),
    );
    const inWorker = y && fromDevtools(unpack(pack(y)));
    expect({ ...inWorker?.request.headers }).toEqual({ origin: PAGE });
    expect({ ...inWorker?.hops[0]?.requestHeaders }).toEqual({ origin: PAGE });
  });

  it('a redirect target reported before its 3xx is sent at once, then again under its id with the hop in front', () => {
    const next = createHarAssembler(3, 's').add;
    const target = next(
      entry({
        startedDateTime: '2026-01-01T00:00:00.010Z',
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:9000/b',
          headers: [
            { name: 'Origin', value: 'null' },
            { name: 'Referer', value: `${PAGE}/` },
          ],
        },
      }),
    );
    expect(target).toMatchObject({
      key: 's:1',
      pageOrigin: PAGE,
      request: { url: 'http://127.0.0.1:9000/b' },
    });
    const whole = next(
      entry({ response: { status: 302, _error: null, redirectURL: 'http://127.0.0.1:9000/b', headers: [] } }),
    );
    expect(whole).toMatchObject({ key: 's:1', startedAt: Date.parse(T0), request: { url: `${API}/a` } });
    expect(whole?.hops.map((h) => h.status)).toEqual([302, 200]);
  });

  it('amend adds the response DevTools attached after the failure, and nothing when there still is none', () => {
    const x = createHarAssembler(3, 's').add(entry({ response: { status: 0, _error: 'net::ERR_FAILED' } }));
    if (!x) throw new Error('no exchange');
    expect(
      amend(x, entry({ response: { status: 0, _error: 'net::ERR_FAILED' } }), undefined, true),
    ).toBeNull();
    const more = amend(x, entry(), undefined, true);
    expect(more).toMatchObject({ key: x.key });
    expect(more?.hops.map((h) => h.status)).toEqual([200]);
  });

  it('link a preflight to its request whichever DevTools reports first; its late response comes with amend', () => {
    const preflight = (status: number) =>
      entry({
        _resourceType: 'preflight',
        request: {
          method: 'OPTIONS',
          url: `${API}/a`,
          headers: [
            { name: 'Origin', value: PAGE },
            { name: 'Access-Control-Request-Method', value: 'PUT' },
          ],
        },
        response: { status, _error: null, headers: [] },
      });
    const failed = entry({
      startedDateTime: '2026-01-01T00:00:00.001Z',
      request: { method: 'PUT', url: `${API}/a`, headers: [] }, // provisional headers: no Origin
      response: { status: 0, _error: 'net::ERR_FAILED' },
    });
    const first = createHarAssembler(3, 's');
    expect(first.add(preflight(405))).toBeNull();
    expect(first.add(failed)).toMatchObject({ key: 's:1', pageOrigin: PAGE, preflight: { status: 405 } });

    const later = createHarAssembler(3, 't');
    const alone = later.add({
      ...failed,
      request: { ...failed.request, headers: [{ name: 'Origin', value: PAGE }] },
    });
    expect(alone?.preflight).toBeNull();
    const linked = later.add(preflight(0));
    expect(linked).toMatchObject({ key: 't:1', preflight: { status: 0 } });
    if (!linked) throw new Error('not linked');
    expect(later.preflightEntry('t:1')).toBeDefined();
    expect(amend(linked, undefined, preflight(204), false)?.preflight?.status).toBe(204);
  });
});
