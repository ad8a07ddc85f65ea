// Drives real DevTools in headless Chromium: open DevTools for a tab, wait until the CORS panel is registered,
// select it, and evaluate script inside the panel page (which then runs with real chrome.devtools).
// Recipe measured on Chromium 156 (docs/chromium-behaviour.md#opening-devtools-in-tests): Target.openDevTools, then a
// non-flat session on the DevTools frontend, poll InspectorView for the extension's tab id, showPanel, then
// attach to the panel's iframe target. Calling showPanel before the panel registers is silently ignored.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { poll } from '../../src/cli/poll.ts';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

/** A non-flat CDP session to one target, multiplexed over the browser session (Playwright cannot address flat
 * child sessions). */
class ChildSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly browser: CDPSession,
    readonly sessionId: string,
  ) {
    browser.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
      if (ev.sessionId !== this.sessionId) return;
      const msg = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    });
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const done = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    void this.browser.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return done;
  }

  /** Evaluates an expression (awaiting promises) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    })) as {
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails)
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }
}

export interface DevToolsPanel {
  /** Evaluates in the panel page. */
  evaluate<T>(expression: string): Promise<T>;
  /** Evaluates in the DevTools frontend. */
  frontend: ChildSession;
  /** Polls the panel until `expression` is truthy, returning its value. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>;
  panelTargetId: string;
  /** The DevTools frontend's own target (its window can be undocked and resized for screenshots). */
  frontendTargetId: string;
  browserSession: CDPSession;
}

async function targets(browser: CDPSession): Promise<TargetInfo[]> {
  const r = (await browser.send('Target.getTargets', { filter: [{}] })) as { targetInfos: TargetInfo[] };
  return r.targetInfos;
}

async function attach(browser: CDPSession, targetId: string): Promise<ChildSession> {
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: false });
  return new ChildSession(browser, sessionId);
}

/** Opens DevTools on `page`, selects the CORS panel and returns a handle to evaluate inside it. */
export async function openCorsPanel(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<DevToolsPanel> {
  const b = context.browser();
  if (!b) throw new Error('no browser handle: launch with launchWithExtension()');
  const browserSession = await b.newBrowserCDPSession();
  const pageUrl = page.url();
  const pageTarget = await poll(
    async () => (await targets(browserSession)).find((t) => t.type === 'page' && t.url === pageUrl),
    10_000,
    'the page target',
  );
  // Target.openDevTools is not in Playwright's protocol typings yet.
  const send = browserSession.send.bind(browserSession) as (
    method: string,
    params: object,
  ) => Promise<unknown>;
  const { targetId: devtoolsId } = (await send('Target.openDevTools', { targetId: pageTarget.targetId })) as {
    targetId: string;
  };
  const frontend = await attach(browserSession, devtoolsId);
  const panelId = `chrome-extension://${extensionId}CORS`;
  const tabIds = `(async () => (await import('./ui/legacy/legacy.js')).InspectorView.InspectorView.instance().tabbedPane.tabIds())()`;
  await poll(
    async () => (await frontend.evaluate<string[]>(tabIds)).includes(panelId),
    20_000,
    'the CORS panel to register',
  );
  await frontend.evaluate(`DevToolsAPI.showPanel(${JSON.stringify(panelId)})`);
  const panelUrlPrefix = `chrome-extension://${extensionId}/panel/index.html`;
  const panelTarget = await poll(
    async () => (await targets(browserSession)).find((t) => t.url.startsWith(panelUrlPrefix)),
    20_000,
    'the panel iframe',
  );
  const panel = await attach(browserSession, panelTarget.targetId);
  return {
    evaluate: (expr) => panel.evaluate(expr),
    frontend,
    panelTargetId: panelTarget.targetId,
    frontendTargetId: devtoolsId,
    browserSession,
    waitFor: <T>(expr: string, timeoutMs = 10_000) => poll(() => panel.evaluate<T>(expr), timeoutMs, expr),
  };
}

/** Sends CDP commands, in order, to one target (the panel's iframe) over a non-flat session of its own. */
async function sendToTarget(
  session: CDPSession,
  targetId: string,
  calls: readonly { method: string; params: object }[],
): Promise<void> {
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  for (const [i, { method, params }] of calls.entries()) {
    const answered = new Promise<void>((resolve) => {
      const onMessage = (ev: { sessionId: string; message: string }) => {
        if (ev.sessionId === sessionId && (JSON.parse(ev.message) as { id?: number }).id === i + 1) {
          session.off('Target.receivedMessageFromTarget', onMessage);
          resolve();
        }
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
    });
    const message = JSON.stringify({ id: i + 1, method, params });
    await session.send('Target.sendMessageToTarget', { sessionId, message });
    await answered;
  }
  await session.send('Target.detachFromTarget', { sessionId });
}

/** Runtime.evaluate with a user gesture in the panel (clipboard writes and downloads need transient activation). */
export async function clickInPanel(session: CDPSession, targetId: string, selector: string): Promise<void> {
  const expression = `document.querySelector(${JSON.stringify(selector)}).click()`;
  await sendToTarget(session, targetId, [
    { method: 'Runtime.evaluate', params: { expression, userGesture: true, awaitPromise: true } },
  ]);
}

const KEY_CODES: Readonly<Record<string, number>> = {
  ArrowDown: 40,
  ArrowUp: 38,
  Home: 36,
  End: 35,
  Enter: 13,
};

/** Focuses `selector` in the panel (with a user gesture, as a click would) and presses `keys` there, as the keyboard
 * does: key down and up through Input.dispatchKeyEvent on the panel's own frame. */
export async function pressInPanel(
  panel: DevToolsPanel,
  selector: string,
  keys: readonly string[],
): Promise<void> {
  const expression = `document.querySelector(${JSON.stringify(selector)}).focus()`;
  await sendToTarget(panel.browserSession, panel.panelTargetId, [
    { method: 'Runtime.evaluate', params: { expression, userGesture: true } },
    ...keys.flatMap((key) =>
      (['rawKeyDown', 'keyUp'] as const).map((type) => ({
        method: 'Input.dispatchKeyEvent',
        params: { type, key, code: key, windowsVirtualKeyCode: KEY_CODES[key] ?? 0 },
      })),
    ),
  ]);
}

/** Clicks the panel's "Export all" JSON button and returns the file it downloaded, as text. */
export async function exportedJson(panel: DevToolsPanel): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-downloads-'));
  await panel.browserSession.send(
    'Browser.setDownloadBehavior' as never,
    { behavior: 'allow', downloadPath: dir } as never,
  );
  await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="export-all-json"]');
  return poll(
    async () => {
      await Promise.resolve();
      const name = readdirSync(dir).find((f) => f.endsWith('.json'));
      return name ? readFileSync(join(dir, name), 'utf8') : null;
    },
    10_000,
    'the JSON export',
  );
}
