// `cors-lens record` on a page whose web font and module script come from another origin without CORS headers
// (the classic CDN failure), beside a fetch(): the real CLI, Chromium with the built extension, loopback servers.
// Each failure is reported with its destination (request.kind), in JSON valid against the schema and in the summary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, type CorsReport } from '../../../src/report/index.ts';
import { close, listen, runBin } from './helpers.ts';

let cdn: http.Server;
let page: http.Server;
let cdnOrigin = '';
let origin = '';
let dir = '';

beforeAll(async () => {
  // The "CDN": serves the files, never a CORS header.
  cdn = http.createServer((req, res) => {
    const type = req.url?.endsWith('.woff2')
      ? 'font/woff2'
      : req.url?.endsWith('.mjs')
        ? 'text/javascript'
        : 'application/json';
    res.writeHead(200, { 'content-type': type });
    res.end(type === 'text/javascript' ? 'export const x = 1;\n' : type === 'application/json' ? '{}' : '');
  });
  cdnOrigin = `http://127.0.0.1:${await listen(cdn)}`;
  page = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>app</title>
<style>@font-face { font-family: Brand; src: url(${cdnOrigin}/fonts/brand.woff2) format("woff2"); } body { font-family: Brand; }</style>
<p>Text in the brand font.</p>
<script type="module" src="${cdnOrigin}/static/app.mjs"></script>
<script>fetch(${JSON.stringify(`${cdnOrigin}/v1/items`)}).catch(() => {});</script>`);
  });
  origin = `http://localhost:${await listen(page)}`;
  dir = mkdtempSync(join(tmpdir(), 'cors-lens-record-kinds-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await close(page);
  await close(cdn);
});

describe('cors-lens record: every destination', { timeout: 120_000 }, () => {
  it('reports the font, the module script and the fetch, each with its kind', async () => {
    const out = join(dir, 'report.json');
    const r = await runBin(['record', `${origin}/`, '--wait', '500', '--out', out]);
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as CorsReport;
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(REPORT_SCHEMA);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const got = report.failures
      .map((f) => [f.request.kind, f.request.url.slice(cdnOrigin.length), f.corsError])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(got).toEqual([
      ['font', '/fonts/brand.woff2', 'MissingAllowOriginHeader'],
      ['script', '/static/app.mjs', 'MissingAllowOriginHeader'],
      // record captures through webRequest, whose type `xmlhttprequest` (Sec-Fetch-Dest: empty) is fetch() and
      // XMLHttpRequest alike: unknown unless another signal tells, never a wrong kind.
      [expect.toBeOneOf(['fetch', null]), '/v1/items', 'MissingAllowOriginHeader'],
    ]);
    expect(r.out).toContain(`BLOCKED  GET ${cdnOrigin}/fonts/brand.woff2  (font)`);
    expect(r.out).toContain(`BLOCKED  GET ${cdnOrigin}/static/app.mjs  (script)`);
  });
});
