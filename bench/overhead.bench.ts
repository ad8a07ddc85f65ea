// Capture overhead, measured the way a user would feel it: the time a page takes for N cross-origin fetches
// (CORS-correct, loopback), in parallel and one after another, in these configurations:
//   none        no extension                      none-again  the same, again: the run's own noise floor
//   idle        extension, no DevTools             devtools    no extension, DevTools open on the tab
//   recording   extension, DevTools open (the default capture: DevTools' network log)
//   all-idle    "Record all tabs" on (webRequest), no DevTools
//   all-rec     "Record all tabs" on, DevTools open
//   floor       an empty extension holding webRequest with one no-op extraHeaders listener: Chromium's own cost
//               of any webRequest extension, the physical floor "Record all tabs" is measured against
//   shape       the floor with "Record all tabs"' own three listeners (filter, extraInfoSpecs) doing nothing: what
//               Chromium spends on the events capture asks for, so all-idle vs shape is capture's own JavaScript
//   shape-send, shape-2, shape-2plain   only when named in BENCH_CONFIGS: the shape's onBeforeSendHeaders alone,
//               with onHeadersReceived, and with onHeadersReceived without extraHeaders (which dispatch costs what)
//   dt-floor    DevTools open, and an extension whose devtools page listens to the network log and does nothing:
//               DevTools' own cost of handing entries to an extension, the floor of the default capture
//   recording-b, all-idle-b   recording and all-idle with the build in BENCH_DIST_B: a variant measured side by
//               side with BENCH_DIST in the same rounds (only when BENCH_DIST_B is set)
// Each configuration runs in a fresh browser driven over a CDP pipe that never attaches to the extension's worker
// (cdp-pipe.ts); each session measures BENCH_REPS times and keeps its median. Configurations compared with each
// other run back to back within each round (GROUPS, order rotating), and every comparison is printed twice: the
// ratio of the medians over the rounds, and the median of the rounds' own ratios (paired), beside the run's noise
// floor. Also: failure-to-panel latency with every destination in the mix (overhead/latency.ts) and worker heap
// at 10 000 records, both with the default capture. Where the time goes: overhead/profile.ts.
// Usage: npm run bench:overhead
//   env: BENCH_ROUNDS=10 BENCH_REPS=3 BENCH_REQUESTS=300 BENCH_MEMORY_RECORDS=10000 BENCH_DIST=dist BENCH_DIST_B=
//        BENCH_CONFIGS=none,idle,...  (a subset)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServers, type FixtureServers } from '../test/fixtures/cors-server.ts';
import { attach, findTarget, type Cdp } from './overhead/cdp-pipe.ts';
import {
  allTabsProfile,
  devtoolsFloorExtension,
  floorExtension,
  launch,
  shapeExtension,
} from './overhead/extensions.ts';
import { poll, sleep } from '../src/cli/poll.ts';
import { startDestinationServers, type DestinationServers } from '../test/fixtures/destinations.ts';
import { latency, type Latency } from './overhead/latency.ts';
import { untilSteady } from './overhead/settle.ts';
import { RUN } from './overhead/workload.ts';

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
  'shape',
  'shape-send',
  'shape-2',
  'shape-2plain',
  'dt-floor',
  'recording-b',
  'all-idle-b',
] as const;
type Config = (typeof CONFIGS)[number];
/** Configurations compared with each other run back to back in each round (their order within the group and the
 * groups' order rotate from round to round), and each comparison is also taken round by round: on a shared machine
 * the load moves within minutes, and sessions minutes apart would measure the load, not the extension. */
const GROUPS: Config[][] = [
  ['none', 'none-again', 'idle'],
  ['devtools', 'recording', 'all-rec', 'dt-floor', 'recording-b'],
  ['floor', 'shape', 'shape-send', 'shape-2', 'shape-2plain', 'all-idle', 'all-idle-b'],
];
const WITH_EXTENSION = new Set<Config>([
  'idle',
  'recording',
  'all-idle',
  'all-rec',
  'recording-b',
  'all-idle-b',
]);
const ALL_TABS = new Set<Config>(['all-idle', 'all-rec', 'all-idle-b']);
const WITH_DEVTOOLS = new Set<Config>(['devtools', 'recording', 'all-rec', 'dt-floor', 'recording-b']);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const N = Number(process.env.BENCH_REQUESTS ?? 300);
const MEMORY_RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 10_000);
// A private copy: other builds of dist/ during a long run (e2e global setup rebuilds it) must not change what
// is measured halfway.
const DIST = mkdtempSync(join(tmpdir(), 'cors-lens-bench-dist-'));
cpSync(resolve(process.env.BENCH_DIST ?? 'dist'), DIST, { recursive: true });
/** BENCH_DIST_B: a variant build, measured in the same rounds as BENCH_DIST (configurations ending in -b). */
const DIST_B = process.env.BENCH_DIST_B ? mkdtempSync(join(tmpdir(), 'cors-lens-bench-dist-b-')) : null;
if (DIST_B) cpSync(resolve(process.env.BENCH_DIST_B ?? ''), DIST_B, { recursive: true });
const isB = (c: Config): boolean => c.endsWith('-b');
/** Run only when BENCH_CONFIGS names them: they answered one question, which dispatch costs what
 * (docs/architecture.md#what-record-all-tabs-costs-process-by-process). */
const ON_REQUEST = new Set<Config>(['shape-send', 'shape-2', 'shape-2plain']);
const WAIT_MS = 20_000;

interface Session {
  cdp: Cdp;
  page: Awaited<ReturnType<typeof attach>>;
  devtools: Awaited<ReturnType<typeof attach>> | null;
  close(): Promise<void>;
}

/** The configurations that load an extension of their own (overhead/extensions.ts), written once for the run. */
const EXTENSION: Partial<Record<Config, string>> = {
  floor: floorExtension(),
  shape: shapeExtension(),
  'shape-send': shapeExtension(['send']),
  'shape-2': shapeExtension(['send', 'headers']),
  'shape-2plain': shapeExtension(['send', 'headers-plain']),
  'dt-floor': devtoolsFloorExtension(),
};
const allTabsDirs = new Map<string, string>();

async function open(config: Config, servers: FixtureServers): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-'));
  const dist = isB(config) && DIST_B ? DIST_B : DIST;
  if (ALL_TABS.has(config)) {
    const profile = allTabsDirs.get(dist) ?? (await allTabsProfile(dist));
    allTabsDirs.set(dist, profile);
    cpSync(profile, dir, { recursive: true });
  }
  const cdp = launch(dir, EXTENSION[config] ?? (WITH_EXTENSION.has(config) ? dist : null));
  const close = async (): Promise<void> => {
    await cdp.close();
    rmSync(dir, { recursive: true, force: true });
  };
  // A session that fails to start must not leave its browser running (and loading the machine) for the rest of the run.
  return ready(config, servers, cdp).then(
    (s) => ({ ...s, close }),
    async (e: unknown) => {
      await close();
      throw e;
    },
  );
}

async function ready(config: Config, servers: FixtureServers, cdp: Cdp): Promise<Omit<Session, 'close'>> {
  const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
    url: `${servers.pageOrigin}/?bench`,
  });
  const page = await attach(cdp, targetId);
  await poll(() => page.evaluate<boolean>("typeof corsLensRun === 'function'"), WAIT_MS, 'the fixture page');
  let devtools: Session['devtools'] = null;
  if (WITH_DEVTOOLS.has(config)) await cdp.send('Target.openDevTools', { targetId });
  if (config === 'dt-floor')
    await findTarget(
      cdp,
      (x) => x.url.endsWith('/devtools.html') && x.url.startsWith('chrome-extension://'),
      WAIT_MS,
    );
  if (WITH_DEVTOOLS.has(config) && WITH_EXTENSION.has(config)) {
    const t = await findTarget(cdp, (x) => x.url.endsWith('/src/devtools/devtools.html'), WAIT_MS);
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
  return { cdp, page, devtools };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

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
    const storage = await untilSteady(read, (a, b) => a.records === b.records, 3_000, 180_000);
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

/** Per configuration, each round's median (NaN where the session failed to start), so rounds stay aligned. */
type Times = Partial<Record<Config, { par: number[]; seq: number[] }>>;
const finite = (xs: number[]): number[] => xs.filter(Number.isFinite);

function report(times: Times, lat: Latency[], loads: number[]): void {
  const configs = Object.keys(times) as Config[];
  const m = (c: Config, k: 'par' | 'seq'): number => median(finite(times[c]?.[k] ?? []));
  process.stdout.write(
    `\n${N} cross-origin fetches, ${ROUNDS} rounds × ${REPS} reps, medians (Chromium over a CDP pipe; the worker is never attached); 1-min load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}\n`,
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
  /** Two figures per mode: the ratio of the medians over all rounds, and the median of the rounds' own ratios
   * (each round runs the two back to back: GROUPS), with their range. */
  const versus = (label: string, c: Config, base: Config): void => {
    if (!times[c] || !times[base]) return;
    const parts = (['par', 'seq'] as const).map((k) => {
      const perRound = (times[c]?.[k] ?? [])
        .map((v, i) => v / (times[base]?.[k][i] ?? NaN))
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      const paired = `${median(perRound).toFixed(2)}x [${(perRound[0] ?? NaN).toFixed(2)}–${(perRound.at(-1) ?? NaN).toFixed(2)}]`;
      return `${k} ${(m(c, k) / m(base, k)).toFixed(2)}x, paired ${paired}`;
    });
    process.stdout.write(`${label.padEnd(58)} ${parts.join(' | ')}\n`);
  };
  process.stdout.write(
    "\nratio of medians, and paired: the median of the rounds' own ratios [their range]\n",
  );
  versus('noise floor: no extension, twice', 'none-again', 'none');
  versus('idle: extension, no DevTools (goal 1.00x within the floor)', 'idle', 'none');
  versus('recording (DevTools log) vs DevTools open alone (goal <= 1.10x)', 'recording', 'devtools');
  versus('"Record all tabs", no DevTools, vs no extension', 'all-idle', 'none');
  versus('"Record all tabs", DevTools open, vs DevTools open alone', 'all-rec', 'devtools');
  versus('DevTools floor: a no-op network-log listener, vs DevTools alone', 'dt-floor', 'devtools');
  versus('recording (DevTools log) vs the DevTools floor', 'recording', 'dt-floor');
  versus('floor: an empty webRequest extension, vs no extension', 'floor', 'none');
  versus('"Record all tabs", no DevTools, vs the floor (goal <= 1.10x)', 'all-idle', 'floor');
  versus('listener shape: its three listeners doing nothing, vs the floor', 'shape', 'floor');
  versus('"Record all tabs" vs its listener shape (its own JavaScript)', 'all-idle', 'shape');
  versus('  its onBeforeSendHeaders alone, vs the floor', 'shape-send', 'floor');
  versus('  with onHeadersReceived (a second event per request), vs the floor', 'shape-2', 'floor');
  versus('  the same without extraHeaders on it, vs the floor', 'shape-2plain', 'floor');
  versus('  with onErrorOccurred too (the whole shape), vs the two', 'shape', 'shape-2');
  versus('variant B: recording vs DevTools open alone', 'recording-b', 'devtools');
  versus('variant B vs A: recording', 'recording-b', 'recording');
  versus('variant B: "Record all tabs" vs the floor', 'all-idle-b', 'floor');
  versus('variant B vs A: "Record all tabs"', 'all-idle-b', 'all-idle');
  if (!lat.length) return;
  const line = (label: string, xs: number[]): string =>
    `${label.padEnd(15)} n=${String(xs.length).padStart(3)}  p50 ${pct(xs, 50).toFixed(0).padStart(4)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(4)} ms  max ${Math.max(
      ...xs,
    )
      .toFixed(0)
      .padStart(4)} ms\n`;
  process.stdout.write('\nfailure-to-panel latency (goal p95 <= 50 ms over all kinds):\n');
  process.stdout.write(
    line(
      'all kinds',
      lat.map((l) => l.ms),
    ),
  );
  for (const kind of new Set(lat.map((l) => l.kind)))
    process.stdout.write(
      line(
        `  ${kind}`,
        lat.filter((l) => l.kind === kind).map((l) => l.ms),
      ),
    );
}

async function main(): Promise<void> {
  const servers = await startFixtureServers();
  const destinations: DestinationServers = await startDestinationServers();
  const url = servers.urlOf('ok-simple');
  const wanted = process.env.BENCH_CONFIGS?.split(',');
  const configs = CONFIGS.filter(
    (c) => (wanted ? wanted.includes(c) || c === 'none' : !ON_REQUEST.has(c)) && (DIST_B !== null || !isB(c)),
  );
  const times: Times = Object.fromEntries(
    configs.map((c) => [c, { par: [] as number[], seq: [] as number[] }]),
  );
  const groups = GROUPS.map((g) => g.filter((c) => configs.includes(c))).filter((g) => g.length);
  const lat: Latency[] = [];
  const loads: number[] = [loadavg()[0] ?? NaN];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = groups
        .map((_, i) => groups[(i + round) % groups.length] ?? [])
        .flatMap((g) => g.map((_, i) => g[(i + round) % g.length] as Config));
      for (const config of order) {
        loads.push(loadavg()[0] ?? NaN);
        // Under heavy load a browser can miss a start-up deadline: one more try, so the round keeps its pair.
        const s = await open(config, servers)
          .catch(() => open(config, servers))
          .catch((e: unknown) => {
            process.stdout.write(`  ${config}: session failed to start twice (${String(e)}), skipped\n`);
            return null;
          });
        if (!s) {
          times[config]?.par.push(NaN);
          times[config]?.seq.push(NaN);
          continue;
        }
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
          if (config === 'recording' && s.devtools)
            lat.push(...(await latency(s.page, s.devtools, destinations)));
        } finally {
          await s.close();
        }
      }
      process.stdout.write(`round ${round + 1}/${ROUNDS} done (load ${loadavg()[0]?.toFixed(1)})\n`);
    }
    loads.push(loadavg()[0] ?? NaN);
    if (ROUNDS > 0) report(times, lat, loads);
    if (MEMORY_RECORDS > 0) {
      const m = await memory(servers);
      process.stdout.write(
        `worker heap at ${m.records} stored records after ${MEMORY_RECORDS} failures: ${m.heapMB.toFixed(1)} MB (storage.session ${m.storageMB.toFixed(1)} MB, ${((m.storageMB * 2 ** 20) / Math.max(1, m.records)).toFixed(0)} B/record; fill ${m.fillS.toFixed(0)} s, settled ${m.settledS.toFixed(0)} s later)\n`,
      );
    }
  } finally {
    await servers.close();
    await destinations.close();
    rmSync(DIST, { recursive: true, force: true });
    if (DIST_B) rmSync(DIST_B, { recursive: true, force: true });
    for (const d of Object.values(EXTENSION)) rmSync(d, { recursive: true, force: true });
    for (const d of allTabsDirs.values()) rmSync(d, { recursive: true, force: true });
  }
}

await main();
