#!/usr/bin/env node
// Finds Firefox for the Firefox run (test/firefox/): FIREFOX_PATH, then Debian's firefox-esr and the usual places.
// When none is found and we are root on Debian/Ubuntu, installs Debian's `firefox-esr` package (find-or-install.mjs,
// as for Chromium); otherwise returns null and the caller says what it skipped.
import { findBinary, findOrInstall } from './find-or-install.mjs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr'];

export const findFirefox = () => findBinary('FIREFOX_PATH', CANDIDATES);

/** The Firefox to drive, installed with apt when we can; null when there is none and we cannot install one. */
export const ensureFirefox = (stdio = 'inherit') =>
  findOrInstall('FIREFOX_PATH', CANDIDATES, 'firefox-esr', { stdio, recommends: false });
