// Columns (a) and (b) of the matrix for one cell. (a) `audit` on the broken server must report the cell's cause on
// the cell's route and origin; the fix for this backend, pasted into the template, must leave an audit with no
// finding at all. (b) the regression test `--emit-tests` writes must fail on the broken server and pass on the
// fixed one, run with the backend's own runner (regression.ts).
import { probeAllowed } from '../../../src/cli/audit/probe.ts';
import { runAudit, type AuditCase, type AuditResult } from '../../../src/cli/audit/run.ts';
import { fixRequestFrom, generateFix } from '../../../src/fixes/index.ts';
import type { Fix } from '../../../src/fixes/types.ts';
import { freePort } from '../harness.ts';
import type { Target, Variant } from '../target.ts';
import { runEmitted, runnerGap } from './regression.ts';
import { routeOf } from './routes.ts';
import { ctxFor, serveConfig } from './serve.ts';

export interface AuditCellResult {
  backend: string;
  variant: string;
  audit: 'pass' | 'fail';
  test: 'pass' | 'fail' | 'gap';
  steps: string[];
}

const describe = (cases: AuditCase[]): string =>
  cases
    .filter((c) => c.outcome !== 'pass')
    .map((c) => `${c.check}${c.finding?.cause ? `=${c.finding.cause}` : ''}${c.error ? `!${c.error}` : ''}`)
    .join(', ') || 'nothing';

export async function auditCell(t: Target, v: Variant): Promise<AuditCellResult> {
  const steps: string[] = [];
  const route = routeOf(v.shape);
  const gap = runnerGap(t.backend);
  const result: AuditCellResult = {
    backend: t.backend,
    variant: v.id,
    audit: 'fail',
    test: gap ? 'gap' : 'fail',
    steps,
  };
  if (gap) steps.push(`test gap: ${gap}`);
  const audit = (base: string, origin: string): Promise<AuditResult> =>
    runAudit({ base, origins: [origin], routes: [route], timeoutMs: 5000, concurrency: 1 });
  try {
    // A page origin on a port nothing uses, as the matrix's page server would have (some variants name 5173).
    const origin = `http://localhost:${await freePort()}`;
    const c = await ctxFor(origin);
    const broken = await serveConfig(t, v.broken(c), c, `${v.id}-broken`, v.upstreamAcao?.(c));
    let fix: Fix | null = null;
    let brokenTestFailed = false;
    try {
      const r = await audit(broken.base, origin);
      steps.push(`broken: ${describe(r.cases)}`);
      const hit = r.cases.find((x) => x.check === 'cors' && x.origin === origin);
      if (hit?.finding?.cause !== v.cause) return result;
      if (!gap) {
        const ran = await runEmitted(r, t.backend, broken.dir);
        steps.push(`test on broken: ${ran.passed ? 'passed' : 'failed'} (${ran.output})`);
        brokenTestFailed = !ran.passed;
      }
      // The fix the panel would give for this backend, from the audit's own observation.
      const probe = await probeAllowed(broken.base, route, origin, 5000);
      const observed = { ...probe.outcome.observed, readHeaders: route.expose };
      fix = generateFix(t.backend, {
        diagnosis: probe.diagnosis,
        request: fixRequestFrom(observed, probe.diagnosis),
      });
    } finally {
      await broken.stop();
    }
    if (fix === null) {
      steps.push('no fix');
      return result;
    }
    const f = await ctxFor(origin);
    const fixed = await serveConfig(
      t,
      t.regionsOf?.(fix) ?? fix.snippets.map((s) => s.code),
      f,
      `${v.id}-fixed`,
    );
    try {
      const r = await audit(fixed.base, origin);
      steps.push(`fixed: ${describe(r.cases)}`);
      result.audit = r.cases.every((x) => x.outcome === 'pass') ? 'pass' : 'fail';
      if (!gap) {
        const ran = await runEmitted(r, t.backend, fixed.dir);
        steps.push(`test on fixed: ${ran.passed ? 'passed' : 'failed'} (${ran.output})`);
        result.test = brokenTestFailed && ran.passed ? 'pass' : 'fail';
      }
      return result;
    } finally {
      await fixed.stop();
    }
  } catch (e) {
    steps.push(`error: ${(e as Error).message.slice(0, 800)}`);
    return result;
  }
}
