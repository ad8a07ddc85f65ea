// What Firefox's devtools.network shows an add-on of CORS failures (issue #17: "measure … before choosing"), not a
// test: firefox-esr started with its own `--devtools` switch opens DevTools on the first tab, and a probe add-on's
// devtools_page then runs under automation. The fixture page makes every live-agreement scenario's call in that
// tab; the probe posts each `onRequestFinished` entry, and then `getHAR()`, to a loopback sink; this prints what
// each source showed. Figures and the conclusion: docs/firefox.md#devtoolsnetwork-in-firefox.
// Usage: npx tsx test/firefox/devtools-network.ts
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFirefox } from '../../scripts/ensure-firefox.mjs';
import { poll } from '../../src/cli/poll.ts';
import { startFixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import { runScenario } from './agreement.ts';
import { launchFirefox } from './firefox.ts';

interface Entry {
  request: { method: string; url: string; headers: { name: string }[] };
  response: { status: number };
}

const posted: { ev: string; entry?: Entry; har?: { entries: Entry[] } }[] = [];
const sink = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    if (req.method === 'POST') posted.push(JSON.parse(body) as (typeof posted)[number]);
    res.setHeader('access-control-allow-origin', '*');
    res.end();
  });
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const SINK = `http://127.0.0.1:${String((sink.address() as { port: number }).port)}`;

// The probe: its devtools page reports every finished request, and the whole HAR once the page fetches /done.
const probe = mkdtempSync(join(tmpdir(), 'cors-lens-ff-devtools-'));
writeFileSync(
  join(probe, 'manifest.json'),
  JSON.stringify({
    manifest_version: 2,
    name: 'devtools.network probe',
    version: '1.0',
    browser_specific_settings: { gecko: { id: 'devtools-probe@cors-lens.dev' } },
    devtools_page: 'devtools.html',
  }),
);
writeFileSync(join(probe, 'devtools.html'), '<!doctype html><script src="devtools.js"></script>\n');
writeFileSync(
  join(probe, 'devtools.js'),
  `const post = (o) => fetch(${JSON.stringify(SINK)}, { method: 'POST', body: JSON.stringify(o) });
post({ ev: 'loaded' });
browser.devtools.network.onRequestFinished.addListener((entry) => {
  if (entry.request.url === ${JSON.stringify(`${SINK}/done`)})
    browser.devtools.network.getHAR().then((har) => post({ ev: 'har', har }));
  else if (!entry.request.url.startsWith(${JSON.stringify(SINK)})) post({ ev: 'finished', entry });
});
`,
);

const path = ensureFirefox();
if (path === null) throw new Error('no Firefox: install firefox-esr or set FIREFOX_PATH');
const fx = await startFixtureServers();
const ff = await launchFirefox(path, {}, ['--devtools']);
const outcome = new Map<string, boolean>();
try {
  await ff.browser.installExtension(probe);
  await poll(
    () => Promise.resolve(posted.some((p) => p.ev === 'loaded') || null),
    20_000,
    "the probe's devtools page",
  );
  await ff.page.goto(`${fx.pageOrigin}/`);
  for (const s of SCENARIOS) {
    const url = `${fx.urlOf(s.id)}?r=ff-devtools-${s.id}`;
    outcome.set(url, (await runScenario(ff, s, url)).ok);
  }
  await ff.page.evaluate((u) => fetch(u).then(() => true), `${SINK}/done`);
  await poll(() => Promise.resolve(posted.some((p) => p.ev === 'har') || null), 20_000, 'getHAR()');
} finally {
  await ff.close();
  await fx.close();
  sink.close();
  rmSync(probe, { recursive: true, force: true });
}

const calls = [...outcome.keys()];
const blocked = calls.filter((u) => outcome.get(u) === false);
function describe(label: string, entries: Entry[]): void {
  const of = (u: string) => entries.filter((e) => e.request.url === u);
  const actual = (u: string) => of(u).some((e) => e.request.method !== 'OPTIONS');
  const preflight = (u: string) => of(u).some((e) => e.request.method === 'OPTIONS');
  const fields = new Set(
    entries.flatMap((e) => [...Object.keys(e), ...Object.keys(e.response).map((k) => `response.${k}`)]),
  );
  const count = (xs: string[], f: (u: string) => boolean) => xs.filter(f).length;
  process.stdout.write(
    `${label}: ${String(entries.length)} entries; of the ${String(calls.length)} calls ${String(count(calls, (u) => of(u).length > 0))} visible, ` +
      `${String(count(calls, actual))} with the call's own entry, ${String(count(calls, preflight))} with a preflight entry; ` +
      `of the ${String(blocked.length)} Firefox blocked: ${String(count(blocked, (u) => of(u).length > 0))} visible, ${String(count(blocked, actual))} with the call's own entry ` +
      `(${String(count(blocked, (u) => of(u).some((e) => e.request.method !== 'OPTIONS' && e.response.status === 0)))} of them status 0, nothing received); ` +
      `entries with Sec-Fetch-Storage-Access: ${String(entries.filter((e) => e.request.headers.some((h) => h.name.toLowerCase() === 'sec-fetch-storage-access')).length)}\n` +
      `  fields: ${[...fields].sort().join(', ')}\n`,
  );
}
describe(
  'onRequestFinished',
  posted.flatMap((p) => (p.ev === 'finished' && p.entry ? [p.entry] : [])),
);
describe('getHAR', posted.find((p) => p.ev === 'har')?.har?.entries ?? []);
