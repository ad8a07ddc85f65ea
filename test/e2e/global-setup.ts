// Before any e2e test: make sure Chromium exists (installing Debian's package as root if needed) and that dist/
// holds a build at least as new as the sources, so a test never runs an old extension.
import { execFileSync } from 'node:child_process';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { isBuildStale } from '../../scripts/build-state.ts';

export default function globalSetup(): void {
  ensureChromium();
  if (isBuildStale())
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
}
