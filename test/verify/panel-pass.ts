// The matrix through the product's real path: the built extension in Chromium, DevTools open on the page, the CORS
// panel. The page's own script makes the failing call; the row is selected as a user selects it; the fix is the
// Copy button's clipboard text for the backend the panel preselected; the fixed server is then called by the same
// page, which must read what it reads.
import type { BrowserContext, Page } from '@playwright/test';
import type { Launched } from '../../src/cli/launch.ts';
import { poll } from '../../src/cli/poll.ts';
import { clickInPanel, openCorsPanel, type DevToolsPanel } from '../support/devtools.ts';

export interface AppOutcome {
  ok: boolean;
  status: number | null;
  /** The X-Request-Id the page read after success. */
  read: string | null;
  body: string | null;
  corsError: string | null;
  failedParameter: string | null;
}

export interface PanelFix {
  /** The backend the panel preselected (its detection), and the one the fix was copied for. */
  preselected: string;
  used: string;
  clipboard: string;
  snippets: { where: string; code: string }[];
  /** The fix view's "Assumes:" line. */
  assumptions: string;
  /** The panel's headline for the row. */
  row: string;
}

type Ev = (expr: string) => Promise<unknown>;

/** Opens the page, makes `call` with the page's own script and reads Chrome's verdict over CDP. The page stays open. */
export async function appCall(
  context: BrowserContext,
  pageUrl: string,
  call: string,
  before?: (page: Page) => Promise<unknown>,
): Promise<{ outcome: AppOutcome; page: Page; extra: unknown }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const seen: { corsError: string | null; failedParameter: string | null } = {
    corsError: null,
    failedParameter: null,
  };
  cdp.on(
    'Network.loadingFailed',
    (e: { corsErrorStatus?: { corsError: string; failedParameter: string } }) => {
      if (e.corsErrorStatus) {
        seen.corsError = e.corsErrorStatus.corsError;
        seen.failedParameter = e.corsErrorStatus.failedParameter;
      }
    },
  );
  await cdp.send('Network.enable');
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'calls' in window);
  const extra = before ? await before(page) : undefined;
  const r = await page.evaluate(async (name) => {
    try {
      const calls = (window as unknown as { calls: Record<string, () => Promise<unknown>> }).calls;
      const f = calls[name];
      if (!f) throw new Error(`no call ${name}`);
      return (await f()) as { ok: boolean; status: number | null; read: string | null; body: string | null };
    } catch (e) {
      return { ok: false, status: null, read: null, body: String(e) };
    }
  }, call);
  if (!r.ok)
    for (let i = 0; i < 20 && seen.corsError === null; i++) await new Promise((res) => setTimeout(res, 25));
  return { outcome: { ...r, ...seen }, page, extra };
}

const q = (s: string): string => JSON.stringify(s);

/** With DevTools open on the page: make the call, select its row, take the fix the way a user takes it. */
export async function fixFromPanel(
  l: Launched,
  pageUrl: string,
  call: string,
  apiOrigin: string,
  backend: string,
): Promise<{ outcome: AppOutcome; fix: PanelFix }> {
  let panel: DevToolsPanel | null = null;
  const { outcome, page } = await appCall(l.context, pageUrl, call, async (p) => {
    panel = await openCorsPanel(l.context, p, l.extensionId ?? '');
  });
  try {
    const row = `[...document.querySelectorAll('[data-testid="row"]')].find((r) => r.textContent.includes(${q(apiOrigin)}))`;
    const fix = await copyFix(l, panel as unknown as DevToolsPanel, page, row, backend);
    return { outcome, fix };
  } finally {
    await page.close();
  }
}

/**
 * In the open CORS panel: select the row `row` (an expression for its element), keep the backend the panel preselected
 * or pick `backend` as a user would, wait for the fix view to settle, click Copy fix and read the clipboard from `page`.
 */
export async function copyFix(
  l: Launched,
  pn: DevToolsPanel,
  page: Page,
  row: string,
  backend: string,
  /** An API call's fix view settles once it has read the call site's script (app.js); a static asset has none. */
  settled: 'script' | 'stable' = 'script',
): Promise<PanelFix> {
  const ev: Ev = (e) => pn.evaluate(e);
  await pn.waitFor(`Boolean(${row})`, 20_000);
  await ev(`(${row}).dispatchEvent(new MouseEvent('mousedown', { bubbles: true })), true`);
  await pn.waitFor(
    `(${row}).getAttribute('aria-selected') === 'true' && Boolean(document.querySelector('.fix select'))`,
    20_000,
  );
  const preselected = (await ev(`document.querySelector('.fix select').value`)) as string;
  if (preselected !== backend) {
    // The user picks the backend they run; the detection miss is reported in the table.
    await ev(
      `(() => { const s = document.querySelector('.fix select'); s.value = ${q(backend)}; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`,
    );
    await pn.waitFor(`document.querySelector('.fix select').value === ${q(backend)}`);
  }
  // The call site's script arrives asynchronously and can change the fix: wait until the view is stable.
  const view = `JSON.stringify([document.querySelector('[data-testid="fix-assumptions"]')?.textContent ?? '', [...document.querySelectorAll('.fix pre.snippet')].map((p) => p.textContent)])`;
  let last = '';
  let same = 0;
  await poll(
    async () => {
      const now = (await ev(view)) as string;
      same = now === last ? same + 1 : 0;
      last = now;
      return (settled === 'script' ? same >= 1 && now.includes('app.js') : same >= 3) || undefined;
    },
    4_000,
    'the fix view to settle',
  ).catch(() => undefined);
  await clickInPanel(pn.browserSession, pn.panelTargetId, '[data-testid="copy-fix"]');
  await pn.waitFor(`document.querySelector('.fix [role="status"]').textContent === 'Fix copied'`);
  const origin = new URL(page.url()).origin;
  await l.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const clipboard = await readClipboard(page);
  const snippets = (await ev(
    `[...document.querySelectorAll('.fix .snippet-block')].map((b) => ({ where: b.querySelector('.where').textContent, code: b.querySelector('pre.snippet').textContent }))`,
  )) as { where: string; code: string }[];
  const assumptions = (await ev(
    `document.querySelector('[data-testid="fix-assumptions"]')?.textContent ?? ''`,
  )) as string;
  const rowText = (await ev(`(${row}).textContent`)) as string;
  return { preselected, used: backend, clipboard, snippets, assumptions, row: rowText };
}

/** The system clipboard, read from the page. Reading needs the document focused, and the undocked DevTools window can
 * take focus back between bringToFront and the read: bring the page forward again and retry a few times. */
async function readClipboard(page: Page): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await page.bringToFront();
    try {
      return await page.evaluate(() => navigator.clipboard.readText());
    } catch (e) {
      if (attempt >= 5 || !String(e).includes('not focused')) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
