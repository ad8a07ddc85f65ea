// `npm start`: builds the extension, starts the demo app (frontend :3000, AI backend :8000: the real FastAPI app
// when python3 can run it, else its Node reproduction) and opens Chromium with CORS Lens and DevTools on the CORS panel. Without a display it runs headless, prints what the panel
// diagnosed for each demo call, and exits 0 (non-zero when the panel did not diagnose every call).
import { execFileSync } from 'node:child_process';
import { startDemo, DEMO_CALLS } from '../demo/servers.ts';
import { launchWithExtension } from '../src/cli/launch.ts';
import { openCorsPanel, type DevToolsPanel } from '../test/support/devtools.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const hasDisplay =
  Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY) &&
  !process.env.CI &&
  process.env.HEADLESS !== '1';

/** Selects the call's row in the panel and reads the details view: headline, triage, detected backend, fix. */
async function readDetails(panel: DevToolsPanel, path: string): Promise<string[]> {
  const select = `(() => { const r = [...document.querySelectorAll('[data-testid="row"]')].find((x) => x.textContent.includes(${JSON.stringify(path)})); r?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })); return Boolean(r); })()`;
  await panel.evaluate(select);
  const read = `(() => { const d = document.querySelector('[data-testid="details"]'); if (!d || !d.textContent.includes(${JSON.stringify(path)})) return null;
    const t = (sel) => d.querySelector(sel)?.textContent.replace(/\\s+/g, ' ').trim() ?? '';
    const code = d.querySelector('.fix pre')?.textContent.split('\\n').filter((l) => l.trim()).slice(0, 6).join('\\n      ') ?? '';
    return ['cause:    ' + t('#details-title'), t('.triage') && 'triage:   ' + t('.triage'), 'backend:  ' + t('.detected'), code && 'fix:      ' + code].filter(Boolean); })()`;
  return panel.waitFor<string[]>(read, 5_000).catch(() => ['(details did not open)']);
}

async function main(): Promise<number> {
  out('Building the extension into dist/ ...');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });

  const demo = await startDemo(
    Number(process.env.DEMO_FRONTEND_PORT ?? 3000),
    Number(process.env.DEMO_API_PORT ?? 8000),
  );
  out(`Demo frontend: ${demo.frontendOrigin}\nAI backend:    ${demo.apiOrigin}, ${demo.backend.description}`);
  // Starlette 1.0 reflects the origin for allow_origins=["*"] with credentials, so /v3/me passes there.
  const calls = DEMO_CALLS.filter((c) => c.id !== 'wildcard-credentials' || demo.backend.starletteMajor < 1);
  if (calls.length < DEMO_CALLS.length)
    out('(Starlette >= 1.0 fixed the `*` with credentials mistake: /v3/me passes with this backend.)');
  const browser = await launchWithExtension({ headless: !hasDisplay });
  const shutdown = async () => {
    await browser.close().catch(() => undefined);
    await demo.close();
  };
  try {
    const page = await browser.context.newPage();
    await page.goto(demo.frontendOrigin);
    const panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
    if (hasDisplay) {
      out(
        'Chromium is open with DevTools on the CORS panel. Click the buttons in the demo page; close the browser to stop.',
      );
      await new Promise<void>((resolve) => {
        browser.context.on('close', () => {
          resolve();
        });
      });
      await demo.close();
      return 0;
    }
    await page.evaluate(() =>
      (window as unknown as { runAllDemoCalls: () => Promise<string[]> }).runAllDemoCalls(),
    );
    const rowsExpr = `[...document.querySelectorAll('[data-testid="row"]')].map((r) => r.innerText.replace(/\\s+/g, ' ').trim())`;
    let rows: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      rows = await panel.evaluate<string[]>(rowsExpr);
      if (calls.every((c) => rows.some((r) => r.includes(c.path)))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    out('\nWhat the CORS panel diagnosed (headless run):');
    for (const call of calls) {
      const row = rows.find((r) => r.includes(call.path));
      out(`\n• ${call.label}\n  row:      ${row ?? '(no row: the panel did not show this call)'}`);
      if (row) for (const line of await readDetails(panel, call.path)) out(`  ${line}`);
    }
    const missing = calls.filter((c) => !rows.some((r) => r.includes(c.path)));
    await shutdown();
    if (missing.length) {
      process.stderr.write(`\nThe panel showed ${calls.length - missing.length} of ${calls.length} calls.\n`);
      return 1;
    }
    out('\nOpen a display (or run on a desktop) to see the same in a real Chromium window.');
    return 0;
  } catch (e) {
    await shutdown();
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`npm start failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
