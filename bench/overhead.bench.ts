// Capture overhead, measured the way a user would feel it: the time a page takes for N cross-origin fetches
// (CORS-correct, loopback), in parallel and one after another, in these configurations:
//   none        no extension                      none-again  the same, again: the run's own noise floor
//   idle        extension, no DevTools             devtools    no extension, DevTools open on the tab
//   recording   extension, DevTools open (the default capture: DevTools' network log)
//   all-idle    "Record all tabs" on (webRequest), no DevTools
//   all-rec     "Record all tabs" on, DevTools open
//   floor       an empty extension holding webRequest with one no-op extraHeaders listener: Chromium's own cost
//               of any webRequest extension, the physical floor "Record all tabs" is measured against
// Configurations alternate within each round (rotating order), each in a fresh browser driven over a CDP pipe that
// never attaches to the extension's worker (cdp-pipe.ts); each session measures BENCH_REPS times and keeps its
// median. Also: failure-to-panel latency (page rejection → record delta on a panel port) and worker heap at 10 000
// records, both with the default capture.
// Usage: npm run bench:overhead
//   env: BENCH_ROUNDS=10 BENCH_REPS=3 BENCH_REQUESTS=300 BENCH_MEMORY_RECORDS=10000 BENCH_DIST=dist
//        BENCH_CONFIGS=none,idle,...  (a subset)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath, grantAllTabs } from '../src/cli/launch.ts';
import { startFixtureServers, type FixtureServers } from '../test/fixtures/cors-server.ts';
import { attach, findTarget, launchOverPipe, type Cdp } from './overhead/cdp-pipe.ts';
import { poll, sleep } from '../src/cli/poll.ts';

/** 'devtools' (no extension, DevTools open) is the baseline for the recording configurations, since DevTools' own
 * network log costs the page time whether or not the extension records. */
const CONFIGS = [
  'none',
  'none-again',
  'idle',
  'devtools',
  'recording',
  'all-idle',
  'all-rec',
  'floor',
] as const;
type Config = (typeof CONFIGS)[number];
const WITH_EXTENSION = new Set<Config>(['idle', 'recording', 'all-idle', 'all-rec']);
const ALL_TABS = new Set<Config>(['all-idle', 'all-rec']);
const WITH_DEVTOOLS = new Set<Config>(['devtools', 'recording', 'all-rec']);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const N = Number(process.env.BENCH_REQUESTS ?? 300);
const MEMORY_RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 10_000);
// A private copy: other builds of dist/ during a long run (e2e global setup rebuilds it) must not change what
// is measured halfway.
const DIST = mkdtempSync(join(tmpdir(), 'cors-lens-bench-dist-'));
cpSync(resolve(process.env.BENCH_DIST ?? 'dist'), DIST, { recursive: true }); // BENCH_DIST: compare a variant build
const WAIT_MS = 20_000;

interface Session {
  cdp: Cdp;
  page: Awaited<ReturnType<typeof attach>>;
  devtools: Awaited<ReturnType<typeof attach>> | null;
  close(): Promise<void>;
}

/** The floor configuration's extension, written here: webRequest and host access held from install (no grant
 * needed), one listener that does nothing, with extraHeaders (what capture needs: docs/architecture.md). */
const FLOOR = mkdtempSync(join(tmpdir(), 'cors-lens-bench-floor-'));
writeFileSync(
  join(FLOOR, 'manifest.json'),
  JSON.stringify({
    manifest_version: 3,
    name: 'webRequest floor',
    version: '1.0',
    permissions: ['webRequest'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'sw.js' },
  }),
);
writeFileSync(
  join(FLOOR, 'sw.js'),
  "chrome.webRequest.onBeforeSendHeaders.addListener(() => {}, { urls: ['<all_urls>'] }, ['requestHeaders', 'extraHeaders']);\n",
);

const launch = (dir: string, ext: string | null): Cdp =>
  launchOverPipe(chromiumPath(), [
    ...CHROMIUM_ARGS,
    '--headless',
    `--user-data-dir=${dir}`,
    ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
    'about:blank',
  ]);

/** A profile with "Record all tabs" granted: started once so the extension registers, then given what the user's
 * "Allow" in Chrome's permission dialog grants (grantAllTabs in src/cli/launch.ts: the dialog is browser UI that
 * automation cannot click). Each all-tabs session starts from a copy, and the grant is in effect there because the
 * extension loads with it. */
async function allTabsProfile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-alltabs-'));
  const cdp = launch(dir, DIST);
  let id: string;
  try {
    const sw = await findTarget(
      cdp,
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    id = new URL(sw.url).host;
  } finally {
    await cdp.close();
  }
  grantAllTabs(dir, id);
  return dir;
}
let allTabsDir: string | null = null;

async function open(config: Config, servers: FixtureServers): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-'));
  if (ALL_TABS.has(config)) cpSync((allTabsDir ??= await allTabsProfile()), dir, { recursive: true });
  const cdp = launch(dir, config === 'floor' ? FLOOR : WITH_EXTENSION.has(config) ? DIST : null);
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: `${servers.pageOrigin}/?bench`,
  });
  const page = await attach(cdp, targetId);
  await poll(() => page.evaluate<boolean>("typeof corsLensRun === 'function'"), WAIT_MS, 'the fixture page');
  let devtools: Session['devtools'] = null;
  if (WITH_DEVTOOLS.has(config)) await cdp.send('Target.openDevTools', { targetId });
  if (WITH_DEVTOOLS.has(config) && WITH_EXTENSION.has(config)) {
    const t = await findTarget(cdp, (x) => x.url.endsWith('/src/devtools/devtools.html'));
    devtools = await attach(cdp, t.targetId);
    const dt = devtools;
    await poll(
      () =>
        dt.evaluate<boolean>(
          "chrome.storage.session.get('inspected').then((x) => (x.inspected || []).includes(chrome.devtools.inspectedWindow.tabId))",
        ),
      WAIT_MS,
      'the tab to be inspected',
    );
  }
  // The same settling time for every configuration: DevTools' frontend needs about 2.5 s to be up
  // (docs/chromium-behaviour.md#opening-devtools-in-tests), and a worker that just started has work of its own.
  await sleep(WITH_DEVTOOLS.has(config) ? 3_000 : 1_000);
  return {
    cdp,
    page,
    devtools,
    close: async () => {
      await cdp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const RUN = (n: number, url: string, sequential: boolean) => `(async () => {
  const nonce = Math.random().toString(36).slice(2);
  const one = (i) => fetch(${JSON.stringify(url)} + '?r=' + nonce + '-' + i).then((r) => r.text());
  const t0 = performance.now();
  if (${sequential}) for (let i = 0; i < ${n}; i++) await one(i);
  else await Promise.all(Array.from({ length: ${n} }, (_, i) => one(i)));
  return performance.now() - t0;
})()`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

/** Failure-to-panel: the page's rejection time to the arrival of the finished record on a panel port. */
async function latency(s: Session, servers: FixtureServers, n = 20): Promise<number[]> {
  const dt = s.devtools;
  if (!dt) return [];
  await dt.evaluate(`(() => {
    window.__arrivals = {};
    const p = chrome.runtime.connect({ name: 'panel:' + chrome.devtools.inspectedWindow.tabId });
    p.onMessage.addListener((m) => {
      const r = m && m.msg && m.msg.type === 'record' ? m.msg.record : null;
      if (r && r.done && r.observed.netError && !(r.observed.url in window.__arrivals)) window.__arrivals[r.observed.url] = Date.now();
    });
    return true;
  })()`);
  await sleep(300);
  const url = servers.urlOf('missing-acao');
  const failedAt = await s.page.evaluate<Record<string, number>>(`(async () => {
    const out = {};
    for (let i = 0; i < ${n}; i++) {
      const u = ${JSON.stringify(url)} + '?r=lat-' + Math.random().toString(36).slice(2);
      await fetch(u).catch(() => { out[u] = Date.now(); });
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  })()`);
  await sleep(500);
  const arrivals = await dt.evaluate<Record<string, number>>('window.__arrivals');
  return Object.entries(failedAt).map(([u, t]) => (arrivals[u] ?? Infinity) - t);
}

async function memory(
  servers: FixtureServers,
): Promise<{ heapMB: number; records: number; storageMB: number; fillS: number; settledS: number }> {
  const s = await open('recording', servers);
  try {
    const t0 = Date.now();
    await s.page.evaluate(`(async () => {
      for (let b = 0; b < ${MEMORY_RECORDS} / 100; b++)
        await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(${JSON.stringify(servers.urlOf('missing-acao'))} + '?r=mem-' + b + '-' + i).catch(() => 0)));
    })()`);
    const fillS = (Date.now() - t0) / 1000;
    const dt = s.devtools;
    if (!dt) throw new Error('no devtools');
    const read = () =>
      dt.evaluate<{ records: number; bytes: number }>(
        "Promise.all([chrome.storage.session.get(null), chrome.storage.session.getBytesInUse(null)]).then(([all, bytes]) => ({ records: Object.keys(all).filter((k) => k.startsWith('r:')).length, bytes }))",
      );
    // The worker may still be working through its backlog: wait until the stored count stops moving.
    let storage = await read();
    for (let waited = 0; waited < 180_000; waited += 3_000) {
      await sleep(3_000);
      const next = await read();
      if (next.records === storage.records) break;
      storage = next;
    }
    const settledS = (Date.now() - t0) / 1000 - fillS;
    // Only now is the worker put under automation, to read its heap after a full GC.
    const sw = await findTarget(
      s.cdp,
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    const { sessionId } = await s.cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: sw.targetId,
      flatten: true,
    });
    await s.cdp.send('HeapProfiler.collectGarbage', {}, sessionId);
    const { usedSize } = await s.cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId);
    return {
      heapMB: usedSize / 2 ** 20,
      records: storage.records,
      storageMB: storage.bytes / 2 ** 20,
      fillS,
      settledS,
    };
  } finally {
    await s.close();
  }
}

type Times = Partial<Record<Config, { par: number[]; seq: number[] }>>;

function report(times: Times, lat: number[]): void {
  const configs = Object.keys(times) as Config[];
  const m = (c: Config, k: 'par' | 'seq'): number => median(times[c]?.[k] ?? []);
  process.stdout.write(
    `\n${N} cross-origin fetches, ${ROUNDS} rounds × ${REPS} reps, medians (Chromium over a CDP pipe; the worker is never attached); load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n`,
  );
  process.stdout.write('config       par ms  ratio  +ms/req |  seq ms  ratio  +ms/req   (vs none)\n');
  for (const c of configs) {
    const row = [c.padEnd(11)];
    for (const k of ['par', 'seq'] as const) {
      const v = m(c, k);
      const b = m('none', k);
      row.push(
        v.toFixed(0).padStart(7),
        (v / b).toFixed(2).padStart(6),
        ((v - b) / N).toFixed(2).padStart(8),
      );
      if (k === 'par') row.push('|');
    }
    process.stdout.write(`${row.join(' ')}\n`);
  }
  const versus = (label: string, c: Config, base: Config): void => {
    if (!times[c] || !times[base]) return;
    const parts = (['par', 'seq'] as const).map((k) => {
      const v = m(c, k);
      const b = m(base, k);
      return `${k} ${(v / b).toFixed(2)}x (${v >= b ? '+' : ''}${((v - b) / N).toFixed(2)} ms/req)`;
    });
    process.stdout.write(`${label.padEnd(58)} ${parts.join(', ')}\n`);
  };
  process.stdout.write('\n');
  versus('noise floor: no extension, twice', 'none-again', 'none');
  versus('idle: extension, no DevTools (goal 1.00x within the floor)', 'idle', 'none');
  versus('recording (DevTools log) vs DevTools open alone (goal <= 1.10x)', 'recording', 'devtools');
  versus('"Record all tabs", no DevTools, vs no extension', 'all-idle', 'none');
  versus('"Record all tabs", DevTools open, vs DevTools open alone', 'all-rec', 'devtools');
  versus('floor: an empty webRequest extension, vs no extension', 'floor', 'none');
  versus('"Record all tabs", no DevTools, vs the floor (goal <= 1.10x)', 'all-idle', 'floor');
  if (lat.length)
    process.stdout.write(
      `\nfailure-to-panel latency over ${lat.length} failures: p50 ${pct(lat, 50).toFixed(0)} ms, p95 ${pct(lat, 95).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms\n`,
    );
}

async function main(): Promise<void> {
  const servers = await startFixtureServers();
  const url = servers.urlOf('ok-simple');
  const wanted = process.env.BENCH_CONFIGS?.split(',');
  const configs = CONFIGS.filter((c) => !wanted || wanted.includes(c) || c === 'none');
  const times: Times = Object.fromEntries(
    configs.map((c) => [c, { par: [] as number[], seq: [] as number[] }]),
  );
  const lat: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = configs.map((_, i) => configs[(i + round) % configs.length] as Config);
      for (const config of order) {
        const s = await open(config, servers).catch((e: unknown) => {
          process.stdout.write(`  ${config}: session failed to start (${String(e)}), skipped\n`);
          return null;
        });
        if (!s) continue;
        try {
          await s.page.evaluate(RUN(N, url, false)); // warm-up: connections, caches, JIT
          const par: number[] = [];
          const seq: number[] = [];
          for (let r = 0; r < REPS; r++) {
            par.push(await s.page.evaluate<number>(RUN(N, url, false)));
            seq.push(await s.page.evaluate<number>(RUN(N, url, true)));
          }
          times[config]?.par.push(median(par));
          times[config]?.seq.push(median(seq));
          if (config === 'recording') lat.push(...(await latency(s, servers)));
        } finally {
          await s.close();
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
    }
    if (ROUNDS > 0) report(times, lat);
    if (MEMORY_RECORDS > 0) {
      const m = await memory(servers);
      process.stdout.write(
        `worker heap at ${m.records} stored records after ${MEMORY_RECORDS} failures: ${m.heapMB.toFixed(1)} MB (storage.session ${m.storageMB.toFixed(1)} MB, ${((m.storageMB * 2 ** 20) / Math.max(1, m.records)).toFixed(0)} B/record; fill ${m.fillS.toFixed(0)} s, settled ${m.settledS.toFixed(0)} s later)\n`,
      );
    }
  } finally {
    await servers.close();
    rmSync(DIST, { recursive: true, force: true });
    rmSync(FLOOR, { recursive: true, force: true });
    if (allTabsDir) rmSync(allTabsDir, { recursive: true, force: true });
  }
}

await main();
