// The static-asset cells' place in the matrix: which backends have them, one retry as for the API cells, their
// PASS/FAIL lines and their table. VERIFY_STATIC=only runs them alone, VERIFY_STATIC=skip leaves them out.
import type { Launched } from '../../../src/cli/launch.ts';
import { ASSETS } from './assets.ts';
import { runStaticCells, type StaticResult } from './cell.ts';
import { STATIC_TARGETS, type StaticTarget } from './servers.ts';

type Out = (s: string) => void;

export const STATIC_MODE = process.env.VERIFY_STATIC ?? 'on';

/** The static target for a backend the matrix runs, when its cells are on. */
export const staticTargetOf = (backend: string): StaticTarget | undefined =>
  STATIC_MODE === 'skip' ? undefined : STATIC_TARGETS.find((s) => s.backend === backend);

export const staticCellCount = (backend: string): number => {
  const t = staticTargetOf(backend);
  return t && t.missing() === null ? ASSETS.length : 0;
};

/** One backend's static cells, run once more with fresh servers when any failed (and said so). */
export async function runStatic(
  l: Launched,
  t: StaticTarget,
  pagePort: number,
  out: Out,
): Promise<StaticResult[]> {
  const gap = t.missing();
  if (gap !== null) {
    out(`- GAP ${t.label}: ${gap}`);
    return [];
  }
  let results = await runStaticCells(l, t, pagePort);
  if (results.some((r) => r.status === 'fail')) {
    for (const r of results.filter((x) => x.status === 'fail'))
      out(`RETRY ${t.backend} / static ${r.kind}: ${r.steps.slice(-1).join('')}`);
    results = await runStaticCells(l, t, pagePort);
  }
  for (const r of results) {
    out(
      `${r.status === 'pass' ? 'PASS' : 'FAIL'} ${t.backend} / static ${r.kind} (MissingACAO, file server) ${(r.ms / 1000).toFixed(1)}s`,
    );
    if (r.status === 'fail') for (const s of r.steps) out(`     ${s}`);
  }
  return results;
}

/** The static cells' table: backend × asset kind. */
export function printStatic(results: readonly StaticResult[], out: Out): void {
  if (results.length === 0) return;
  out('');
  out('Static assets from a file server without CORS (a web font, a module script, a crossorigin image):');
  const kinds = ASSETS.map((a) => a.kind);
  const line = (cells: string[]): string => `| ${cells.map((c) => c.padEnd(8)).join(' | ')} |`;
  out(line(['backend', ...kinds]));
  for (const backend of [...new Set(results.map((r) => r.backend))])
    out(
      line([
        backend,
        ...kinds.map(
          (k) => results.find((r) => r.backend === backend && r.kind === k)?.status.toUpperCase() ?? '·',
        ),
      ]),
    );
  out(
    "pass: Chrome refuses the asset (MissingAllowOriginHeader) and the panel shows it with its kind; every fix copied from the panel's rows, pasted as copied, makes the font load, the module run and the image decode, the panel shows no failure, and another origin is still refused.",
  );
  for (const r of results) out(`- ${r.backend} / static ${r.kind}: ${r.steps.join('; ')}`);
}
