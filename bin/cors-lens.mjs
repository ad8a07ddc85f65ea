#!/usr/bin/env node
// Launcher for `npx cors-lens`. Installed from npm it runs the compiled CLI in lib/ (plain JavaScript, no build
// tools). In a cors-lens checkout, where src/ is present, it runs the TypeScript sources through tsx (a
// devDependency), so `npm ci && npx cors-lens` needs no build step and always runs what the sources say.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let entry = new URL('../lib/cli.js', import.meta.url);
if (existsSync(source)) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('cors-lens: cannot load tsx; run `npm ci` in the cors-lens checkout first\n');
    process.exit(2);
  }
  register();
  entry = source;
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
