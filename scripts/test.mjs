#!/usr/bin/env node
// `npm test`: every check the project has, in CI order, stopping at the first failure:
// format → lint → typecheck → Chromium (installed if missing; the CLI's record tests and the e2e need it) →
// unit + component tests → build (Chrome, then Firefox + web-ext lint) → e2e (real Chromium, built extension) →
// Firefox (real firefox-esr, built add-on).
import { spawnSync } from 'node:child_process';

const steps = [
  ['format', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']],
  ['lint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0']],
  ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit']],
  ['chromium', ['scripts/ensure-chromium.mjs']],
  ['unit', ['node_modules/vitest/vitest.mjs', 'run']],
  ['build', ['node_modules/vite/bin/vite.js', 'build']],
  // The Firefox add-on: built, and linted by Mozilla's own linter (0 errors; docs/firefox.md).
  ['build:firefox', ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.firefox.config.ts']],
  ['lint:firefox', ['node_modules/web-ext/bin/web-ext.js', 'lint', '--source-dir', 'dist-firefox']],
  ['e2e', ['node_modules/@playwright/test/cli.js', 'test']],
  // Debian's firefox-esr over WebDriver BiDi (installed here when missing, as Chromium is; skipped, saying so, only
  // where it cannot be): the agreement scenarios and the add-on in real Firefox (test/firefox/run.ts).
  ['firefox', ['node_modules/tsx/dist/cli.mjs', 'test/firefox/run.ts']],
  // A HAR exported by Firefox's own network monitor, read by `cors-lens har` (test/firefox/har-export.ts).
  ['firefox:har', ['node_modules/tsx/dist/cli.mjs', 'test/firefox/har-export.ts']],
];

for (const [name, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n── ${name} ──\n`);
  const r = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed after ${secs}s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✓ ${name} (${secs}s)\n`);
}
