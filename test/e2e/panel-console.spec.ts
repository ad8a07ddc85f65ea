// The console line the panel shows in real DevTools is the running Chromium's own, character for character: the
// page's failures are read over CDP (Log.entryAdded) in the same run and compared with the line in each row's
// details. The redirect to ftp: is the line whose wording changed between versions (the scheme list, 151+:
// src/engine/chrome-versions.ts), so this fails on a Chromium whose version the panel does not pass to the engine
// (rerun on 150: CHROMIUM_PATH=/opt/chromium-150/usr/lib/chromium/chromium). "Record all tabs" is on because
// Chromium 150's DevTools log never lists the failed ftp: hop (test/support/chromium-version.ts).
import { test, expect } from '@playwright/test';
import { poll } from '../../src/cli/poll.ts';
import { openCorsPanel } from '../support/devtools.ts';
import { fixtureBrowser } from './fixture-browser.ts';
import { chromeVerdicts } from './destinations-cdp.ts';
import { runScenarios } from './panel-helpers.ts';

const IDS = ['redirect-disabled-scheme', 'missing-acao', 'preflight-405', 'authorization-not-allowed'];

const env = fixtureBrowser({ allTabs: true });

test("each row's console line is the running Chromium's own line", async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.servers.pageOrigin}/`);
  const panel = await openCorsPanel(env.browser.context, page, env.browser.extensionId ?? '');
  const { sink, cdp } = await chromeVerdicts(page);
  const version = ((await cdp.send('Browser.getVersion')) as { product: string }).product;
  await runScenarios(page, env.servers, IDS, 'console');
  await panel.waitFor(
    `document.querySelectorAll('[data-testid="row"]').length === ${String(IDS.length)}`,
    20_000,
  );
  for (const id of IDS) {
    const url = `${env.servers.urlOf(id)}?t=console`;
    const chromeLine = await poll(
      async () => {
        await Promise.resolve();
        return sink.lines.find((l) => l.text.includes(` at '${url}'`) || l.text.includes(`from '${url}'`))
          ?.text;
      },
      10_000,
      `Chromium's console line for ${id}`,
    );
    const select = JSON.stringify(`/s/${id}?`);
    await panel.evaluate(
      `[...document.querySelectorAll('[data-testid="row"]')].find((r) => r.textContent.includes(${select})).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))`,
    );
    const shown = await panel.waitFor<string>(
      `document.querySelector('[data-testid="details"] .facts dd')?.textContent.includes(${select}) && document.querySelector('[data-testid="details"] pre.console')?.textContent`,
    );
    expect(shown, `${id} on ${version}`).toBe(chromeLine);
  }
});
