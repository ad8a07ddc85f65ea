// Debian's own interpreter: /usr/bin/python3 sees the python3-* packages; a pyenv or venv python3 on PATH would not.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const PY = '/usr/bin/python3';

/** null when Debian's python can import these modules, else the gap reason. */
export const missingModules = (mods: string[]) => (): string | null => {
  if (!existsSync(PY)) return 'no /usr/bin/python3 (not Debian?)';
  const r = spawnSync(PY, ['-c', `import ${mods.join(', ')}`]);
  return r.status === 0
    ? null
    : `python modules missing: ${mods.join(', ')} (run test/verify/install.sh as root)`;
};
