// --junit: one <testsuite> per route, one <testcase> per origin × check; a finding is a <failure>, a probe that
// could not run an <error>. The shape CI test reporters read (the Jenkins/Ant JUnit XML; test/schemas/junit.ts).
import { checkInfo, type AuditCase, type AuditResult } from '../run.ts';

// XML 1.0 cannot carry most control characters at all, even escaped: they are replaced, the rest escaped.
export const xml = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

function testcase(c: AuditCase, classname: string): string {
  const name = xml(`${c.origin} ${c.check}`);
  const open = `    <testcase classname="${xml(classname)}" name="${name}" time="0">`;
  if (c.outcome === 'pass') return `    <testcase classname="${xml(classname)}" name="${name}" time="0"/>`;
  if (c.outcome === 'error')
    return `${open}\n      <error message="${xml(c.error ?? 'error')}" type="probe"/>\n    </testcase>`;
  const f = c.finding;
  const info = checkInfo(c.check);
  const fix = f?.verdict?.fix
    ? `${f.verdict.fix.title}\n${f.verdict.fix.snippets.map((s) => `${s.where}:\n${s.code}`).join('\n')}`
    : (f?.verdict?.fixNote ?? info.fix);
  const body = `${f?.cause ? `${f.cause}: ` : ''}${f?.message ?? ''}\nRisk: ${info.risk}\nFix: ${fix}`;
  return `${open}\n      <failure message="${xml(f?.message ?? '')}" type="${xml(c.check)}">${xml(body)}</failure>\n    </testcase>`;
}

export function auditJunit(r: AuditResult): string {
  const suites = r.routes.map((route) => {
    const name = `${route.method} ${route.template}`;
    const cases = r.cases.filter((c) => c.route === route);
    const failures = cases.filter((c) => c.outcome === 'finding').length;
    const errors = cases.filter((c) => c.outcome === 'error').length;
    return [
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
      ...cases.map((c) => testcase(c, name)),
      '  </testsuite>',
    ].join('\n');
  });
  const all = r.cases.length;
  const failures = r.cases.filter((c) => c.outcome === 'finding').length;
  const errors = r.cases.filter((c) => c.outcome === 'error').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cors-lens audit" tests="${all}" failures="${failures}" errors="${errors}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
