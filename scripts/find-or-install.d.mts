import type { StdioOptions } from 'node:child_process';

/** The path `envVar` names (it must exist), else the first candidate that exists, else null. */
export function findBinary(envVar: string, candidates: readonly string[]): string | null;
/** findBinary, or Debian's `debPackage` installed with apt when root on Debian/Ubuntu; null when neither. */
export function findOrInstall(
  envVar: string,
  candidates: readonly string[],
  debPackage: string,
  options?: { stdio?: StdioOptions; recommends?: boolean },
): string | null;
