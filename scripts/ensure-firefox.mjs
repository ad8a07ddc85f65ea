#!/usr/bin/env node
// Finds Firefox for the Firefox run (test/firefox/): FIREFOX_PATH, then Debian's firefox-esr and the usual places.
// When none is found and we are root on Debian/Ubuntu, installs Debian's `firefox-esr` package (as
// ensure-chromium.mjs does for Chromium); otherwise returns null and the caller says what it skipped.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];

export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The Firefox to drive, installed with apt when we can; null when there is none and we cannot install one. */
export function ensureFirefox(stdio = 'inherit') {
  const found = findFirefox();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('Firefox not found: installing Debian package "firefox-esr" with apt-get...\n');
    execFileSync('apt-get', ['update', '-qq'], { stdio });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr'], {
      stdio,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return findFirefox();
  }
  return null;
}
