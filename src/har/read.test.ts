// The one HAR reader of the CLI and the panel, on hostile and foreign files: each refusal names what is wrong, and
// what a file carries (script-like strings, `__proto__` keys, huge headers) stays data.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine/index.ts';
import { HAR_API, HAR_PAGE, harEntry, harText } from '../../test/support/har-file.ts';
import { harNotes, readHarChunks } from './read.ts';

async function* chunks(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield await Promise.resolve(text.slice(i, i + size));
}
const read = (text: string) => readHarChunks(chunks(text));

describe('readHarChunks', () => {
  it('reads a Chrome export and a plain one (Firefox) to the same failure; a BOM is allowed', async () => {
    const chrome = await read(harText([harEntry({ path: '/a', chrome: true })], 'WebInspector'));
    const plain = await read(`\uFEFF${harText([harEntry({ path: '/a', status: 0 })])}`);
    for (const r of [chrome, plain]) {
      expect(r.records).toHaveLength(1);
      expect(r.records[0]?.observed.url).toBe(`${HAR_API}/a`);
      expect(r.records[0]?.observed.netError).toBe('net::ERR_FAILED');
    }
    const [first] = chrome.records;
    if (!first) throw new Error('no record');
    expect(diagnose(first.observed).corsError).toBe('MissingAllowOriginHeader');
    expect(plain.creator).toBe('Firefox 153.0');
    expect(plain.pageUrl).toBe('http://localhost:3000/');
    expect(harNotes(plain)).toHaveLength(3); // Firefox profile; unmarked failures; credentials unknown
    expect(plain.profile).toBe('firefox');
    expect(chrome.profile).toBe('chrome');
  });

  it("Firefox's file: the Firefox profile, its own User-Agent left out, credentials-only failures named not reported", async () => {
    const ua = { name: 'User-Agent', value: 'Mozilla/5.0 Firefox/153.0' };
    const r = await read(
      harText([
        harEntry({
          path: '/star',
          requestHeaders: [ua],
          responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
        }),
        harEntry({
          path: '/ok',
          requestHeaders: [ua],
          responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: HAR_PAGE }],
        }),
        harEntry({ path: '/none', requestHeaders: [ua] }),
      ]),
    );
    expect(r.profile).toBe('firefox');
    // Only the one no credentials mode allows is a failure; the browser's own User-Agent does not preflight.
    expect(r.records.filter((x) => x.observed.netError !== null).map((x) => x.observed.url)).toEqual([
      `${HAR_API}/none`,
    ]);
    expect(r.tally.undecided).toBe(2);
    const notes = harNotes(r);
    expect(notes[0]).toContain("engine's Firefox profile");
    expect(notes.find((n) => n.includes('cannot be known from this file'))).toContain(`${HAR_API}/star: `);
    const chrome = await read(harText([harEntry({ path: '/a', chrome: true })], 'WebInspector'));
    expect(harNotes(chrome).some((n) => n.includes('profile'))).toBe(false);
  });

  it.each([
    ['', 'not a HAR file: it is empty'],
    ['hello', 'not a HAR file: it does not start with a JSON object'],
    ['\x89PNG\r\n', 'not a HAR file: it does not start with a JSON object'],
    ['{"foo": [1, 2]}', 'not a HAR file: it has no log.entries array'],
    ['[{"log": {"entries": []}}]', 'not a HAR file: it does not start with a JSON object'],
    [
      harText([harEntry({ path: '/a' })]).slice(0, 120),
      'the HAR file is truncated (its JSON does not close)',
    ],
    [harText([], 'x', '2.0'), 'HAR version "2.0" is not supported (1.2 and 1.1 are)'],
    ['{"log": {"version": "1.2", "entries": [{"request": nope}]}}', 'log.entries[0] is not valid JSON'],
  ])('refuses %j: %s', async (text, message) => {
    await expect(read(text)).rejects.toThrow(message);
  });

  it('keeps hostile strings as data: script-like values, __proto__ keys, a 1 MB header', async () => {
    const script = '<img src=x onerror=alert(1)>';
    const entry = harEntry({
      path: `/${encodeURIComponent(script)}`,
      status: 500,
      requestHeaders: [{ name: '__proto__', value: script }],
      responseHeaders: [
        { name: 'x-huge', value: 'A'.repeat(1024 * 1024) },
        { name: 'constructor', value: '$(touch CANARY)' },
      ],
    });
    const text = harText([entry]).replace('"request":', '"__proto__": {"polluted": true}, "request":');
    const r = await read(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.records).toHaveLength(1);
    const [record] = r.records;
    if (!record) throw new Error('no record');
    expect(JSON.stringify(record).length).toBeLessThan(64 * 1024); // the record budget cut the header
    expect(record.observed.requestHeaders?.__proto__).toBe(script);
    expect(diagnose(record.observed).verdict).not.toBe('allowed');
  });

  it("reads Firefox's order: a blocked request before its preflight, a redirect's hop without headers", async () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const request = harEntry({ path: '/put', method: 'PUT', status: 0, startedDateTime: at(0), time: 0 });
    const preflight = harEntry({
      path: '/put',
      method: 'OPTIONS',
      status: 204,
      startedDateTime: at(90),
      requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'PUT' }],
      responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:3000' }],
    });
    const redirect = harEntry({
      path: '/r',
      status: 302,
      startedDateTime: at(150),
      redirectURL: `${HAR_API}/elsewhere`,
    });
    const hop = harEntry({ path: '/elsewhere', status: 0, startedDateTime: at(200), noHeaders: true });
    const r = await read(harText([request, preflight, redirect, hop]));
    const put = r.records.find((x) => x.observed.method === 'PUT');
    expect(put?.observed.preflight?.status).toBe(204);
    expect(diagnose(put?.observed ?? ({} as never)).corsError).toBe('MethodDisallowedByPreflightResponse');
    const chain = r.records.find((x) => x.observed.url === `${HAR_API}/r`);
    // The hop's entry joins the chain (it has no Origin of its own): one failed record, none for the hop alone.
    expect(chain?.observed.netError).toBe('net::ERR_FAILED');
    expect(r.records.filter((x) => x.observed.url.endsWith('/elsewhere'))).toEqual([]);
  });
});
