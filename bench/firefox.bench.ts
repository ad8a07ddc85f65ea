// What Firefox's webRequest costs the page, measured the way bench/overhead.bench.ts measures Chromium: the time the
// fixture page takes for N cross-origin fetches (CORS-correct, loopback), in parallel and one after another, in:
//   none        no add-on                          none-again  the same, again: the run's own noise floor
//   floor       a bare add-on holding webRequest with one no-op onBeforeSendHeaders listener (requestHeaders):
//               Firefox's own cost of any webRequest listener, the floor the add-on is measured against
//   addon       the built add-on (dist-firefox/) with "Record all tabs" clicked in its panel, the panel then
//               closed: the add-on's capture (every webRequest listener, the assembler, the judge, the store)
// Configurations alternate within each round (rotating order), each in a fresh headless firefox-esr driven over
// WebDriver BiDi; each session measures BENCH_REPS times and keeps its median. Not in CI: a figure, not a test.
// Usage: npm run bench:firefox   env: BENCH_ROUNDS=5 BENCH_REPS=3 BENCH_REQUESTS=200 FIREFOX_PATH=…
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFirefox } from '../scripts/ensure-firefox.mjs';
import { sleep } from '../src/cli/poll.ts';
import { startFixtureServers } from '../test/fixtures/cors-server.ts';
import { ADDON_ARGS, ADDON_PREFS, openAddon } from '../test/firefox/addon.ts';
import { launchFirefox, type Firefox } from '../test/firefox/firefox.ts';

const CONFIGS = ['none', 'none-again', 'floor', 'addon'] as const;
type Config = (typeof CONFIGS)[number];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const N = Number(process.env.BENCH_REQUESTS ?? 200);

/** The floor add-on, written here: webRequest and host access held from install (MV2 grants them with it), one
 * listener that does nothing, asking for the request headers as the add-on's capture does. */
const FLOOR = mkdtempSync(join(tmpdir(), 'cors-lens-ff-floor-'));
writeFileSync(
  join(FLOOR, 'manifest.json'),
  JSON.stringify({
    manifest_version: 2,
    name: 'webRequest floor',
    version: '1.0',
    browser_specific_settings: { gecko: { id: 'floor@cors-lens.dev' } },
    permissions: ['webRequest', '<all_urls>'],
    background: { scripts: ['bg.js'] },
  }),
);
writeFileSync(
  join(FLOOR, 'bg.js'),
  "browser.webRequest.onBeforeSendHeaders.addListener(() => {}, { urls: ['<all_urls>'] }, ['requestHeaders']);\n",
);

/** The page's time for n fetches of `url` (each a distinct URL, body read), all at once or one by one. */
const workload = (ff: Firefox, url: string, n: number, sequential: boolean): Promise<number> =>
  ff.page.evaluate(
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    async (u, count, seq) => {
      const tag = Math.random().toString(36).slice(2);
      const start = performance.now();
      if (seq)
        for (let i = 0; i < count; i++) await fetch(`${u}?r=${tag}-${String(i)}`).then((r) => r.text());
      else
        await Promise.all(
          Array.from({ length: count }, (_, i) => fetch(`${u}?r=${tag}-${String(i)}`).then((r) => r.text())),
        );
      return performance.now() - start;
    },
    url,
    n,
    sequential,
  );

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

async function session(path: string, config: Config, pageUrl: string): Promise<Firefox> {
  const ff = await launchFirefox(
    path,
    config === 'addon' ? ADDON_PREFS : {},
    config === 'addon' ? ADDON_ARGS : [],
  );
  try {
    await ff.page.goto(pageUrl);
    if (config === 'floor') await ff.browser.installExtension(FLOOR);
    if (config === 'addon') await (await openAddon(ff, pageUrl)).panel.close();
    // The same settling time for every configuration: a background page that just started has work of its own.
    await sleep(1_000);
    return ff;
  } catch (e) {
    await ff.close();
    throw e;
  }
}

async function main(): Promise<void> {
  const path = ensureFirefox();
  if (path === null) throw new Error('no Firefox: install firefox-esr or set FIREFOX_PATH');
  const fx = await startFixtureServers();
  const url = fx.urlOf('ok-simple');
  const times = Object.fromEntries(
    CONFIGS.map((c) => [c, { par: [] as number[], seq: [] as number[] }]),
  ) as Record<Config, { par: number[]; seq: number[] }>;
  const loads: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const config of CONFIGS.map((_, i) => CONFIGS[(i + round) % CONFIGS.length] as Config)) {
        const ff = await session(path, config, `${fx.pageOrigin}/?bench`);
        try {
          await workload(ff, url, N, false); // warm-up: connections, caches, JIT
          const par: number[] = [];
          const seq: number[] = [];
          for (let r = 0; r < REPS; r++) {
            par.push(await workload(ff, url, N, false));
            seq.push(await workload(ff, url, N, true));
          }
          times[config].par.push(median(par));
          times[config].seq.push(median(seq));
        } finally {
          await ff.close();
        }
      }
      loads.push(loadavg()[0] ?? NaN);
      process.stdout.write(`round ${String(round + 1)}/${String(ROUNDS)} done\n`);
    }
  } finally {
    await fx.close();
    rmSync(FLOOR, { recursive: true, force: true });
  }
  const m = (c: Config, k: 'par' | 'seq'): number => median(times[c][k]);
  process.stdout.write(
    `\n${String(N)} cross-origin fetches, ${String(ROUNDS)} rounds × ${String(REPS)} reps, medians (firefox-esr over BiDi); load average over the rounds ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
  );
  // One cell: the ratio of v to its baseline b, and what it adds per request.
  const cell = (v: number, b: number): string =>
    `${(v / b).toFixed(2)}x (${v >= b ? '+' : ''}${((v - b) / N).toFixed(2)} ms/req)`;
  const versus = (label: string, c: Config, base: Config): void => {
    const parts = (['par', 'seq'] as const).map((k) => `${k} ${cell(m(c, k), m(base, k))}`);
    process.stdout.write(`${label.padEnd(56)} ${parts.join(', ')}\n`);
  };
  for (const c of CONFIGS)
    process.stdout.write(
      `${c.padEnd(11)} par ${m(c, 'par').toFixed(0).padStart(6)} ms, seq ${m(c, 'seq').toFixed(0).padStart(6)} ms\n`,
    );
  process.stdout.write('\n');
  versus('noise floor: no add-on, twice', 'none-again', 'none');
  versus('floor: a no-op webRequest listener, vs no add-on', 'floor', 'none');
  versus('the add-on recording ("Record all tabs"), vs no add-on', 'addon', 'none');
  versus('the add-on recording, vs the floor', 'addon', 'floor');
}

await main();
