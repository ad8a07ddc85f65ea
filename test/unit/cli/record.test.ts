// `cors-lens record`, end to end: the real CLI (bin/cors-lens.mjs) launches Chromium with the built extension on a
// page whose fetches fail on load. The report is schema-valid, and each cause is Chrome's own measured verdict for
// that scenario (scenarios.ts), i.e. what the panel shows for the same records. Needs Chromium (scripts/ensure-chromium).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeFacts } from '../../../src/engine/chrome-versions.ts';
import { REPORT_SCHEMA, type CorsReport } from '../../../src/report/index.ts';
import { startFixtureServers, type FixtureServers } from '../../fixtures/cors-server.ts';
import { scenario } from '../../fixtures/scenarios.ts';
import { close, listen, runBin } from './helpers.ts';

// Scenarios whose answer does not name the fixture page origin (this test serves its own page on another port).
const FAILING = [
  'missing-acao',
  'wildcard-credentials',
  'preflight-405',
  'invalid-acao',
  'preflight-wildcard-credentials',
];
const PASSING = ['ok-wildcard'];

let fx: FixtureServers;
let page: http.Server;
let origin = '';
let dir = '';

function fetchesOnLoad(ids: string[]): string {
  const calls = ids.map((id) => {
    const r = scenario(id).request;
    const init = {
      method: r.method,
      headers: r.headers ?? {},
      credentials: r.credentials ?? 'same-origin',
      ...(r.body ? { body: r.body } : {}),
    };
    return `fetch(${JSON.stringify(fx.urlOf(id))}, ${JSON.stringify(init)}).catch(() => {});`;
  });
  return `<!doctype html><title>app</title><script>${calls.join('\n')}</script>`;
}

beforeAll(async () => {
  fx = await startFixtureServers();
  page = http.createServer((req, res) => {
    if (req.url === '/scheme') {
      // A CORS redirect (allowed: `*`) to ftp:, whose console line lists the schemes this version supports.
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(
        `<script>fetch(${JSON.stringify(`${origin.replace('localhost', '127.0.0.1')}/to-ftp`)}).catch(() => {})</script>`,
      );
    }
    if (req.url === '/to-ftp') {
      res.writeHead(302, { 'access-control-allow-origin': '*', location: 'ftp://127.0.0.1:1/x' });
      return res.end();
    }
    const ids = req.url === '/ok' ? PASSING : req.url?.startsWith('/') ? [...FAILING, ...PASSING] : null;
    res.writeHead(ids ? 200 : 404, { 'content-type': 'text/html' });
    // /polling never lets the network go idle: it fetches the allowed route every 200 ms.
    const poll =
      req.url === '/polling'
        ? `<script>setInterval(() => fetch(${JSON.stringify(fx.urlOf('ok-wildcard'))}), 200)</script>`
        : '';
    res.end(ids ? fetchesOnLoad(ids) + poll : '');
  });
  const port = await listen(page);
  origin = `http://localhost:${port}`;
  dir = mkdtempSync(join(tmpdir(), 'cors-lens-record-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await close(page);
  await fx.close();
});

describe('cors-lens record', { timeout: 120_000 }, () => {
  it('a page with failing fetches: exit 1, a schema-valid report, Chrome’s causes', async () => {
    const out = join(dir, 'report.json');
    const r = await runBin(['record', `${origin}/`, '--wait', '500', '--json', '--out', out]);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as CorsReport;
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(REPORT_SCHEMA);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ source: 'cli', pageUrl: `${origin}/`, redacted: true });
    expect(report.browser).toMatch(/^Chromium \d+$/);

    const byUrl = new Map(report.failures.map((f) => [f.request.url, f]));
    for (const id of FAILING) {
      const f = byUrl.get(fx.urlOf(id));
      expect(f, id).toBeDefined();
      expect([f?.verdict, f?.corsError, f?.request.origin], id).toEqual([
        'blocked',
        scenario(id).expect.corsError,
        origin,
      ]);
    }
    expect(byUrl.has(fx.urlOf('ok-wildcard'))).toBe(false);
    expect(report.failures).toHaveLength(FAILING.length);
    // The summary on stdout names every failure.
    expect(r.out).toContain(`${FAILING.length} CORS failures on ${origin}/`);
  });

  it('the recorded report replays as a regression test (still failing: exit 1)', async () => {
    const r = await runBin(['replay', join(dir, 'report.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${FAILING.length} replayed: 0 pass, ${FAILING.length} fail`);
  });

  it('the console line is the running Chromium’s wording (the redirect to ftp: lists its schemes)', async () => {
    const out = join(dir, 'scheme.json');
    const r = await runBin(['record', `${origin}/scheme`, '--wait', '300', '--json', '--out', out]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as CorsReport;
    // The version is the browser's own (its user agent, in the report); the schemes are what that version prints
    // (docs/engine.md "Chrome versions": 146–150 do not list chrome-experimental-site-token-provider, 151+ do).
    const major = Number(/^Chromium (\d+)$/.exec(report.browser ?? '')?.[1]);
    const [f] = report.failures;
    expect(f?.corsError).toBe('CorsDisabledScheme');
    expect(f?.consoleMessage).toContain(
      `Cross origin requests are only supported for protocol schemes: ${chromeFacts(major).corsSchemes}.`,
    );
    expect(f?.consoleMessage?.includes('chrome-experimental-site-token-provider')).toBe(major >= 151);
  });

  it('a page without CORS failures: exit 0', async () => {
    const r = await runBin(['record', `${origin}/ok`, '--wait', '300']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`No CORS failures on ${origin}/ok\n`);
  });

  it('an --out that cannot be written: exit 2 and one line', async () => {
    const r = await runBin([
      'record',
      `${origin}/ok`,
      '--wait',
      '0',
      '--out',
      join(dir, 'missing', 'r.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').at(-1)).toBe(
      `cors-lens: cannot write ${join(dir, 'missing', 'r.json')}: ENOENT`,
    );
  });

  it('--md prints the Markdown report; a page that never goes idle is still recorded', async () => {
    // A page that never goes idle must not hang `record`: the suite's timeout is the bound (a wall-clock
    // assertion here failed on a loaded 2-core machine without any defect).
    const r = await runBin(['record', `${origin}/polling`, '--wait', '300', '--md']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^# /);
    for (const id of FAILING) expect(r.out).toContain(fx.urlOf(id));
  });

  it('no usable Chromium: exit 2 and one line', async () => {
    const r = await runBin(['record', `${origin}/`], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').at(-1)).toBe(
      'cors-lens: CHROMIUM_PATH=/nonexistent/chromium does not exist',
    );
  });

  it('a page that cannot be loaded: exit 2 and one line', async () => {
    const r = await runBin(['record', `http://127.0.0.1:${fx.closedPort}/`, '--timeout', '5000']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').at(-1)).toMatch(
      /^cors-lens: cannot load http:\/\/127\.0\.0\.1:\d+\/: net::ERR_CONNECTION_REFUSED/,
    );
  });
});
