// Where the browsers the engine reproduces part from each other and from the Fetch standard, as data: one row per
// profile, read by the rules instead of `browser === 'chrome'` tests. Evidence: docs/engine.md ("Browser
// profiles") and, for Firefox, docs/firefox.md (measured on Debian's firefox-esr).
import type { BrowserProfile } from './types.ts';

export interface BrowserFacts {
  /** Drops a page-set User-Agent (Chromium, crbug.com/571722); the standard allows it since 2015. */
  dropsUserAgent: boolean;
  /** Safelists Chromium's client hints and Intervention header (no preflight for them). */
  safelistsClientHints: boolean;
  /** Lower-cases a Range value before parsing it (`BYTES=1-2` is safelisted). */
  rangeIgnoresCase: boolean;
  /** Lets `Access-Control-Allow-Headers: *` cover Authorization (deprecated; a console warning). */
  authorizationByWildcard: boolean;
  /** Access-Control-Max-Age cap in seconds, and whether an unparsable value means 0 (else the default 5). */
  maxAgeCap: number;
  badMaxAgeIsZero: boolean;
  /** Local Network Access: a permission guards requests to more private address spaces. */
  localNetworkAccess: boolean;
  /** The preflight's answer is checked for ACAO/ACAC before its redirect status is refused. */
  preflightAccessBeforeRedirect: boolean;
  /** A request that was preflighted is preflighted again at every redirect, even once its method became GET. */
  preflightStaysOnRedirect: boolean;
  /** A preflight after a tainting redirect still carries the page's Origin (the actual request carries null). */
  preflightKeepsOrigin: boolean;
}

const STANDARD: BrowserFacts = {
  dropsUserAgent: false,
  safelistsClientHints: false,
  rangeIgnoresCase: false,
  authorizationByWildcard: false,
  maxAgeCap: 86400,
  badMaxAgeIsZero: false,
  localNetworkAccess: false,
  preflightAccessBeforeRedirect: false,
  preflightStaysOnRedirect: false,
  preflightKeepsOrigin: false,
};

export const BROWSERS: Readonly<Record<BrowserProfile, BrowserFacts>> = {
  standard: STANDARD,
  chrome: {
    ...STANDARD,
    dropsUserAgent: true,
    safelistsClientHints: true,
    rangeIgnoresCase: true,
    authorizationByWildcard: true,
    maxAgeCap: 7200,
    badMaxAgeIsZero: true,
    localNetworkAccess: true,
  },
  // Firefox 153 ESR, measured over the agreement scenarios (test/firefox/agreement.ts).
  firefox: {
    ...STANDARD,
    authorizationByWildcard: true,
    preflightAccessBeforeRedirect: true,
    preflightStaysOnRedirect: true,
    preflightKeepsOrigin: true,
  },
};

export const factsOf = (browser: BrowserProfile = 'chrome'): BrowserFacts => BROWSERS[browser];
