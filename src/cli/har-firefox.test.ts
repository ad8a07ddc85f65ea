// `cors-lens har` on real entries of Firefox's own HAR export (test/fixtures/har/firefox-153-*.har: firefox-esr
// 153.8.0's network monitor over the scenario servers on loopback, from two runs of `npm test`'s firefox:har step;
// the entries of some scenarios, response bodies emptied, nothing else changed). Each failure must be diagnosed as live capture does: the CorsError and the
// exact console lines of the engine's Firefox profile for that scenario, which agree with Firefox's own on every
// scenario (test/firefox/agreement.ts); the allowed calls are not reported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateFirefox } from '../engine/index.ts';
import type { CorsReport } from '../report/index.ts';
import type { FixtureServers } from '../../test/fixtures/cors-server.ts';
import { SCENARIOS } from '../../test/fixtures/scenarios.ts';
import { serverModelOf, simRequestOf } from '../../test/fixtures/server-model.ts';
import { main } from './main.ts';

/** A run's export and the origins of that run. */
const origins = (page: number, api: number, other: number): FixtureServers =>
  ({
    pageOrigin: `http://localhost:${String(page)}`,
    apiOrigin: `http://127.0.0.1:${String(api)}`,
    otherOrigin: `http://127.0.0.1:${String(other)}`,
    urlOf: (id: string) => `http://127.0.0.1:${String(api)}/s/${id}`,
  }) as FixtureServers;
const EXPORT = 'test/fixtures/har/firefox-153-export.har';
const fx = origins(37897, 33473, 41273);
// Another run, where Firefox also listed the hop after a refused redirect (without headers or response).
const LATE_HOP = 'test/fixtures/har/firefox-153-late-hop.har';
const fxLate = origins(44489, 41163, 41153);

const reads = new Map<string, Promise<{ report: CorsReport; notes: string }>>();
const harReport = (file = EXPORT): Promise<{ report: CorsReport; notes: string }> => {
  const read = reads.get(file) ?? run(file);
  reads.set(file, read);
  return read;
};

async function run(file: string): Promise<{ report: CorsReport; notes: string }> {
  let out = '';
  let notes = '';
  const code = await main(['har', file, '--json', '--include-sensitive'], {
    stdout: (t) => (out += t),
    stderr: (t) => (notes += t),
  });
  expect(code).toBe(1);
  return { report: JSON.parse(out) as CorsReport, notes };
}

/** Live capture's verdict on the scenario: the engine's Firefox profile against the same servers. */
function live(id: string, servers = fx): { corsError: string | null; lines: string[] } {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(id);
  const url = `${servers.urlOf(id)}?r=${id}`;
  const { sim, lines } = simulateFirefox(simRequestOf(s, url, servers.pageOrigin), serverModelOf(servers));
  return { corsError: sim.corsError, lines };
}

describe("cors-lens har on Firefox's own export", () => {
  it('the file is what the test says it is', () => {
    for (const file of [EXPORT, LATE_HOP]) {
      const log = (JSON.parse(readFileSync(file, 'utf8')) as { log: { creator: { name: string } } }).log;
      expect(log.creator.name).toBe('Firefox');
    }
  });

  it.each(
    (
      [
        // A redirect whose Location carries a username and password: Firefox lists the 302 and nothing after it.
        ['redirect-credentials-in-location', 'RedirectContainsCredentials'],
        // A redirect to ftp: the same; Firefox's first line names the ftp URL.
        ['redirect-disabled-scheme', 'CorsDisabledScheme'],
        // Credentials told by Sec-Fetch-Storage-Access (on the request and on its preflight).
        ['preflight-wildcard-credentials', 'PreflightWildcardOriginNotAllowed'],
        ['wildcard-credentials', 'WildcardOriginNotAllowed'],
        ['missing-acac', 'InvalidAllowCredentials'],
        // A redirected preflight: Firefox checks ACAO first (its triage code is redirect-to-login; the CorsError and lines
        // are Firefox's).
        ['preflight-redirect', 'PreflightMissingAllowOriginHeader'],
        // Firefox preflights again after a 303: that second preflight (404) decided, and is the one linked.
        ['post-303-same-origin', 'PreflightMissingAllowOriginHeader'],
        // The second preflight, listed after the redirected request, is linked to it: one exchange.
        ['redirect-preflighted-tainted', 'AllowOriginMismatch'],
        // A redirect without Allow-Origin: Firefox stops at the 302 and lists nothing after it (this run) …
        ['redirect-missing-acao', 'MissingAllowOriginHeader'],
        // … or lists the next hop without headers or response (another run).
        ['redirect-missing-acao', 'MissingAllowOriginHeader', LATE_HOP],
      ] as [string, string, string?][]
    ).map(([id, code, file]) => [id, code, file ?? EXPORT] as const),
  )('%s: %s and Firefox’s console lines, as live capture (%s)', async (id, corsError, file) => {
    const servers = file === EXPORT ? fx : fxLate;
    const { report } = await harReport(file);
    const failure = report.failures.find((f) => f.request.url === `${servers.urlOf(id)}?r=${id}`);
    const expected = live(id, servers);
    expect(expected.corsError).toBe(corsError);
    expect(failure?.corsError).toBe(corsError);
    expect(failure?.consoleMessage?.split('\n')).toEqual(expected.lines);
  });

  it('links the preflight of the request a redirect ended with, and reports no allowed call', async () => {
    const { report, notes } = await harReport();
    const tainted = report.failures.find((f) => f.request.url.includes('/s/redirect-preflighted-tainted'));
    expect(tainted?.timeline.map((t) => [t.kind, t.url])).toEqual([
      ['preflight', `${fx.otherOrigin}/t/redirect-preflighted-tainted`],
      ['redirect', `${fx.urlOf('redirect-preflighted-tainted')}?r=redirect-preflighted-tainted`],
      ['response', `${fx.otherOrigin}/t/redirect-preflighted-tainted`],
    ]);
    for (const id of ['ok-simple', 'ok-credentials', 'redirect-preflighted-ok'])
      expect(live(id).corsError).toBeNull();
    expect(
      report.failures
        .map((f) => f.request.url)
        .filter((u) => /ok-simple|ok-credentials|preflighted-ok/.test(u)),
    ).toEqual([]);
    expect(report.failures).toHaveLength(9);
    expect(notes).toContain('carried Sec-Fetch-Storage-Access');
  });
});
