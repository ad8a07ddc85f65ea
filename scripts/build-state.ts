// Whether dist/ is missing or older than any source that goes into it (used by e2e setup and the CLI's record).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SOURCES = ['src', 'panel', 'manifest.json', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale(root = process.cwd()): boolean {
  const built = resolve(root, 'dist/manifest.json');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.map((s) => resolve(root, s)).some((s) => existsSync(s) && newestMtime(s) > builtAt);
}
