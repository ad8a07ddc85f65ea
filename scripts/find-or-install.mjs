// One way to find a browser binary for the tests and the CLI: the environment variable (which must name an existing
// file), then the usual install locations; when none is there and we are root on Debian/Ubuntu, Debian's package is
// installed with apt-get and looked for again. ensure-chromium.mjs and ensure-firefox.mjs are this with their data.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The path `envVar` names (it must exist), else the first candidate that exists, else null. */
export function findBinary(envVar, candidates) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  return candidates.find((p) => existsSync(p)) ?? null;
}

const canApt = () =>
  typeof process.getuid === 'function' &&
  process.getuid() === 0 &&
  existsSync('/etc/debian_version') &&
  existsSync('/usr/bin/apt-get');

/** findBinary, or Debian's `debPackage` installed when we can (apt's output to `stdio`; `recommends`: with the
 * packages it recommends); null when neither. */
export function findOrInstall(envVar, candidates, debPackage, { stdio = 'inherit', recommends = true } = {}) {
  const found = findBinary(envVar, candidates);
  if (found || !canApt()) return found;
  process.stderr.write(`Not found: installing Debian package "${debPackage}" with apt-get...\n`);
  execFileSync('apt-get', ['update', '-qq'], { stdio });
  const args = ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), debPackage];
  execFileSync('apt-get', args, {
    stdio,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return findBinary(envVar, candidates);
}
