// The human summary: a route × origin table (one cell per origin: ok, or the failed check ids), then each finding
// with its risk and fix. Colour only when the terminal is a TTY and NO_COLOR is unset (https://no-color.org).
import { checkInfo, type AuditCase, type AuditResult } from '../run.ts';

const paint = (on: boolean, code: number, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
// Everything printed from a server or a route file is shown with control characters escaped.
const safe = (s: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
  s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
const routeName = (c: Pick<AuditCase, 'route'>): string => `${c.route.method} ${c.route.template}`;

function cell(cases: AuditCase[]): string {
  const bad = cases.filter((c) => c.outcome !== 'pass');
  if (bad.length === 0) return 'ok';
  return bad.map((c) => (c.outcome === 'error' ? `${c.check}:error` : c.check)).join(', ');
}

export function formatTable(r: AuditResult, color: boolean): string {
  const rows = r.routes.map((route) => [
    safe(`${route.method} ${route.template}`),
    ...r.origins.map((o) => cell(r.cases.filter((c) => c.route === route && c.origin === o))),
  ]);
  const header = ['route', ...r.origins];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[], body: boolean): string =>
    row
      .map((c, i) => {
        const padded = c.padEnd(widths[i] ?? 0);
        return body && i > 0 ? paint(color, c === 'ok' ? 32 : 31, padded) : padded;
      })
      .join('  ');
  const out = [
    line(header, false),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((row) => line(row, true)),
  ];
  const findings = r.cases.filter((c) => c.outcome !== 'pass');
  for (const c of findings) {
    const info = checkInfo(c.check);
    const sev = c.outcome === 'error' ? 'ERROR' : (c.finding?.severity ?? 'error').toUpperCase();
    out.push(
      '',
      `${paint(color, sev === 'WARNING' ? 33 : 31, sev)} ${safe(routeName(c))} from ${c.origin}: ${info.title}`,
    );
    if (c.error) out.push(`  ${safe(c.error)}`);
    if (c.finding) {
      const cause = c.finding.cause ? `${c.finding.cause}: ` : '';
      out.push(`  ${safe(cause + c.finding.message)}`, `  Risk: ${info.risk}`);
      const v = c.finding.verdict;
      if (v?.fix) {
        out.push(`  Fix (${v.fix.backend}): ${v.fix.title}`);
        for (const s of v.fix.snippets)
          out.push(`    ${s.where}:`, ...s.code.split('\n').map((l) => `      ${l}`));
      } else out.push(`  Fix: ${v?.fixNote ?? info.fix}`);
    }
  }
  const count = (k: AuditCase['outcome']): number => r.cases.filter((c) => c.outcome === k).length;
  out.push(
    '',
    `${r.routes.length} routes × ${r.origins.length} origins: ${r.cases.length} checks, ${count('finding')} findings, ${count('error')} errors`,
  );
  return `${out.join('\n')}\n`;
}
