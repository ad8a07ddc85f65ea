// Reads what the extension recorded in a test's browser, the way its panel does: an extension page holds a
// `panel:<tabId>` port per tab and asks the service worker for its snapshot (src/shared/protocol.ts). The records go
// through the same buildReport as the panel's export and `cors-lens record`: the same diagnosis, the same redaction.
import type { BrowserContext } from '@playwright/test';
import { diagnose } from '../engine/index.ts';
import type { BackendId } from '../fixes/types.ts';
import { buildReport, type CorsReport } from '../report/index.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { chooseBackend } from '../cli/backend.ts';
import { toolVersion } from '../cli/paths.ts';
import { sleep } from '../cli/poll.ts';
import { formatRecord } from '../cli/format.ts';
import { runningChromium, snapshot } from '../cli/record-capture.ts';
import { networkOf } from './network.ts';

export interface ReadOptions {
  extensionId: string;
  backend: BackendId | null;
  /** How long requests still in flight get to finish before the report is made as it is. */
  settleMs: number;
}

const SNAPSHOT_TIMEOUT_MS = 10_000;

export async function readReport(context: BrowserContext, opts: ReadOptions): Promise<CorsReport> {
  const pageUrl = context.pages()[0]?.url() ?? null;
  // Any page of the extension can hold the ports (the panel page without ?tabId= connects none of its own); opened
  // after the test's own steps, closed before its teardown ends.
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${opts.extensionId}/panel/index.html`);
    const tabIds = await ext.evaluate(async () => {
      const self = (await chrome.tabs.getCurrent())?.id;
      return (await chrome.tabs.query({})).flatMap((t) =>
        t.id !== undefined && t.id !== self ? [t.id] : [],
      );
    });
    const recordsNow = async () => {
      const all: ExchangeRecord[] = [];
      for (const id of tabIds) {
        const snap = await snapshot(ext, id, SNAPSHOT_TIMEOUT_MS);
        if (snap.allTabs !== 'on')
          throw new Error(`the CORS Lens extension is not recording (${snap.allTabs ?? 'off'})`);
        all.push(...snap.records);
      }
      return all;
    };
    // A test may end before its page has even made its calls (a title check passes while the page's fetch chain is
    // still starting), so first wait for the browser's network to be quiet (nothing in flight or started for 500 ms:
    // network.ts; every context read here was started by launchFrom, which counts it), then until no record is in
    // flight and two reads agree. All of it bounded by settleMs.
    const until = Date.now() + opts.settleMs;
    await networkOf(context)?.quiet(until);
    // Always two reads, even when the wait for quiet took the whole bound: on a loaded machine a failure reported
    // just as the network went quiet landed after a single read (a CI flake of the annotate-mode e2e).
    let records = await recordsNow();
    let seen: number;
    do {
      seen = records.length;
      await sleep(150);
      records = await recordsNow();
    } while (Date.now() < until && (records.some((r) => !r.done) || records.length !== seen));
    const { browser, chromeVersion } = runningChromium(await ext.evaluate(() => navigator.userAgent));
    return buildReport(records, {
      diagnose: (observed) => diagnose(observed, chromeVersion === null ? {} : { chromeVersion }),
      fixFor: (record, diagnosis) => chooseBackend(record.observed, diagnosis, opts.backend),
      meta: {
        generatedAt: new Date().toISOString(),
        generator: { name: 'cors-lens', version: toolVersion() },
        source: 'cli',
        pageUrl: pageUrl === 'about:blank' ? null : pageUrl,
        browser,
      },
    });
  } finally {
    await ext.close();
  }
}

export const REPORT_NAME = 'cors-lens-report.json';

/** The test's error: each blocked request with its cause in plain words and the fix's headline, as `record` prints. */
export function failureMessage(report: CorsReport): string {
  const blocked = { ...report, failures: report.failures.filter((f) => f.verdict === 'blocked') };
  return `CORS Lens: ${formatRecord(blocked, report.pageUrl ?? "this test's pages")}\nThe report (redacted) is attached to this test: ${REPORT_NAME}\n`;
}
