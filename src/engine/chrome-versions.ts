// What changed in Chrome between version 120 (the manifest's minimum) and today, as data: one row per version range,
// selected by the running browser's major version. Each row's evidence is in docs/engine.md, "Chrome versions".
import type { CorsError } from './types.ts';

export interface ChromeFacts {
  /** The schemes listed by the CorsDisabledScheme console line. */
  corsSchemes: string;
  /** Local Network Access: 'permission' (a prompt guards public → local/loopback, Chrome 142+); 'pna' (Private
   * Network Access: only non-secure pages are blocked, secure ones get a warning-only preflight). */
  localNetwork: 'permission' | 'pna';
  /** CDP's names for the Local Network Access errors: the Private Network names before the 2026 renames. */
  localNetworkNames: 'private' | 'local';
}

/** Chrome's newest facts; a version outside every row (newer than the table) gets these. */
const NEWEST: ChromeFacts = {
  corsSchemes:
    'chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app',
  localNetwork: 'permission',
  localNetworkNames: 'local',
};

/** Rows, newest first: a row applies from `since` up to the next newer row. */
const ROWS: readonly { since: number; facts: Partial<ChromeFacts> }[] = [
  { since: 151, facts: {} },
  {
    since: 146,
    facts: { corsSchemes: 'chrome, chrome-extension, chrome-untrusted, data, http, https, isolated-app' },
  },
  { since: 142, facts: { localNetworkNames: 'private' } },
  { since: 0, facts: { localNetwork: 'pna' } },
];

const cache = new Map<number, ChromeFacts>();

/** The facts for a Chrome major version (undefined: the newest). */
export function chromeFacts(major?: number): ChromeFacts {
  if (major === undefined || !Number.isFinite(major)) return NEWEST;
  const hit = cache.get(major);
  if (hit !== undefined) return hit;
  let facts = NEWEST;
  for (const row of ROWS) {
    facts = { ...facts, ...row.facts };
    if (major >= row.since) break;
  }
  cache.set(major, facts);
  return facts;
}

/**
 * The major version in a version string (`150.0.7871.100`), a user agent (`Chrome/150.0.0.0`,
 * `HeadlessChrome/156…`) or userAgentData's brand version; null when there is none.
 */
export function chromeMajor(text: string): number | null {
  const m =
    /(?:Chrom(?:e|ium)\/)?(\d{2,4})\.\d+\.\d+\.\d+/.exec(text) ?? /Chrom(?:e|ium)\/(\d{2,4})/.exec(text);
  if (m === null) return /^\d{2,4}$/.test(text.trim()) ? Number(text.trim()) : null;
  return Number(m[1]);
}

const PRIVATE_NAMES: Partial<Record<CorsError, string>> = {
  InsecureLocalNetwork: 'InsecurePrivateNetwork',
  InvalidLocalNetworkAccess: 'InvalidPrivateNetworkAccess',
  LocalNetworkAccessPermissionDenied: 'PrivateNetworkAccessPermissionDenied',
};

/** The name this Chrome version's CDP gives a CorsError (the engine reports current names). */
export const corsErrorNameFor = (e: CorsError, major?: number): string =>
  chromeFacts(major).localNetworkNames === 'private' ? (PRIVATE_NAMES[e] ?? e) : e;
