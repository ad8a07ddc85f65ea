// Readable terminal output for check and replay: what went over the wire, the decisive cause in the panel's words,
// and the server fix. Plain text (no colour codes) so CI logs and docs show exactly what a terminal shows.
import type { Cause, HeaderMap } from '../engine/types.ts';
import type { CorsReport } from '../report/index.ts';
import type { CheckOutcome } from './check.ts';
import type { ProbedHop } from './http-probe.ts';

/** Response headers worth showing next to a CORS verdict; the rest is noise in a terminal. */
const SHOWN = /^(access-control-.*|vary|location|server|x-powered-by|allow|content-type)$/;

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');

function headerLines(headers: HeaderMap, only?: RegExp): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (only && !only.test(name)) continue;
    for (const v of typeof value === 'string' ? [value] : value) lines.push(`${name}: ${v}`);
  }
  return lines;
}

function hopBlock(n: number, hop: ProbedHop, isPreflight: boolean): string[] {
  const out = [`${n}. ${isPreflight ? 'preflight ' : ''}${hop.method} ${hop.url} -> ${hop.status}`];
  const sent = isPreflight
    ? headerLines(hop.requestHeaders, /^(origin|access-control-request-.*)$/)
    : headerLines(hop.requestHeaders, /^(?!accept$|user-agent$)/);
  const got = headerLines(hop.responseHeaders, SHOWN);
  out.push(...sent.map((l, i) => `   ${i === 0 ? 'sent' : '    '}  ${l}`));
  out.push(
    ...(got.length ? got : ['(no CORS headers)']).map((l, i) => `   ${i === 0 ? 'got ' : '    '}  ${l}`),
  );
  return out;
}

function wire(o: CheckOutcome): string[] {
  const lines: string[] = [];
  let n = 1;
  for (const pf of o.exchange.preflights) lines.push(...hopBlock(n++, pf, true));
  for (const hop of o.exchange.hops) lines.push(...hopBlock(n++, hop, false));
  if (o.exchange.hops.length === 0)
    lines.push('   (actual request not sent: the browser stops at the failed preflight)');
  else if (o.exchange.preflights.length === 0)
    lines.push('   (no preflight: a browser sends this request directly)');
  return lines;
}

const hint = (h: Cause): string => `- ${h.message}`;

function cause(o: CheckOutcome): string[] {
  const d = o.diagnosis;
  const lines = [`Cause: ${d.code}${d.stage ? ` (${d.stage})` : ''}`, `  ${d.headline}`];
  if (d.triage) lines.push(`  Triage: ${d.triage}`);
  if (d.consoleMessage) lines.push('  Chrome would print:', indent(d.consoleMessage, '    '));
  for (const h of d.offending) {
    const sent = h.sent !== null && h.sent !== h.required ? `sent ${h.sent}, ` : '';
    lines.push(
      `  ${h.name}: ${sent}required ${h.required ?? '(none)'}, answered ${h.answered ?? '(absent)'}`,
    );
  }
  if (d.hints.length) lines.push('  Hints:', ...d.hints.map((h) => indent(hint(h), '    ')));
  return lines;
}

function fix(o: CheckOutcome): string[] {
  const b = o.backend;
  const f = b.fix;
  if (!f) return o.sim.blocked && b.noFixReason ? [`No fix: ${b.noFixReason}`] : [];
  const evidence = b.detected.find((d) => d.backend === b.chosen)?.evidence ?? [];
  const lines = [
    `Fix (${b.chosen}${evidence.length ? `, detected from ${evidence.join('; ')}` : ''}): ${f.title}`,
  ];
  for (const s of f.snippets) lines.push(`  ${s.where}:`, indent(s.code.trimEnd(), '    '));
  if (f.pitfall) lines.push(`  Pitfall: ${f.pitfall}`);
  for (const note of f.notes) lines.push(`  Note: ${note}`);
  return lines;
}

export function formatCheck(o: CheckOutcome): string {
  const isSameOrigin = new URL(o.request.url).origin === o.request.origin;
  const verdict = o.sim.blocked
    ? 'BLOCKED'
    : isSameOrigin || o.diagnosis.verdict === 'not-cors'
      ? 'SAME-ORIGIN (CORS does not apply)'
      : 'ALLOWED';
  const r = o.request;
  const head = `${verdict}  ${r.method} ${r.url}  from ${r.origin}${r.credentials === 'include' ? ' (with credentials)' : ''}`;
  const sections = [[head, ...wire(o)], o.sim.blocked ? cause(o) : [], fix(o)].filter((s) => s.length);
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

/** The machine-readable form of one check (--json, and each entry of replay --json). */
export function checkJson(o: CheckOutcome) {
  return {
    blocked: o.sim.blocked,
    request: o.request,
    preflights: o.exchange.preflights,
    hops: o.exchange.hops,
    diagnosis: o.diagnosis,
    backend: o.backend,
  };
}

/** A report in a few lines per failure (record, har, the Playwright fixture): the cause and the fix's headline. */
export function formatRecord(report: CorsReport, url: string): string {
  const lines = [
    `${report.failures.length === 0 ? 'No CORS failures' : `${report.failures.length} CORS failure${report.failures.length === 1 ? '' : 's'}`} on ${url}`,
  ];
  for (const f of report.failures) {
    lines.push(
      '',
      `${f.verdict.toUpperCase()}  ${f.request.method} ${f.request.url}`,
      `  ${f.code}${f.stage ? ` (${f.stage})` : ''}: ${f.headline}`,
    );
    if (f.triage) lines.push(`  Triage: ${f.triage}`);
    if (f.backend?.fix) lines.push(`  Fix (${f.backend.chosen}): ${f.backend.fix.title}`);
  }
  return `${lines.join('\n')}\n`;
}
