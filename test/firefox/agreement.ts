// Live agreement in Firefox (issue #17): every fixture scenario is made by the fixture page in real Firefox; the
// engine's Firefox profile (simulateFirefox) must reach Firefox's verdict and print exactly the CORS console lines
// Firefox printed, in order. The scenario servers are the Chromium agreement run's (test/e2e/agreement.spec.ts).
import { simulateFirefox } from '../../src/engine/index.ts';
import { poll, sleep } from '../../src/cli/poll.ts';
import { initOf } from '../e2e/capture-helpers.ts';
import type { FixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS, type Scenario } from '../fixtures/scenarios.ts';
import { serverModelOf, simRequestOf } from '../fixtures/server-model.ts';
import type { Firefox } from './firefox.ts';

export interface Outcome {
  id: string;
  ok: boolean;
  problem?: string;
  lines: string[];
  /** What Firefox did with the page's call. */
  firefoxBlocked?: boolean;
  /** The URL the page called. */
  url?: string;
  /** The engine's Firefox verdict on the scenario (its CorsError name; null: allowed). */
  corsError?: string | null;
}

/** The fixture page makes scenario `s`'s call to `url` (fetch or XHR, as the scenario says). */
export const runScenario = (ff: Firefox, s: Scenario, url: string): Promise<{ ok: boolean }> =>
  ff.page.evaluate(
    (u, init, kind) =>
      (
        window as unknown as { corsLensRun(u: string, i: unknown, k: string): Promise<{ ok: boolean }> }
      ).corsLensRun(u, init, kind),
    url,
    initOf(s),
    s.request.kind ?? 'fetch',
  );

/** Runs one scenario in Firefox and compares it with the engine; `tag` makes its URL unique. */
export async function agreeOn(ff: Firefox, fx: FixtureServers, s: Scenario, tag: string): Promise<Outcome> {
  const url = `${fx.urlOf(s.id)}?r=${tag}`;
  const from = ff.lines.length;
  const result = await runScenario(ff, s, url);
  const { sim, lines: expected } = simulateFirefox(simRequestOf(s, url, fx.pageOrigin), serverModelOf(fx));
  // Firefox logs from its network code, a little after the page's promise settles: wait for as many lines as the
  // engine expects, then a moment more so that an extra line Firefox printed is not missed.
  await poll(
    () => Promise.resolve(ff.lines.length - from >= expected.length),
    5_000,
    `${s.id}: Firefox's console lines`,
  ).catch(() => null);
  await sleep(100);
  const lines = ff.lines.slice(from);
  const problems: string[] = [];
  if (sim.blocked === result.ok)
    problems.push(
      `Firefox ${result.ok ? 'allowed' : 'blocked'} it, the engine ${sim.blocked ? 'blocked' : 'allowed'} it`,
    );
  if (JSON.stringify(lines) !== JSON.stringify(expected))
    problems.push(
      `console lines differ:\n  Firefox: ${JSON.stringify(lines)}\n  engine:  ${JSON.stringify(expected)}`,
    );
  return {
    id: s.id,
    ok: problems.length === 0,
    lines,
    firefoxBlocked: !result.ok,
    url,
    corsError: sim.corsError,
    ...(problems.length ? { problem: problems.join('; ') } : {}),
  };
}

export async function agreement(ff: Firefox, fx: FixtureServers): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const s of SCENARIOS) out.push(await agreeOn(ff, fx, s, `ff-${s.id}`));
  return out;
}
