// `npm run bench:panel`: the real panel (bench/panel-harness: App + store + engine) in headless Chromium, fed
// 10 000 failed records through an in-page channel. Measures time to first render, the work per scroll step and
// the frame interval while wheel-scrolling (goal ≤ 16 ms), and filter latency (goal ≤ 30 ms), plus the gzip
// sizes of the built panel. Not a timed test: it prints, it does not fail.
import http from 'node:http';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import preact from '@preact/preset-vite';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/launch.ts';
import { benchRecords } from './panel-harness/records.ts';
import { MEASURE_IN_PAGE, WHEEL_FRAMES_IN_PAGE, type PageFigures } from './panel-harness/measure.ts';

const N = 10_000;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const out = mkdtempSync(join(tmpdir(), 'cors-lens-panel-bench-'));
await build({
  configFile: false,
  root: resolve('bench/panel-harness'),
  logLevel: 'warn',
  plugins: [preact()],
  build: { outDir: out, emptyOutDir: true, modulePreload: { polyfill: false } },
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = http.createServer((req, res) => {
  const path = join(
    out,
    (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : ((req.url ?? '').split('?')[0] ?? ''),
  );
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: CHROMIUM_ARGS,
});
const runs: PageFigures[] = [];
try {
  for (let round = 0; round < 3; round++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.waitForFunction(() => 'panelBench' in window);
    await page.evaluate(
      (records) => ((window as unknown as { benchRecords: unknown }).benchRecords = records),
      benchRecords(N),
    );
    runs.push(await page.evaluate<PageFigures>(`(${MEASURE_IN_PAGE})(window.benchRecords)`));
    // A real wheel scroll, so compositing and paint are in the frame interval too.
    await page.mouse.move(300, 300);
    const wheel = page.evaluate<number[]>(WHEEL_FRAMES_IN_PAGE);
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 220);
    const gaps = await wheel;
    const last = runs[runs.length - 1];
    if (last) last.wheelFrameMs = gaps;
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const all = (k: 'scrollStepMs' | 'wheelFrameMs'): number[] => runs.flatMap((r) => r[k]);
const filterKeys = Object.keys(runs[0]?.filterMs ?? {});

const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
say(
  `\nCORS panel, ${N.toLocaleString('en')} failed records, ${runs.length} rounds (median of rounds; headless Chromium, ${cpus().length} cores, load average ${load})\n`,
);
say(`  first rows painted (snapshot received →) ${ms(median(runs.map((r) => r.firstRenderMs)))}`);
say(`  all 10 000 diagnosed and listed           ${ms(median(runs.map((r) => r.allListedMs)))}`);
say(
  `  rows in the DOM                          ${median(runs.map((r) => r.rowsInDom))} of ${median(runs.map((r) => r.rowCount))}`,
);
say(
  `  scroll step work (render + layout)      p50 ${ms(pct(all('scrollStepMs'), 0.5))}  p95 ${ms(pct(all('scrollStepMs'), 0.95))}  max ${ms(Math.max(...all('scrollStepMs')))}   goal ≤ 16 ms`,
);
say(
  `  frame interval while wheel-scrolling     p50 ${ms(pct(all('wheelFrameMs'), 0.5))}  p95 ${ms(pct(all('wheelFrameMs'), 0.95))}  max ${ms(Math.max(...all('wheelFrameMs')))}`,
);
for (const k of filterKeys)
  say(
    `  filter ${JSON.stringify(k).padEnd(33)} ${ms(median(runs.map((r) => r.filterMs[k] ?? NaN)))}   goal ≤ 30 ms`,
  );
say(`  select a row → details + fix rendered    ${ms(median(runs.map((r) => r.selectMs)))}`);

const dist = resolve('dist/assets');
const gz = (f: string): number => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length / 1024;
try {
  const files = readdirSync(dist);
  const pick = (re: RegExp) => files.filter((f) => re.test(f));
  const sum = (fs: string[]) => fs.reduce((a, f) => a + gz(f), 0).toFixed(1);
  say(
    `\n  bundle (dist/, gzip -9): panel entry JS ${sum(pick(/^panel-.*\.js$/))} kB + shared ${sum(pick(/^(browser|limits)-.*\.js$/))} kB, CSS ${sum(pick(/^panel-.*\.css$/))} kB, lazily loaded fixes ${sum(pick(/^fixes-.*\.js$/))} kB`,
  );
} catch {
  say('\n  bundle: run `npm run build` first to see dist/ sizes');
}
rmSync(out, { recursive: true, force: true });
