// `npm run package`: the release artifacts for the Chrome Web Store, in release/:
//   cors-lens-<version>-chrome.zip   the production build (dist/), manifest at the root, nothing else
//   cors-lens-<version>-source.zip   the sources it is built from (every file git tracks), for the store's review
// The version comes from package.json (vite.config.ts writes it into the manifest). Source maps, tests and dev
// builds are refused, and a size report is printed. The store listing material is in store/ (store/README.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

// A fixed time stamp keeps the zips byte-identical for identical inputs (zip stores DOS times, from 1980).
const MTIME = new Date('2026-01-01T00:00:00Z');
const FORBIDDEN = /\.map$|\.test\.|\.spec\.|(^|\/)test\//;

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

function zip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort())
    entries[name] = [files[name] as Uint8Array, { mtime: MTIME, level: 9 }];
  return zipSync(entries);
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});

const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8')) as {
  version: string;
  background: { service_worker: string };
};
if (manifest.version !== version)
  throw new Error(`dist/manifest.json is ${manifest.version}, package.json ${version}`);
const built: Record<string, Uint8Array> = {};
for (const file of walk('dist')) built[relative('dist', file)] = readFileSync(file);
const bad = Object.keys(built).filter((f) => FORBIDDEN.test(f));
// A dev build (`npm run dev`) loads its code from the Vite server: never ship it.
const dev = readFileSync(join('dist', manifest.background.service_worker), 'utf8').includes('localhost:5173');
if (bad.length || dev)
  throw new Error(`dist/ is not a clean production build: ${dev ? 'a dev build' : bad.join(', ')}`);

const sources: Record<string, Uint8Array> = {};
for (const file of execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean))
  sources[`cors-lens-${version}/${file}`] = readFileSync(file);

mkdirSync('release', { recursive: true });
const chromeZip = `release/cors-lens-${version}-chrome.zip`;
const sourceZip = `release/cors-lens-${version}-source.zip`;
const packed = zip(built);
writeFileSync(chromeZip, packed);
writeFileSync(sourceZip, zip(sources));

const out = (s: string) => process.stdout.write(`${s}\n`);
out(`\n${chromeZip} (CORS Lens ${version}):`);
let raw = 0;
for (const [name, bytes] of Object.entries(built).sort(([a], [b]) => a.localeCompare(b))) {
  raw += bytes.length;
  out(`  ${name.padEnd(44)} ${kb(bytes.length).padStart(9)}`);
}
out(`  ${Object.keys(built).length} files, ${kb(raw)} unpacked, ${kb(packed.length)} zipped`);
out(`${sourceZip}: ${Object.keys(sources).length} files, ${kb(statSync(sourceZip).size)}`);
out('Store listing, screenshots, permission justifications and privacy policy: store/README.md');
