// Where the recording configuration's time goes: runs the overhead bench's workload once with DevTools open (with
// and without the extension) under V8's sampling profiler in DevTools' own frontend, the extension's devtools page
// and its service worker, and prints each target's busy time and its heaviest functions (self time).
// Profiling attaches to the worker, which the overhead bench never does: use it to find costs, not to measure them.
// Usage: npx tsx bench/overhead/profile.ts   env: BENCH_REQUESTS=300 BENCH_DIST=dist PROFILE_TOP=15
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/cli/launch.ts';
import { startFixtureServers } from '../../test/fixtures/cors-server.ts';
import { poll, sleep } from '../../src/cli/poll.ts';
import { attach, findTarget, launchOverPipe, type Cdp, type TargetInfo } from './cdp-pipe.ts';
import { RUN } from './workload.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 300);
const TOP = Number(process.env.PROFILE_TOP ?? 15);
const DIST = resolve(process.env.BENCH_DIST ?? 'dist');

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

/** Self time per function (ms), and the busy total (everything but idle). */
function summarise(p: Profile): { busy: number; top: [string, number][] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  p.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    if (!f) return;
    const at = (c: ProfileNode['callFrame']) =>
      `${c.functionName || '(anonymous)'} ${c.url.split('/').pop() ?? ''}:${c.lineNumber + 1}`;
    let name = at(f);
    // A native's cost belongs to whoever called it.
    if (f.url === '' && !f.functionName.startsWith('(')) {
      const parent = parents.get(id);
      const pf = parent === undefined ? undefined : byId.get(parent)?.callFrame;
      if (pf) name += ` < ${at(pf)}`;
    }
    self.set(name, (self.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
  return { busy, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP) };
}

async function run(withExtension: boolean): Promise<void> {
  const servers = await startFixtureServers();
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-profile-'));
  const cdp: Cdp = launchOverPipe(chromiumPath(), [
    ...CHROMIUM_ARGS,
    '--headless',
    `--user-data-dir=${dir}`,
    ...(withExtension ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`] : []),
    'about:blank',
  ]);
  try {
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
      url: `${servers.pageOrigin}/?bench`,
    });
    const page = await attach(cdp, targetId);
    await poll(() => page.evaluate<boolean>("typeof corsLensRun === 'function'"), 20_000, 'the page');
    await cdp.send('Target.openDevTools', { targetId });
    const wanted: [string, (t: TargetInfo) => boolean][] = [
      ['DevTools frontend', (t) => t.url.startsWith('devtools://devtools/bundled/')],
    ];
    if (withExtension)
      wanted.push(
        ['devtools page', (t) => t.url.endsWith('/src/devtools/devtools.html')],
        ['service worker', (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://')],
      );
    await sleep(3_000);
    const sessions: [string, string][] = [];
    for (const [label, pred] of wanted) {
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
    let pageMs = 0;
    for (let r = 0; r < 3; r++) {
      pageMs += await page.evaluate<number>(RUN(N, url, false));
      pageMs += await page.evaluate<number>(RUN(N, url, true));
    }
    await sleep(2_000); // what is still queued after the page finished
    process.stdout.write(
      `\n== ${withExtension ? 'recording (extension + DevTools)' : 'DevTools alone'}: page time ${pageMs.toFixed(0)} ms for ${6 * N} fetches\n`,
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
    rmSync(dir, { recursive: true, force: true });
  }
}

// PROFILE_ONLY=recording: skip DevTools alone.
if (process.env.PROFILE_ONLY !== 'recording') await run(false);
await run(true);
