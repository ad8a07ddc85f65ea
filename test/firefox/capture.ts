// The add-on's capture path in real Firefox (issue #17): after the agreement scenarios ran in the fixture page with
// "Record all tabs" on, the records are read back over the add-on's own panel protocol (a `panel:<tabId>` port, its
// snapshot), and each must carry Firefox's verdict: the engine's Firefox profile on the captured record gives the
// console lines Firefox printed for that call. Then the panel page renders each captured failure: its cause, the
// Firefox console line and a fix.
import { diagnose } from '../../src/engine/index.ts';
import { poll } from '../../src/cli/poll.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { Addon } from './addon.ts';
import type { Outcome } from './agreement.ts';

/** Blocks only a credentialed call has (docs/firefox.md#credentials-on-the-wire). Cross-site, as the fixture page
 * calls them, Firefox sends `Sec-Fetch-Storage-Access` with them, so they must be recorded blocked with Firefox's
 * lines like any other block. Called same-site (`localhost:<api port>` from the `localhost` page) no such header
 * is sent and, without a cookie, nothing on the wire tells the credentials mode: there they are the miss left,
 * recorded as allowed (checked exactly, so a Firefox that starts telling shows up here). */
export const CREDENTIALS_ONLY = [
  'wildcard-credentials',
  'missing-acac',
  'acac-wrong-case',
  'xhr-wildcard-credentials',
];

type Ext = {
  browser: {
    runtime: {
      connect(o: { name: string }): {
        onMessage: { addListener(f: (m: { msg?: { type?: string; records?: unknown } }) => void): void };
        disconnect(): void;
      };
    };
  };
};

/** The tab's records, as the background hands them to a panel: the snapshot a new `panel:<tabId>` port gets. Read as
 * JSON text: WebDriver BiDi sends an object met twice in a result as a bare reference to the first, and puppeteer
 * leaves that property out, so a record whose request and first hop share one header map (as the worker keeps it)
 * came back without its request headers (measured: Firefox 153, puppeteer-core; the extension's own port is
 * structured clone and keeps both). */
export async function snapshotOf(addon: Addon): Promise<ExchangeRecord[]> {
  const json = await addon.panel.evaluate(
    (tabId) =>
      new Promise<string>((resolve) => {
        const port = (globalThis as unknown as Ext).browser.runtime.connect({
          name: `panel:${String(tabId)}`,
        });
        port.onMessage.addListener((m) => {
          if (m.msg?.type !== 'snapshot') return;
          port.disconnect();
          resolve(JSON.stringify(m.msg.records));
        });
      }),
    addon.tabId,
  );
  return JSON.parse(json) as ExchangeRecord[];
}

const recordOf = (records: ExchangeRecord[], url: string): ExchangeRecord | undefined =>
  records.find((r) => r.observed.url === url);

/** One scenario's captured record against what Firefox did; null when they agree. `miss`: a block the wire cannot
 * show, which must be recorded as allowed. */
function judge(o: Outcome, rec: ExchangeRecord | undefined, miss: boolean): string | null {
  if (!rec) return 'no record';
  const d = diagnose(rec.observed, { browser: 'firefox' });
  if (miss && !o.firefoxBlocked) return 'Firefox allowed it: not a credentials-only block';
  const expected = miss || !o.firefoxBlocked ? 'allowed' : null;
  if (expected !== null)
    return d.verdict === expected ? null : `recorded ${d.verdict} (${d.code}), expected ${expected}`;
  if (o.lines.length === 0)
    return d.verdict === 'not-cors'
      ? null
      : `Firefox failed it without CORS; recorded ${d.verdict} (${d.code})`;
  if (d.verdict !== 'blocked') return `Firefox blocked it; recorded ${d.verdict} (${d.code})`;
  const lines = (d.consoleMessage ?? '').split('\n');
  return JSON.stringify(lines) === JSON.stringify(o.lines)
    ? null
    : `console lines differ:\n  Firefox: ${JSON.stringify(o.lines)}\n  record:  ${JSON.stringify(lines)}`;
}

/** Every scenario's record read back over the protocol; waits until each call has its record. `misses`: outcome ids
 * whose block the wire cannot show (same-site credentials-only calls). */
export async function captured(
  addon: Addon,
  outcomes: Outcome[],
  misses: ReadonlySet<string> = new Set(),
): Promise<Outcome[]> {
  const urls = outcomes.map((o) => o.url ?? '');
  const records = await poll(
    async () => {
      const rs = await snapshotOf(addon);
      return urls.every((u) => recordOf(rs, u)) ? rs : null;
    },
    10_000,
    'a record of every call',
  ).catch(() => snapshotOf(addon));
  return outcomes.map((o) => {
    const problem = judge(o, recordOf(records, o.url ?? ''), misses.has(o.id));
    return { id: `capture ${o.id}`, ok: problem === null, lines: o.lines, ...(problem ? { problem } : {}) };
  });
}

interface Shown {
  rows: number;
  headline: string;
  console: string;
  fix: string;
}

/** Filters the panel to one call and selects its row: what the details show. */
function show(addon: Addon, url: string): Promise<Shown | null> {
  return addon.panel.evaluate((u) => {
    const filter = document.querySelector<HTMLInputElement>('input.filter');
    if (!filter) return null;
    if (filter.value !== u) {
      filter.value = u;
      filter.dispatchEvent(new Event('input', { bubbles: true }));
      return null;
    }
    const rows = document.querySelectorAll('[data-testid="row"]');
    const row = rows[0];
    if (rows.length !== 1 || !row) return null;
    if (row.getAttribute('aria-selected') !== 'true') {
      row.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      return null;
    }
    // The fix generators load lazily; some failures have no server-side fix, and the panel says so.
    const none = [...document.querySelectorAll('.details p.muted')].find((p) =>
      p.textContent.startsWith('No server-side fix'),
    );
    const fix = document.querySelector('.snippet-block')?.textContent ?? none?.textContent ?? '';
    if (!fix) return null;
    return {
      rows: rows.length,
      headline: document.querySelector('#details-title')?.textContent ?? '',
      console: document.querySelector('pre.console')?.textContent ?? '',
      fix,
    };
  }, url);
}

/** The panel page renders each captured CORS failure: its headline, Firefox's console lines and a fix. */
export async function rendered(addon: Addon, outcomes: Outcome[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const o of outcomes) {
    if (!o.firefoxBlocked || o.lines.length === 0) continue;
    const shown = await poll(() => show(addon, o.url ?? ''), 5_000, `${o.id} in the panel`).catch(() => null);
    const problem =
      shown === null
        ? 'no single row with a fix'
        : shown.console !== o.lines.join('\n')
          ? `the panel shows ${JSON.stringify(shown.console)}, Firefox printed ${JSON.stringify(o.lines)}`
          : shown.headline === ''
            ? 'no headline'
            : null;
    out.push({ id: `panel ${o.id}`, ok: problem === null, lines: o.lines, ...(problem ? { problem } : {}) });
  }
  return out;
}
