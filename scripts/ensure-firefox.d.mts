import type { StdioOptions } from 'node:child_process';

/** Path of a usable Firefox or null (FIREFOX_PATH first, then firefox-esr and the usual install locations). */
export function findFirefox(): string | null;
/** A usable Firefox's path, installing Debian's firefox-esr when root on Debian/Ubuntu; null when neither. */
export function ensureFirefox(stdio?: StdioOptions): string | null;
