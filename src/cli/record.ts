// `cors-lens record <url>`: the extension itself, in headless Chromium, watches the page load; its records go
// through the same buildReport the panel's export uses, so the CLI report and the panel's are the same document.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { diagnose } from '../engine/index.ts';
import { buildReport, toJson, toMarkdown, type CorsReport } from '../report/index.ts';
import { isBuildStale } from '../../scripts/build-state.ts';
import {
  ensureChromium as findOrInstallChromium,
  findChromium,
  noChromiumMessage,
} from '../../scripts/ensure-chromium.mjs';
import { launchWithExtension, type Launched } from './launch.ts';
import type { RecordArgs } from './args.ts';
import { chooseBackend } from './backend.ts';
import { BrowserError } from './errors.ts';
import { writeOut } from './write-out.ts';
import { EXIT, type Io } from './io.ts';
import { isCheckout, packageRoot, toolVersion } from './paths.ts';
import { capture } from './record-capture.ts';
import { formatRecord } from './format.ts';

/** In a checkout, builds dist/ when it is missing or older than the sources; the build log goes to stderr, never
 * into a report. The npm package ships dist/ built (`prepack`). */
function ensureBuilt(io: Io): void {
  const ROOT = packageRoot();
  if (!isBuildStale(ROOT)) return;
  if (!isCheckout())
    throw new BrowserError(`the extension is missing from ${join(ROOT, 'dist')}: reinstall cors-lens`);
  io.stderr('cors-lens: building the extension (dist/ is missing or older than the sources)...\n');
  try {
    // Vite and its plugins log to stdout; keep it out of the CLI's output unless the build fails.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (e) {
    const log = `${String((e as { stdout?: Buffer }).stdout ?? '')}${String((e as { stderr?: Buffer }).stderr ?? '')}`;
    io.stderr(log.split('\n').slice(-20).join('\n'));
    throw new BrowserError(
      'building the extension failed (the build log is above; `npm run build` shows it all)',
    );
  }
}

/** Installs Chromium when missing (root on Debian/Ubuntu only), with apt's output on stderr, never in a report. */
function ensureChromium(io: Io): void {
  let found: string | null;
  try {
    found = findChromium();
  } catch (e) {
    throw new BrowserError((e as Error).message); // CHROMIUM_PATH names a missing file
  }
  if (found !== null) return;
  io.stderr('cors-lens: no Chromium found; trying to install it...\n');
  try {
    findOrInstallChromium(['ignore', 2, 2]); // root on Debian/Ubuntu only; apt's output goes to stderr
  } catch {
    throw new BrowserError(noChromiumMessage());
  }
}

async function launch(): Promise<Launched> {
  try {
    // "Record all tabs" (webRequest) sees the page from its first request; DevTools' log would start later.
    return await launchWithExtension({ extensionDir: join(packageRoot(), 'dist'), allTabs: true });
  } catch (e) {
    throw new BrowserError(
      `cannot launch Chromium with the extension: ${((e as Error).message.split('\n')[0] ?? '').replace(/^[\w.]+: /, '')}`,
    );
  }
}

export async function recordCommand(args: RecordArgs, io: Io): Promise<number> {
  ensureBuilt(io);
  ensureChromium(io);
  const launched = await launch();
  let report: CorsReport;
  try {
    const { records, browser, chromeVersion } = await capture(launched, args).catch((e: unknown) => {
      if (e instanceof BrowserError) throw e;
      throw new BrowserError(`browser error: ${(e as Error).message.split('\n')[0] ?? ''}`);
    });
    report = buildReport(records, {
      diagnose: (observed) => diagnose(observed, chromeVersion === null ? {} : { chromeVersion }),
      fixFor: (record, diagnosis) => chooseBackend(record.observed, diagnosis, null),
      meta: {
        generatedAt: new Date().toISOString(),
        generator: { name: 'cors-lens', version: toolVersion() },
        source: 'cli',
        pageUrl: args.url,
        browser,
      },
    });
  } finally {
    await launched.close();
  }
  const rendered = args.format === 'md' ? toMarkdown(report) : toJson(report);
  if (args.out !== null) {
    writeOut(args.out, rendered);
    io.stdout(
      `${formatRecord(report, args.url)}\nReport (schema ${report.schemaVersion}) written to ${args.out}\n`,
    );
  } else io.stdout(args.format === 'text' ? formatRecord(report, args.url) : rendered);
  return report.failures.some((f) => f.verdict === 'blocked') ? EXIT.blocked : EXIT.ok;
}
