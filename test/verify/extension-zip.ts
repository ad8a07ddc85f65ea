// The Chrome Web Store zip as the store gets it: `npm run package`, then the zip's contents unpacked into a fresh
// folder (not dist/) are loaded in Chromium and the spine e2e runs against them (EXT_DIR). Part of
// `npm run verify:fixes`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { REPO } from './harness.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);
const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
const node = (args: string[], env: Record<string, string> = {}) => {
  execFileSync(process.execPath, args, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
};

node(['node_modules/tsx/dist/cli.mjs', 'scripts/package.ts']);
const zipPath = path.join(REPO, 'release', `cors-lens-${version}-chrome.zip`);
const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-store-zip-'));
const files = unzipSync(readFileSync(zipPath));
for (const [name, bytes] of Object.entries(files)) {
  // Names come from our own zip, but never let one climb out of the folder.
  const target = path.resolve(dir, name);
  if (!target.startsWith(`${dir}${path.sep}`)) throw new Error(`zip entry outside the folder: ${name}`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
}
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string };
if (manifest.version !== version)
  throw new Error(`the zip's manifest is ${manifest.version}, not ${version}`);
say(`extension zip: ${Object.keys(files).length} files unpacked into ${dir}; running the spine on them`);
try {
  node(['node_modules/@playwright/test/cli.js', 'test', 'test/e2e/spine.spec.ts'], { EXT_DIR: dir });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
say('extension zip: the spine passes on the unpacked zip');
