import type { StdioOptions } from 'node:child_process';

/** Path of a usable Chromium or null (CHROMIUM_PATH first, then the usual install locations). */
export function findChromium(): string | null;
/** A usable Chromium's path; installs Debian's package when root on Debian/Ubuntu, otherwise throws what to install. */
export function ensureChromium(stdio?: StdioOptions): string;
/** Where we looked and what to install, for the error a user sees. */
export function noChromiumMessage(): string;
