// A hostile page and server against the built extension in real Chromium, with each capture source: header names
// `constructor`/`__proto__`, a header value and a method built to run a command if a copied cURL interpolated them,
// a 64 KiB response header, and 10,000 forged page-error messages (relayed to the worker with "Record all tabs").
// Every real failure must still be diagnosed in the panel and in the exported report, the copied cURL run by bash
// must hand `curl` exactly the intended argv and run nothing else, and the worker's heap must stay bounded.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type CDPSession, type Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { poll } from '../../src/cli/poll.ts';
import { clickInPanel, exportedJson, openCorsPanel, type DevToolsPanel } from '../support/devtools.ts';
import { closeServer, startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import { schemaErrors } from './panel-helpers.ts';

/** Token characters only (fetch accepts it), yet `touch$IFS'CANARY'` in backticks runs `touch CANARY` if unquoted. */
const METHOD = "X`touch$IFS'CANARY'`|&$HOME";
const VALUE = '\'$(touch CANARY)\' `touch CANARY`\t"$HOME" ; touch CANARY';
/** As name/value pairs: an object literal's `__proto__` key would set its prototype instead of a header. */
const HEADERS: [string, string][] = [
  ['constructor', VALUE],
  ['__proto__', 'p'],
  ['x-hostile', VALUE],
];
/** CORS-safelisted for `accept` (no "():<>?@[\\]{} or controls but tab), so /big stays a simple request whose
 * headers are sent and captured, yet it holds quotes, backticks, `;`, `|`, `&` and `$`. */
const ACCEPT = "x'`touch CANARY`';touch CANARY|$HOME&\tz";
const BIG = 'b'.repeat(64 * 1024);
const FORGED = 'FORGED-PAGE-TEXT';
const FORGED_COUNT = 10_000;
const HEAP_BOUND = 64 * 1024 * 1024;

/** The failures the page makes, with the CorsError Chrome reports for each. */
const FAILURES = [
  {
    path: '/headers',
    init: { method: 'GET', headers: HEADERS },
    corsError: 'HeaderDisallowedByPreflightResponse',
  },
  { path: '/method', init: { method: METHOD }, corsError: 'MethodDisallowedByPreflightResponse' },
  {
    path: '/big',
    init: { method: 'GET', headers: [['accept', ACCEPT]] },
    corsError: 'MissingAllowOriginHeader',
  },
];

let servers: FixtureServers;
let api: http.Server;
let apiOrigin: string;
let browser: Launched;
let page: Page;
let panel: DevToolsPanel;

/** Preflights allow only GET and no request headers; /big answers without Access-Control-Allow-Origin but with a
 * 64 KiB header and headers named `Constructor` and `__proto__`. */
function hostileApi(pageOrigin: string): http.Server {
  return http.createServer((req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': pageOrigin,
        'access-control-allow-methods': 'GET',
      });
    } else {
      res.setHeader('x-big', BIG);
      res.setHeader('Constructor', 'c');
      res.setHeader('__proto__', 'p');
      res.writeHead(200, { 'content-type': 'text/plain' });
    }
    res.end();
  });
}

/** A non-flat CDP session on the extension's service worker: Runtime.getHeapUsage after a full GC. */
async function workerHeap(cdp: CDPSession, extensionId: string): Promise<{ used: number; total: number }> {
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] })) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const sw = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!sw) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  let next = 1;
  const call = (method: string): Promise<Record<string, number>> =>
    new Promise((resolve) => {
      const id = next++;
      const on = (ev: { sessionId: string; message: string }) => {
        const m = JSON.parse(ev.message) as { id?: number; result?: Record<string, number> };
        if (ev.sessionId !== sessionId || m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', on);
        resolve(m.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', on);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  await call('HeapProfiler.collectGarbage');
  const r = await call('Runtime.getHeapUsage');
  await cdp.send('Target.detachFromTarget', { sessionId });
  return { used: r.usedSize ?? NaN, total: r.totalSize ?? NaN };
}

const selectRow = (path: string) =>
  panel.evaluate(`(() => {
    const row = [...document.querySelectorAll('[data-testid="row"]')].find((r) => r.querySelector('.url').textContent.endsWith(${JSON.stringify(path)}));
    row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    return true;
  })()`);

/** Runs the clipboard's cURL with bash, `curl` replaced by a stub that writes each invocation's argv NUL-separated. */
function runCopiedCurl(script: string): { argvs: string[][]; canary: boolean; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-curl-'));
  const bin = join(dir, 'bin');
  execFileSync('mkdir', [bin]);
  writeFileSync(
    join(bin, 'curl'),
    '#!/bin/bash\nn=$(ls "$ARGV_DIR" | wc -l)\nprintf \'%s\\0\' "$@" > "$ARGV_DIR/$n"\n',
  );
  chmodSync(join(bin, 'curl'), 0o755);
  const out = join(dir, 'argv');
  execFileSync('mkdir', [out]);
  const run = spawnSync('bash', ['-c', script], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ARGV_DIR: out, HOME: dir },
    encoding: 'utf8',
  });
  const files = readdirSync(out).sort((a, b) => Number(a) - Number(b));
  return {
    argvs: files.map((f) => readFileSync(join(out, f), 'utf8').split('\0').slice(0, -1)),
    canary: existsSync(join(dir, 'CANARY')) || existsSync(join(bin, 'CANARY')),
    stderr: run.status === 0 ? '' : `exit ${String(run.status)}: ${run.stderr}`,
  };
}

/** Besides the page's own headers, only plain headers Chrome added (no quote, backtick or `$`) reach curl. */
function expectOnlyBrowserHeaders(args: string[], own: [string, string][]): void {
  const mine = new Set(own.map(([n, v]) => `${n}: ${v}`));
  const added = args.filter((h) => !mine.has(h));
  expect(
    added.every((h) => /^[a-z-]+: [^'`$]*$/.test(h)),
    added.join('\n'),
  ).toBe(true);
}

/** Prints a measured figure and attaches it to the test's annotations (the list reporter shows stdout). */
function note(type: string, description: string): void {
  test.info().annotations.push({ type, description });
  process.stdout.write(`${type}: ${description}\n`);
}

/** The -H values of one argv (after `-i -X METHOD URL`), which must alternate `-H value`. */
function headerArgs(argv: string[]): string[] {
  const rest = argv.slice(4);
  expect(rest.filter((_, i) => i % 2 === 0).every((a) => a === '-H')).toBe(true);
  return rest.filter((_, i) => i % 2 === 1);
}

// Both capture sources: DevTools' log (the default; no page script but the DevTools hook) and "Record all tabs"
// (webRequest, with the page's postMessage relay live).
for (const allTabs of [false, true])
  test.describe(allTabs ? 'Record all tabs' : "DevTools' log", () => {
    test.beforeAll(async () => {
      servers = await startFixtureServers();
      api = hostileApi(servers.pageOrigin);
      await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
      apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
      browser = await launchWithExtension({ allTabs: allTabs });
      page = await browser.context.newPage();
      await page.goto(`${servers.pageOrigin}/`);
      panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
    });

    test.afterAll(async () => {
      await browser.close();
      await closeServer(api);
      await servers.close();
    });

    test('failures diagnosed, report intact, cURL inert, worker heap bounded', async () => {
      // Nothing asserted here depends on the version; it is printed with the heap figure it was measured on.
      note('chromium', browser.context.browser()?.version() ?? '?');
      for (const f of FAILURES) {
        const r = await page.evaluate(
          ([u, i]) =>
            (
              window as unknown as { corsLensRun: (u: string, i: object) => Promise<{ ok: boolean }> }
            ).corsLensRun(u, i),
          [`${apiOrigin}${f.path}`, f.init] as const,
        );
        expect(r.ok, f.path).toBe(false);
      }
      // 10,000 forged page-error messages, shaped like the hook's, with the page's own text after the browser's; then
      // a sentinel: when it arrives, every message before it has been through the relay's listener.
      await page.evaluate(
        ([n, text]) =>
          new Promise<void>((resolve) => {
            for (let i = 0; i < n; i++) {
              // Odd ones carry the page's own text after Chrome's; even ones are exact copies of Chrome's error.
              const message = `TypeError: Failed to fetch${i % 2 ? ` ${text}-${String(i)}` : ''}`;
              window.postMessage(
                {
                  channel: 'cors-lens:page-error',
                  message,
                  stack: `${message}\n    at x (y.js:1:1)`,
                  url: null,
                },
                '*',
              );
            }
            addEventListener('message', (e) => {
              if (e.data === 'sentinel') resolve();
            });
            window.postMessage('sentinel', '*');
          }),
        [FORGED_COUNT, FORGED] as const,
      );

      await panel.waitFor(
        `[...document.querySelectorAll('[data-testid="row"] .url')].map((u) => u.textContent).filter((t) => ${JSON.stringify(FAILURES.map((f) => f.path))}.some((p) => t.endsWith(p))).length === ${FAILURES.length}`,
        20_000,
      );

      // (d) the worker's heap after the burst, after a full GC.
      const heap = await workerHeap(panel.browserSession, browser.extensionId ?? '');
      note(
        'worker heap',
        `after ${FORGED_COUNT} forged messages: used ${(heap.used / 1048576).toFixed(1)} MB, total ${(heap.total / 1048576).toFixed(1)} MB (bound ${HEAP_BOUND / 1048576} MB)`,
      );
      expect(heap.used).toBeLessThan(HEAP_BOUND);

      // (a) each real failure is diagnosed with Chrome's CorsError, and no forged text reached the panel.
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: servers.pageOrigin,
      });
      const copied = new Map<string, string>();
      for (const f of FAILURES) {
        await selectRow(f.path);
        await panel.waitFor(
          `document.querySelector('[data-testid="details"]')?.textContent.includes(${JSON.stringify(f.corsError)}) && document.querySelector('.fix details.curl')?.textContent.includes(${JSON.stringify(f.path)})`,
        );
        expect(await panel.evaluate<string>('document.body.textContent'), f.path).not.toContain(FORGED);
        await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="copy-curl"]');
        await panel.waitFor(`document.querySelector('.fix [role="status"]').textContent === 'cURL copied'`);
        // The clipboard holds what the panel shows once the copy resolved (the status can still be the previous
        // row's, and a read needs the page focused): poll the read until it matches.
        const shown = await panel.evaluate<string>(
          `document.querySelector('.fix details.curl pre.code').textContent`,
        );
        expect(shown, f.path).toContain(`${apiOrigin}${f.path}`);
        await page.bringToFront();
        copied.set(
          f.path,
          await poll(
            async () => {
              const text = await page.evaluate(() => navigator.clipboard.readText());
              return text === shown ? text : null;
            },
            10_000,
            `the copied cURL of ${f.path}`,
          ),
        );
      }

      // (b) the exported JSON parses, is schema-valid and carries each failure with its CorsError.
      const json = await exportedJson(panel);
      const report = JSON.parse(json) as {
        failures: { corsError: string | null; request: { url: string; method: string } }[];
      };
      expect(schemaErrors(report)).toBeNull();
      for (const f of FAILURES) {
        const mine = report.failures.filter((x) => x.request.url === `${apiOrigin}${f.path}`);
        expect(
          mine.map((x) => [x.request.method, x.corsError]),
          f.path,
        ).toEqual([[f.init.method, f.corsError]]);
      }
      expect(json).not.toContain(FORGED);

      // (c) the copied cURL, run by bash: curl gets exactly the intended argv and the canary is never created.
      const origin = `origin: ${servers.pageOrigin}`;
      const headers = runCopiedCurl(copied.get('/headers') ?? '');
      expect(headers.canary).toBe(false);
      expect(headers.stderr).toBe('');
      const [hPre, hReq] = headers.argvs;
      expect(headers.argvs).toHaveLength(2);
      expect(hPre?.slice(0, 4)).toEqual(['-i', '-X', 'OPTIONS', `${apiOrigin}/headers`]);
      expect(headerArgs(hPre ?? [])).toEqual([
        origin,
        'access-control-request-method: GET',
        'access-control-request-headers: __proto__,constructor,x-hostile',
      ]);
      expect(hReq?.slice(0, 4)).toEqual(['-i', '-X', 'GET', `${apiOrigin}/headers`]);
      const sent = headerArgs(hReq ?? []);
      expect(sent[0]).toBe(origin);
      for (const [n, v] of HEADERS)
        expect(
          sent.filter((h) => h === `${n}: ${v}`),
          n,
        ).toHaveLength(1);
      expectOnlyBrowserHeaders(sent.slice(1), HEADERS);

      const method = runCopiedCurl(copied.get('/method') ?? '');
      expect(method.canary).toBe(false);
      expect(method.stderr).toBe('');
      expect(method.argvs).toHaveLength(2);
      expect(method.argvs[0]?.slice(0, 4)).toEqual(['-i', '-X', 'OPTIONS', `${apiOrigin}/method`]);
      expect(headerArgs(method.argvs[0] ?? [])).toEqual([origin, `access-control-request-method: ${METHOD}`]);
      expect(method.argvs[1]?.slice(0, 4)).toEqual(['-i', '-X', METHOD, `${apiOrigin}/method`]);
      expect(headerArgs(method.argvs[1] ?? [])[0]).toBe(origin);

      const big = runCopiedCurl(copied.get('/big') ?? '');
      expect(big.canary).toBe(false);
      expect(big.stderr).toBe('');
      expect(big.argvs).toHaveLength(1);
      expect(big.argvs[0]?.slice(0, 4)).toEqual(['-i', '-X', 'GET', `${apiOrigin}/big`]);
      const bigHeaders = headerArgs(big.argvs[0] ?? []);
      expect(bigHeaders[0]).toBe(origin);
      expect(bigHeaders.filter((h) => h === `accept: ${ACCEPT}`)).toHaveLength(1);
      expectOnlyBrowserHeaders(bigHeaders.slice(1), [['accept', ACCEPT]]);
    });
  });
