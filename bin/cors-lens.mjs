#!/usr/bin/env node
// Launcher for `npx cors-lens`: registers tsx's ESM loader in this process and runs the TypeScript entry, so a fresh
// `npm ci` checkout needs no build step. tsx is a devDependency of this package (pinned in package-lock.json).
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write('cors-lens: cannot load tsx; run `npm ci` in the cors-lens checkout first\n');
  process.exit(2);
}
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
