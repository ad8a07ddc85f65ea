// Where the cors-lens package lives, from the sources in a checkout (src/cli/) or from the compiled CLI of the npm
// package (lib/): the nearest folder above this module whose package.json is cors-lens's.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  version?: string;
}

function findRoot(): { root: string; pkg: PackageJson } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
      if (pkg.name === 'cors-lens') return { root: dir, pkg };
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the cors-lens package.json above the CLI');
    dir = up;
  }
}

let found: ReturnType<typeof findRoot> | undefined;
const located = () => (found ??= findRoot());

/** The package's folder: the checkout, or node_modules/cors-lens once installed. */
export const packageRoot = (): string => located().root;

/** This package's version (package.json), as reports and --version show it. */
export const toolVersion = (): string => located().pkg.version ?? '0.0.0';

/** A checkout has the sources (and rebuilds the extension from them); the npm package ships the build only. */
export const isCheckout = (): boolean => existsSync(join(packageRoot(), 'src', 'cli', 'main.ts'));
