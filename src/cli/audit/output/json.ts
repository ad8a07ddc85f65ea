// --json: the audit as one JSON document (schema in docs/ci.md#json-output, version 1).
import { checkInfo, type AuditResult } from '../run.ts';

export const AUDIT_JSON_VERSION = '1.0';

export function auditJson(r: AuditResult): unknown {
  const findings = r.cases.filter((c) => c.outcome === 'finding');
  return {
    auditVersion: AUDIT_JSON_VERSION,
    base: r.base,
    origins: r.origins,
    summary: {
      routes: r.routes.length,
      checks: r.cases.length,
      findings: findings.length,
      errors: r.cases.filter((c) => c.outcome === 'error').length,
    },
    cases: r.cases.map((c) => {
      const v = c.finding?.verdict;
      return {
        method: c.route.method,
        path: c.route.template,
        url: new URL(c.route.path, r.base).href,
        origin: c.origin,
        check: c.check,
        outcome: c.outcome,
        ...(c.error ? { error: c.error } : {}),
        ...(c.finding
          ? {
              severity: c.finding.severity,
              message: c.finding.message,
              title: checkInfo(c.check).title,
              risk: checkInfo(c.check).risk,
              ...(c.finding.cause ? { cause: c.finding.cause } : {}),
              ...(c.finding.status !== undefined ? { status: c.finding.status } : {}),
              ...(c.finding.probeOrigin ? { probeOrigin: c.finding.probeOrigin } : {}),
              fix: v?.fix
                ? { backend: v.fix.backend, title: v.fix.title, snippets: v.fix.snippets }
                : { text: v?.fixNote ?? checkInfo(c.check).fix },
            }
          : {}),
      };
    }),
  };
}
