// `cors-lens replay`: an exported report's failures become checks against today's server: they fail before the
// server is fixed and pass after. Reports of another schema, or not reports at all, end in exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/index.ts';
import type { Observed } from '../../../src/engine/types.ts';
import { buildReport } from '../../../src/report/index.ts';
import type { ExchangeRecord } from '../../../src/shared/model.ts';
import { cli, close, listen } from './helpers.ts';

const PAGE = 'http://localhost:5173';
let fixed = false;
let api = '';
let dir = '';
const seen: http.IncomingHttpHeaders[] = [];
const server = http.createServer((req, res) => {
  seen.push({ method: req.method, ...req.headers });
  const cors = fixed ? { 'access-control-allow-origin': PAGE, vary: 'Origin' } : {};
  if (req.method === 'OPTIONS') {
    res.writeHead(
      fixed ? 204 : 404,
      fixed
        ? { ...cors, 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'x-token' }
        : {},
    );
  } else res.writeHead(200, { 'content-type': 'application/json', 'x-powered-by': 'Express', ...cors });
  res.end('{}');
});

/** A record as the service worker stores it, from what the browser saw. */
function record(id: string, o: Observed): ExchangeRecord {
  return {
    id,
    tabId: 1,
    frameId: 0,
    startedAt: Date.UTC(2026, 10, 29),
    done: true,
    observed: o,
    callSite: null,
    pageError: null,
  };
}

function writeReport(name: string, doc: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
}

let reportFile = '';
beforeAll(async () => {
  const apiPort = await listen(server);
  api = `http://127.0.0.1:${apiPort}`;
  dir = mkdtempSync(join(tmpdir(), 'cors-lens-replay-'));
  const get: Observed = {
    pageOrigin: PAGE,
    method: 'GET',
    url: `${api}/items`,
    requestHeaders: { accept: '*/*', 'user-agent': 'Chrome', 'sec-fetch-mode': 'cors' },
    hops: [
      {
        url: `${api}/items`,
        method: 'GET',
        requestHeaders: { origin: PAGE },
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
      },
    ],
    netError: 'net::ERR_FAILED',
  };
  const put: Observed = {
    pageOrigin: PAGE,
    method: 'PUT',
    url: `${api}/items/1`,
    // The preflight failed, so the actual request (and its headers) never went out: only the preflight names them.
    preflight: {
      url: `${api}/items/1`,
      method: 'OPTIONS',
      requestHeaders: {
        origin: PAGE,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-token',
      },
      status: 404,
      responseHeaders: {},
    },
    hops: [],
    netError: 'net::ERR_FAILED',
  };
  const report = buildReport([record('wr-1', get), record('wr-2', put)], {
    diagnose,
    meta: {
      generatedAt: '2026-11-29T12:00:00.000Z',
      generator: { name: 'cors-lens', version: '0.1.0' },
      source: 'panel',
      pageUrl: `${PAGE}/`,
    },
  });
  expect(report.failures).toHaveLength(2);
  reportFile = writeReport('report.json', report);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await close(server);
});

describe('cors-lens replay', () => {
  it('fails before the server fix (exit 1), passes after (exit 0)', async () => {
    fixed = false;
    const before = await cli(['replay', reportFile]);
    expect(before.code).toBe(1);
    expect(before.out).toContain(`FAIL  GET ${api}/items from ${PAGE}`);
    expect(before.out).toContain(`FAIL  PUT ${api}/items/1 from ${PAGE}`);
    expect(before.out).toContain('2 replayed: 0 pass, 2 fail');

    fixed = true;
    const after = await cli(['replay', reportFile]);
    expect(after.code).toBe(0);
    expect(after.out).toContain(
      `PASS  GET ${api}/items from ${PAGE}\n      was MissingAllowOriginHeader, now allowed`,
    );
    expect(after.out).toContain('2 replayed: 2 pass, 0 fail');
  });

  it('reproduces the preflight of a request whose headers were never seen', async () => {
    fixed = false;
    seen.length = 0;
    await cli(['replay', reportFile]);
    expect(seen.filter((h) => h.method === 'OPTIONS')).toEqual([
      expect.objectContaining({
        origin: PAGE,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-token',
      }),
    ]);
  });

  it('--json lists each replayed failure with its new diagnosis', async () => {
    fixed = false;
    const r = await cli(['replay', reportFile, '--json']);
    const doc = JSON.parse(r.out) as {
      replayed: number;
      failing: number;
      results: { id: string; was: string; blocked: boolean }[];
    };
    expect(r.code).toBe(1);
    expect(doc).toMatchObject({ replayed: 2, failing: 2 });
    expect(doc.results.map((x) => [x.id, x.blocked])).toEqual([
      ['wr-1', true],
      ['wr-2', true],
    ]);
  });

  it('several reports replay together; a bad one stops before any request', async () => {
    fixed = true;
    const two = await cli(['replay', reportFile, reportFile]);
    expect(two.code).toBe(0);
    expect(two.out).toContain('4 replayed: 4 pass, 0 fail');
    seen.length = 0;
    const bad = await cli([
      'replay',
      reportFile,
      writeReport('v2.json', { schemaVersion: '2.1.0', failures: [] }),
    ]);
    expect(bad.code).toBe(2);
    expect(seen).toEqual([]);
  });

  it('a report without failures passes', async () => {
    const r = await cli(['replay', writeReport('empty.json', { schemaVersion: '1.0.0', failures: [] })]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('0 replayed: 0 pass, 0 fail');
  });

  it('an unreachable server is an error for that failure and exit 2', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await close(closed);
    const moved = readFileSync(reportFile, 'utf8').replaceAll(api, `http://127.0.0.1:${port}`);
    const r = await cli(['replay', writeReport('moved.json', moved)]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      `ERROR GET http://127.0.0.1:${port}/items from ${PAGE}\n      connection refused by 127.0.0.1:${port}`,
    );
  });

  it('a bad entry is reported and the others still replay (exit 2)', async () => {
    fixed = true;
    seen.length = 0;
    const doc = JSON.parse(readFileSync(reportFile, 'utf8')) as { failures: Record<string, unknown>[] };
    const [good] = doc.failures as [{ request: Record<string, unknown> }];
    doc.failures = [
      { ...good, request: { ...good.request, method: 'GE T' } },
      { verdict: 'blocked', request: 'nope' },
      good,
      { ...good, request: { ...good.request, headers: { 'x-a': 'one\r\nInjected: yes' } } },
    ];
    const file = writeReport('mixed.json', doc);
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`PASS  GET ${api}/items from ${PAGE}`);
    expect(r.out).toContain(
      `ERROR ${file} failures[0]\n      has a method that is not an HTTP token: "GE T"`,
    );
    expect(r.out).toContain(`ERROR ${file} failures[1]\n      has no request url, method and origin`);
    expect(r.out).toContain(
      `ERROR ${file} failures[3]\n      has a request header that cannot be sent: "x-a"`,
    );
    expect(r.out).toContain('4 replayed: 1 pass, 0 fail, 3 error');
    expect(r.err.trim().split('\n')).toHaveLength(3);
    expect(seen.map((h) => h.method)).toEqual(['GET']);
    const json = JSON.parse((await cli(['replay', file, '--json'])).out) as { errors: number };
    expect(json.errors).toBe(3);
  });

  it.each([
    [
      'other-schema.json',
      { schemaVersion: '2.0.0', failures: [] },
      /has report schema 2\.0\.0; this cors-lens reads 1\.x/,
    ],
    ['not-json.json', '{ nope', /is not JSON/],
    ['not-report.json', { hello: 'world' }, /is not a CORS Lens report/],
    [
      'bad-failure.json',
      { schemaVersion: '1.0.0', failures: [{ request: { url: 1 } }] },
      /failures\[0\] has no request url, method and origin/,
    ],
    [
      'bad-url.json',
      {
        schemaVersion: '1.0.0',
        failures: [
          {
            request: { url: 'file:///x', method: 'GET', origin: 'http://b.test', headers: {} },
            timeline: [],
          },
        ],
      },
      /failures\[0\] has a request url or origin that is not an http\(s\) URL/,
    ],
    [
      'no-timeline.json',
      {
        schemaVersion: '1.0.0',
        failures: [
          { request: { url: 'http://a.test/', method: 'GET', origin: 'http://b.test', headers: {} } },
        ],
      },
      /failures\[0\] has no request headers or timeline/,
    ],
  ])('%s: one line, exit 2', async (name, doc, message) => {
    const r = await cli(['replay', writeReport(name, doc)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a missing file: exit 2', async () => {
    const r = await cli(['replay', join(dir, 'nope.json')]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^cors-lens: cannot read .*nope\.json: ENOENT\n$/);
  });
});
