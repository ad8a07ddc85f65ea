// Where a capture configuration's time goes: runs the overhead bench's workload once per configuration under V8's
// sampling profiler in DevTools' own frontend, the extension's devtools page and its service worker, and prints each
// target's busy time and its heaviest functions (self time).
//   PROFILE_MODE=recording (default): DevTools open alone, its floor (a no-op onRequestFinished listener), then with
//   the extension (DevTools' log)
//   PROFILE_MODE=all-tabs: the floor extension (one no-op webRequest listener), the listener shape (capture's three,
//   no-ops), then "Record all tabs", no DevTools
// Also each kind of process's CPU time over the same window (process-cpu.ts: the browser process, the network service,
// native code), with PROFILE_SAMPLING=0 without the profiler, whose own cost is otherwise in it.
// Profiling attaches to the worker, which the overhead bench never does: use it to find costs, not to measure them.
// Usage: npx tsx bench/overhead/profile.ts
//   env: BENCH_REQUESTS=300 BENCH_DIST=dist PROFILE_TOP=15 PROFILE_ONLY=<config> PROFILE_INCLUSIVE=1
//        PROFILE_SAMPLING=0
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServers } from '../../test/fixtures/cors-server.ts';
import { poll, sleep } from '../../src/cli/poll.ts';
import { attach, findTarget, type Cdp, type TargetInfo } from './cdp-pipe.ts';
import {
  allTabsProfile,
  devtoolsFloorExtension,
  floorExtension,
  launch,
  shapeExtension,
} from './extensions.ts';
import { cpuByKind, cpuSpent } from './process-cpu.ts';
import { RUN } from './workload.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 300);
const TOP = Number(process.env.PROFILE_TOP ?? 15);
const DIST = resolve(process.env.BENCH_DIST ?? 'dist');
const INCLUSIVE = process.env.PROFILE_INCLUSIVE === '1';
const SAMPLING = process.env.PROFILE_SAMPLING !== '0';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const at = (c: ProfileNode['callFrame']): string =>
  `${c.functionName || '(anonymous)'} ${c.url.split('/').pop() ?? ''}:${c.lineNumber + 1}`;

/** Per function (ms): self time (a native's is its caller's) and, with PROFILE_INCLUSIVE=1, inclusive time (the
 * samples with it anywhere on the stack: which handler the cost is under); and the busy total (all but idle). */
function summarise(p: Profile): { busy: number; top: [string, number][] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const parents = new Map<number, number>();
  const add = (name: string, ms: number): void => void self.set(name, (self.get(name) ?? 0) + ms);
  for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  p.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    if (INCLUSIVE) {
      if (f.functionName.startsWith('(')) {
        add(at(f), ms);
        return;
      }
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
        const c = byId.get(n)?.callFrame;
        if (c && c.url !== '' && !seen.has(at(c))) seen.add(at(c));
      }
      for (const name of seen) add(name, ms);
      add('(busy)', ms);
      return;
    }
    let name = at(f);
    if (f.url === '' && !f.functionName.startsWith('(')) {
      const parent = parents.get(id);
      const pf = parent === undefined ? undefined : byId.get(parent)?.callFrame;
      if (pf) name += ` < ${at(pf)}`;
    }
    add(name, ms);
  });
  const busy = INCLUSIVE
    ? (self.get('(busy)') ?? 0) + (self.get('(program) :0') ?? 0) + (self.get('(garbage collector) :0') ?? 0)
    : [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
  return { busy, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP) };
}

type Config = 'devtools' | 'dt-floor' | 'recording' | 'floor' | 'shape' | 'all-tabs';
const LABEL: Record<Config, string> = {
  devtools: 'DevTools alone',
  'dt-floor': 'DevTools floor (a no-op onRequestFinished listener)',
  recording: 'recording (extension + DevTools)',
  floor: 'floor (a no-op webRequest listener)',
  shape: 'listener shape ("Record all tabs"\' three listeners, doing nothing)',
  'all-tabs': '"Record all tabs" (extension, no DevTools)',
};
const withDevTools = (c: Config): boolean => c === 'devtools' || c === 'dt-floor' || c === 'recording';

async function browserFor(config: Config, dir: string): Promise<{ cdp: Cdp; cleanup: () => void }> {
  if (config === 'floor' || config === 'shape' || config === 'dt-floor') {
    const ext = { floor: floorExtension, shape: shapeExtension, 'dt-floor': devtoolsFloorExtension }[
      config
    ]();
    return {
      cdp: launch(dir, ext),
      cleanup: () => {
        rmSync(ext, { recursive: true, force: true });
      },
    };
  }
  if (config === 'all-tabs') {
    const profile = await allTabsProfile(DIST);
    cpSync(profile, dir, { recursive: true });
    rmSync(profile, { recursive: true, force: true });
  }
  return { cdp: launch(dir, config === 'devtools' ? null : DIST), cleanup: () => undefined };
}

async function run(config: Config): Promise<void> {
  const servers = await startFixtureServers();
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-profile-'));
  const { cdp, cleanup } = await browserFor(config, dir);
  try {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
      url: `${servers.pageOrigin}/?bench`,
    });
    const page = await attach(cdp, targetId);
    await poll(() => page.evaluate<boolean>("typeof corsLensRun === 'function'"), 20_000, 'the page');
    const wanted: [string, (t: TargetInfo) => boolean][] = [];
    if (withDevTools(config)) {
      await cdp.send('Target.openDevTools', { targetId });
      wanted.push(['DevTools frontend', (t) => t.url.startsWith('devtools://devtools/bundled/')]);
    }
    if (config === 'recording' || config === 'dt-floor')
      wanted.push(['devtools page', (t) => /^chrome-extension:.*\/devtools\.html$/.test(t.url)]);
    if (config !== 'devtools' && config !== 'dt-floor')
      wanted.push([
        'service worker',
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      ]);
    await sleep(3_000);
    const sessions: [string, string][] = [];
    for (const [label, pred] of SAMPLING ? wanted : []) {
      const t = await findTarget(cdp, pred);
      const { sessionId } = await attach(cdp, t.targetId);
      await cdp.send('Profiler.enable', {}, sessionId);
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
      sessions.push([label, sessionId]);
    }
    const url = servers.urlOf('ok-simple');
    await page.evaluate(RUN(N, url, false)); // warm-up
    await sleep(1_000);
    for (const [, s] of sessions) await cdp.send('Profiler.start', {}, s);
    const pid = cdp.process.pid ?? -1;
    const cpuBefore = cpuByKind(pid);
    let pageMs = 0;
    for (let r = 0; r < 3; r++) {
      pageMs += await page.evaluate<number>(RUN(N, url, false));
      pageMs += await page.evaluate<number>(RUN(N, url, true));
    }
    await sleep(2_000); // what is still queued after the page finished
    const cpu = cpuSpent(cpuBefore, cpuByKind(pid));
    process.stdout.write(`\n== ${LABEL[config]}: page time ${pageMs.toFixed(0)} ms for ${6 * N} fetches\n`);
    const total = cpu.reduce((s, [, ms]) => s + ms, 0);
    process.stdout.write(
      `-- CPU by process: ${total.toFixed(0)} ms in all (${(total / (6 * N)).toFixed(3)} ms/request): ${cpu
        .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
        .join(', ')}\n`,
    );
    for (const [label, s] of sessions) {
      const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop', {}, s);
      const { busy, top } = summarise(profile);
      process.stdout.write(
        `-- ${label}: busy ${busy.toFixed(0)} ms (${(busy / (6 * N)).toFixed(3)} ms/request)\n`,
      );
      for (const [name, ms] of top) process.stdout.write(`   ${ms.toFixed(1).padStart(8)} ms  ${name}\n`);
    }
  } finally {
    await cdp.close();
    await servers.close();
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

const MODES: Record<string, Config[]> = {
  recording: ['devtools', 'dt-floor', 'recording'],
  'all-tabs': ['floor', 'shape', 'all-tabs'],
};
const configs = MODES[process.env.PROFILE_MODE ?? 'recording'];
if (!configs) throw new Error(`PROFILE_MODE is recording or all-tabs, not ${process.env.PROFILE_MODE}`);
// PROFILE_ONLY=<config>: that one only (for example PROFILE_ONLY=recording skips DevTools alone).
for (const c of configs) if (!process.env.PROFILE_ONLY || process.env.PROFILE_ONLY === c) await run(c);
