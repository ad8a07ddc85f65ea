// Failure-to-panel latency with every CORS destination the capture records in the mix (docs/destinations.md): the
// page loads each kind from an origin that refuses CORS (no Access-Control-Allow-Origin), the way
// test/fixtures/destinations.ts makes them, and notes when the page learns of the failure (the rejection or the
// error event); a panel port on the devtools page notes when the finished failure record arrives.
import { DESTINATIONS, type DestinationServers } from '../../test/fixtures/destinations.ts';
import { sleep } from '../../src/cli/poll.ts';
import { untilSteady } from './settle.ts';

interface Evaluator {
  evaluate<T>(expression: string): Promise<T>;
}

/** Each load resolves true when the page sees it fail (what a CORS refusal looks like to the page). */
const LOADS = `{
  fetch: (u) => fetch(u).then(() => false, () => true),
  xhr: (u) => new Promise((r) => { const x = new XMLHttpRequest(); x.open('GET', u); x.onerror = () => r(true); x.onload = () => r(false); x.send(); }),
  eventsource: (u) => new Promise((r) => { const e = new EventSource(u); e.onerror = () => { e.close(); r(true); }; e.onopen = () => { e.close(); r(false); }; }),
  font: (u, i) => new FontFace('lat' + i, 'url(' + JSON.stringify(u) + ')').load().then(() => false, () => true),
  'img-anon': (u) => new Promise((r) => { const m = new Image(); m.crossOrigin = 'anonymous'; m.onerror = () => r(true); m.onload = () => r(false); m.src = u; }),
  'classic-cors': (u) => new Promise((r) => { const s = document.createElement('script'); s.crossOrigin = 'anonymous'; s.onerror = () => r(true); s.onload = () => r(false); s.src = u; document.head.append(s); }),
  module: (u) => new Promise((r) => { const s = document.createElement('script'); s.type = 'module'; s.onerror = () => r(true); s.onload = () => r(false); s.src = u; document.head.append(s); }),
  import: (u) => import(u).then(() => false, () => true),
  style: (u) => new Promise((r) => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.crossOrigin = 'anonymous'; l.onerror = () => r(true); l.onload = () => r(false); l.href = u; document.head.append(l); }),
}`;
export const LATENCY_KINDS = [
  'fetch',
  'xhr',
  'eventsource',
  'font',
  'img-anon',
  'classic-cors',
  'module',
  'import',
  'style',
] as const;

export interface Latency {
  kind: string;
  ms: number;
}

/** `rounds` failures of each kind, one every 30 ms, in a rotating order. */
export async function latency(
  page: Evaluator,
  devtools: Evaluator,
  servers: DestinationServers,
  rounds = 4,
): Promise<Latency[]> {
  // Right after the throughput workload DevTools' own frontend can still be building HAR entries for its last
  // requests (about 3 ms of its time each: docs/architecture.md#capture-overhead), and a failure waits behind them
  // whatever the extension does. Start when what the worker stores has stopped changing.
  await untilSteady(
    () => devtools.evaluate<number>('chrome.storage.session.getBytesInUse(null)'),
    (a, b) => a === b,
    500,
    15_000,
  );
  await devtools.evaluate(`(() => {
    window.__arrivals = {};
    const p = chrome.runtime.connect({ name: 'panel:' + chrome.devtools.inspectedWindow.tabId });
    p.onMessage.addListener((m) => {
      const r = m && m.msg && m.msg.type === 'record' ? m.msg.record : null;
      if (r && r.done && r.observed.netError && !(r.observed.url in window.__arrivals)) window.__arrivals[r.observed.url] = Date.now();
    });
    return true;
  })()`);
  await sleep(300);
  const urls = Object.fromEntries(
    LATENCY_KINDS.map((k) => {
      const d = DESTINATIONS.find((x) => x.id === k);
      if (!d) throw new Error(`no destination ${k}`);
      return [k, servers.urlOf(d, 'refused')];
    }),
  );
  const failedAt = await page.evaluate<Record<string, { kind: string; at: number | null }>>(`(async () => {
    const loads = ${LOADS};
    const urls = ${JSON.stringify(urls)};
    const kinds = Object.keys(urls);
    const out = {};
    for (let i = 0; i < ${rounds} * kinds.length; i++) {
      const kind = kinds[(i + Math.floor(i / kinds.length)) % kinds.length];
      const u = urls[kind] + '?r=lat-' + i + '-' + Math.random().toString(36).slice(2);
      const failed = await Promise.race([loads[kind](u, i), new Promise((r) => setTimeout(() => r(null), 5000))]);
      out[u] = { kind, at: failed ? Date.now() : null };
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  })()`);
  await sleep(1_000);
  const arrivals = await devtools.evaluate<Record<string, number>>('window.__arrivals');
  return Object.entries(failedAt).map(([u, { kind, at }]) => ({
    kind,
    // A load the page never saw fail, or whose record never came, counts as never (Infinity).
    ms: at === null ? Infinity : (arrivals[u] ?? Infinity) - at,
  }));
}
