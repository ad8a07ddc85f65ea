// `npm start`: builds the extension, starts the demo app (frontend :3000, AI backend :8000) and opens Chromium
// with CORS Lens and DevTools on the CORS panel. Without a display it runs headless, prints what the panel
// diagnosed for each demo call, and exits 0 (non-zero when the panel did not diagnose every call).
import { execFileSync } from 'node:child_process';
import { startDemo, DEMO_CALLS } from '../demo/servers.ts';
import { launchWithExtension } from '../test/support/extension.ts';
import { openCorsPanel } from '../test/support/devtools.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const hasDisplay =
  Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY) &&
  !process.env.CI &&
  process.env.HEADLESS !== '1';

async function main(): Promise<number> {
  out('Building the extension into dist/ ...');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });

  const demo = await startDemo(
    Number(process.env.DEMO_FRONTEND_PORT ?? 3000),
    Number(process.env.DEMO_API_PORT ?? 8000),
  );
  out(`Demo frontend: ${demo.frontendOrigin}   AI backend: ${demo.apiOrigin}`);
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
      if (DEMO_CALLS.every((c) => rows.some((r) => r.includes(c.path)))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    out('\nWhat the CORS panel diagnosed (headless run):');
    for (const call of DEMO_CALLS) {
      const row = rows.find((r) => r.includes(call.path));
      out(`\n• ${call.label}\n  ${row ?? '(no row: the panel did not show this call)'}`);
    }
    const missing = DEMO_CALLS.filter((c) => !rows.some((r) => r.includes(c.path)));
    await shutdown();
    if (missing.length) {
      process.stderr.write(
        `\nThe panel showed ${DEMO_CALLS.length - missing.length} of ${DEMO_CALLS.length} calls.\n`,
      );
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
