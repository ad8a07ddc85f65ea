/** Path of a usable Chromium or null (CHROMIUM_PATH first, then the usual install locations). */
export function findChromium(): string | null;
/** A usable Chromium's path; installs Debian's package when root on Debian/Ubuntu, otherwise throws what to install. */
export function ensureChromium(): string;
