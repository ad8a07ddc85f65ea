#!/usr/bin/env node
// Finds a Chromium for the e2e tests: CHROMIUM_PATH, then the usual install locations. When none is found and we
// are root on Debian/Ubuntu, installs Debian's `chromium` package; otherwise stops with what to install.
// (Branded Google Chrome ignores --load-extension since version 137, so it is not a candidate.)
import { execFileSync } from 'node:child_process';
import { findBinary, findOrInstall } from './find-or-install.mjs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const findChromium = () => findBinary('CHROMIUM_PATH', CANDIDATES);

/** What to do when no Chromium is found: where we looked and what to install. */
export function noChromiumMessage() {
  return (
    `No Chromium found (looked at CHROMIUM_PATH, which is unset, and ${CANDIDATES.join(', ')}). ` +
    'Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`; ' +
    'macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome for Testing binary. ' +
    'Branded Google Chrome cannot be used: it ignores --load-extension since version 137.'
  );
}

/** `stdio` is where apt's output goes (the CLI sends it to stderr, so it never mixes with a report on stdout). */
export function ensureChromium(stdio = 'inherit') {
  const found = findOrInstall('CHROMIUM_PATH', CANDIDATES, 'chromium', { stdio });
  if (found) return found;
  throw new Error(noChromiumMessage());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const path = ensureChromium();
    // CI logs say which Chromium the e2e ran on: the tests expect that version's behaviour.
    let version = 'version unknown';
    try {
      version = execFileSync(path, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      // a wrapper that cannot print its version still runs the tests
    }
    process.stdout.write(`chromium: ${path} (${version})\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
