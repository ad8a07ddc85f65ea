// `npm test`'s Firefox step: Debian's firefox-esr (installed by scripts/ensure-firefox.mjs when missing and we can),
// driven over WebDriver BiDi; the live-agreement scenarios replayed in it. Prints "N passed, N failed".
import { ensureFirefox } from '../../scripts/ensure-firefox.mjs';
import { startFixtureServers } from '../fixtures/cors-server.ts';
import { agreement, type Outcome } from './agreement.ts';
import { launchFirefox } from './firefox.ts';
import { ADDON_ARGS, ADDON_PREFS, checkPanel } from './addon.ts';

const path = ensureFirefox();
if (path === null) {
  process.stdout.write(
    "SKIPPED: no Firefox (looked at FIREFOX_PATH and /usr/bin/firefox-esr, and cannot install Debian's firefox-esr: not root on Debian/Ubuntu). Install firefox-esr or set FIREFOX_PATH.\n",
  );
  process.exit(0);
}

const fx = await startFixtureServers();
const ff = await launchFirefox(path, ADDON_PREFS, ADDON_ARGS);
const results: Outcome[] = [];
try {
  await ff.page.goto(`${fx.pageOrigin}/`);
  process.stdout.write(`firefox: ${path} (${ff.version})\n`);
  const agreed = await agreement(ff, fx);
  results.push(...agreed);
  const panel = await checkPanel(ff, `${fx.pageOrigin}/`);
  results.push({ id: 'panel', lines: [], ...panel });
  process.stdout.write(
    `${panel.ok ? '✓' : '✗'} add-on installed, panel rendered and connected${panel.problem ? `: ${panel.problem}` : ''}\n`,
  );
  for (const r of agreed)
    process.stdout.write(`${r.ok ? '✓' : '✗'} agreement ${r.id}${r.problem ? `: ${r.problem}` : ''}\n`);
} finally {
  await ff.close();
  await fx.close();
}
const failed = results.filter((r) => !r.ok).length;
process.stdout.write(`\nfirefox: ${String(results.length - failed)} passed, ${String(failed)} failed\n`);
process.exit(failed === 0 ? 0 : 1);
