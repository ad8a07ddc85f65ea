// The credentials-only blocks called same-site (issue #17): the fixture page is served as `localhost`, so the API
// reached as `localhost:<its port>` is the same site, where Firefox sends no Sec-Fetch-Storage-Access
// (docs/firefox.md#credentials-on-the-wire). Firefox still blocks each call; what the add-on records of them is
// checked in capture.ts. The engine's console lines are not compared here: the scenario servers' model knows the
// API by its 127.0.0.1 origin only, and the cross-site run already compares every line.
import { poll, sleep } from '../../src/cli/poll.ts';
import type { FixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import { runScenario, type Outcome } from './agreement.ts';
import { CREDENTIALS_ONLY } from './capture.ts';
import type { Firefox } from './firefox.ts';

export async function sameSiteCalls(ff: Firefox, fx: FixtureServers): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const s of SCENARIOS.filter((x) => CREDENTIALS_ONLY.includes(x.id))) {
    const api = new URL(fx.urlOf(s.id));
    api.hostname = 'localhost';
    api.search = `r=ff-same-site-${s.id}`;
    const url = api.href;
    const from = ff.lines.length;
    const result = await runScenario(ff, s, url);
    await poll(() => Promise.resolve(ff.lines.length > from), 5_000, `${s.id}: a console line`).catch(
      () => null,
    );
    await sleep(100);
    const lines = ff.lines.slice(from);
    out.push({
      id: `same-site ${s.id}`,
      ok: !result.ok && lines.length > 0,
      lines,
      firefoxBlocked: !result.ok,
      url,
      ...(result.ok || lines.length === 0 ? { problem: 'Firefox did not block it with a CORS line' } : {}),
    });
  }
  return out;
}
