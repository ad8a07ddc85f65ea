// The audit pass of `npm run verify:fixes`: column (a) for every runnable cell, the deliberately unsafe
// configurations, and the OpenAPI-driven audit of a real FastAPI app. Runs after the Chromium matrix (run.ts calls
// auditPass once); its failures fail the run.
import type { Target } from '../target.ts';
import { auditCell, type AuditCellResult } from './cell.ts';
import { runSecurityPass } from './unsafe-run.ts';
import { pool } from '../pool.ts';

export async function auditPass(
  targets: Target[],
  out: (s: string) => void,
  concurrency = 3,
): Promise<number> {
  const t0 = Date.now();
  // Every backend's audit column takes about 15 minutes on this 2-core machine, too long for CI's 30: CI runs one
  // backend per kind of emitted test runner that is quick here (pytest in process, node --test); VERIFY_AUDIT=all
  // runs every backend.
  const chosen = (process.env.VERIFY_AUDIT ?? 'fastapi,flask,express').split(',');
  const runnable = targets.filter(
    (t) => t.missing() === null && (chosen.includes('all') || chosen.includes(t.backend)),
  );
  const cells = runnable.flatMap((t) => t.variants.map((v) => ({ t, v })));
  out(`\naudit pass: ${cells.length} cells on ${runnable.length} backends`);
  const results: AuditCellResult[] = await pool(cells, concurrency, async ({ t, v }) => {
    const r = await auditCell(t, v);
    out(
      `audit ${r.audit.toUpperCase()} test ${r.test.toUpperCase()} ${t.backend} / ${v.id}: ${r.steps.join('; ')}`,
    );
    return r;
  });
  const security = await runSecurityPass();
  for (const r of security) out(`${r.status.toUpperCase()} audit security / ${r.id}: ${r.detail}`);
  const failed =
    results.filter((r) => r.audit === 'fail' || r.test === 'fail').length +
    security.filter((r) => r.status === 'fail').length;
  const s = ((Date.now() - t0) / 1000).toFixed(0);
  out(`audit pass: ${results.length + security.length - failed} passed, ${failed} failed, ${s} s`);
  return failed;
}
