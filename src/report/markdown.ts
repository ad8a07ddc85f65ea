// Markdown renderer of a CorsReport, ready to paste into an issue. Every evidence string is escaped or fenced,
// so a header value like `<img src=x onerror=…>` or a stray backtick renders as text, never as markup.
import { curlCommands } from './curl.ts';
import { KIND_TITLE } from '../shared/resource-kinds.ts';
import type { CorsReport, HeaderRecord, ReportFailure } from './types.ts';

/** Escapes Markdown and inline-HTML metacharacters in running text. */
export const mdText = (s: string): string =>
  s
    .replace(/\r?\n/g, ' ')
    // Inline metacharacters anywhere; `-`, `+`, `#` and `1.` only matter at the start of a line.
    .replace(/[\\`*_[\]<>|~&]/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
    )
    .replace(/^[-+#]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');

const longestRun = (s: string, ch: string): number =>
  Math.max(0, ...(s.match(new RegExp(`\\${ch}+`, 'g')) ?? []).map((r) => r.length));

/** An inline code span that survives backticks in the value. */
export function mdCode(s: string): string {
  const fence = '`'.repeat(longestRun(s, '`') + 1);
  const body = s.replace(/\r?\n/g, ' ');
  return `${fence}${body.startsWith('`') || body.endsWith('`') || body === '' ? ` ${body} ` : body}${fence}`;
}

export function mdBlock(code: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
  return `${fence}${lang}\n${code}\n${fence}`;
}

const cell = (s: string | null): string => (s === null ? '—' : mdCode(s).replaceAll('|', '\\|'));

const headerLines = (h: HeaderRecord): string =>
  Object.entries(h)
    .flatMap(([k, v]) => (typeof v === 'string' ? [v] : v).map((x) => `${k}: ${x}`))
    .join('\n');

function failureMd(f: ReportFailure, n: number): string {
  const out: string[] = [
    `## ${n}. ${mdText(f.request.method)} ${mdCode(f.request.url)}`,
    '',
    `**${mdText(f.headline)}**`,
    '',
  ];
  if (f.triage) out.push(`> ${mdText(f.triage)}`, '');
  out.push(
    `- Cause: ${mdCode(f.code)}${f.corsError && f.corsError !== f.code ? ` (Chrome: ${mdCode(f.corsError)})` : ''}${f.failedParameter ? `, failed parameter ${mdCode(f.failedParameter)}` : ''}`,
    `- Stage: ${f.stage ?? 'none'} · verdict: ${f.verdict}${f.realStatus === null ? '' : ` · real status: ${f.realStatus}`}${f.netError ? ` · ${mdCode(f.netError)}` : ''}`,
    `- Page origin: ${mdCode(f.request.origin)} · credentials: ${f.request.credentials}`,
  );
  if (f.request.kind)
    out.push(`- Destination: ${mdCode(f.request.kind)}, ${mdText(KIND_TITLE[f.request.kind])}`);
  if (f.callSite)
    out.push(`- Call site: ${mdCode(`${f.callSite.url}:${f.callSite.line}:${f.callSite.column}`)}`);
  if (f.offending.length > 0) {
    out.push('', '| Header | Sent | Required | Answered |', '|---|---|---|---|');
    for (const h of f.offending)
      out.push(`| ${cell(h.name)} | ${cell(h.sent)} | ${cell(h.required)} | ${cell(h.answered)} |`);
  }
  if (f.timeline.length > 0) {
    out.push('', '### Timeline', '');
    for (const h of f.timeline)
      out.push(
        `1. ${h.kind}: ${mdText(h.method)} ${mdCode(h.url)} → ${h.status === 0 ? 'no response' : h.status}`,
      );
    const last = f.timeline[f.timeline.length - 1];
    if (last)
      out.push(
        '',
        '<details><summary>Response headers</summary>',
        '',
        mdBlock(headerLines(last.responseHeaders), 'http'),
        '',
        '</details>',
      );
  }
  if (f.consoleMessage) out.push('', '### Chrome console', '', mdBlock(f.consoleMessage));
  if (f.pageError)
    out.push('', '### Page error', '', mdBlock(`${f.pageError.message}\n${f.pageError.stack}`.trim()));
  const fix = f.backend?.fix;
  if (f.backend && fix) {
    out.push('', `### Fix (${mdText(fix.title)})`, '');
    const ev = f.backend.detected.find((d) => d.backend === f.backend?.chosen);
    if (ev)
      out.push(
        `Detected ${mdCode(ev.backend)} (${ev.confidence}) from ${ev.evidence.map(mdCode).join(', ')}.`,
        '',
      );
    if (fix.pitfall) out.push(mdText(fix.pitfall), '');
    for (const s of fix.snippets) out.push(`${mdText(s.where)}:`, '', mdBlock(s.code, s.language), '');
    for (const note of fix.notes) out.push(`- ${mdText(note)}`);
    for (const w of fix.security) out.push(`- ⚠ ${mdText(w.message)}`);
  }
  out.push('', '### Reproduce', '', mdBlock(curlOf(f), 'sh'));
  if (f.references.length > 0)
    out.push(
      '',
      '### References',
      '',
      ...f.references.map((r) => `- [${mdText(r.title)}](<${r.url.replace(/[<>\s]/g, encodeURIComponent)}>)`),
    );
  return out.join('\n');
}

/** The report stores already-redacted headers, so the replay is built from them (never from raw evidence). */
function curlOf(f: ReportFailure): string {
  const pre = f.timeline.find((h) => h.kind === 'preflight');
  return curlCommands(
    {
      pageOrigin: f.request.origin,
      method: f.request.method,
      url: f.request.url,
      credentials: f.request.credentials,
      requestHeaders: f.request.headers,
      hops: [],
      netError: null,
      ...(pre ? { preflight: { ...pre } } : {}),
    },
    { includeSensitive: true },
  );
}

export function toMarkdown(report: CorsReport): string {
  const codes = Object.entries(report.summary.byCode).map(([c, n]) => `${mdCode(c)} × ${n}`);
  const head = [
    '# CORS Lens diagnosis report',
    '',
    `${report.summary.failures} failure(s)${codes.length > 0 ? `: ${codes.join(', ')}` : ''}.`,
    `Generated ${mdText(report.generatedAt)} by ${mdText(`${report.generator.name} ${report.generator.version}`)}${report.pageUrl ? ` on ${mdCode(report.pageUrl)}` : ''}.`,
    report.redacted
      ? 'Secrets are redacted (Authorization, cookies, API keys, tokens).'
      : '**Contains sensitive values: the user chose to include them.**',
  ];
  return [...head, ...report.failures.map((f, i) => `\n${failureMd(f, i + 1)}`)].join('\n') + '\n';
}

/** JSON with `<`, U+2028 and U+2029 escaped, so the text is also safe to inline into HTML or a script. */
export function toJson(report: CorsReport): string {
  return (
    JSON.stringify(report, null, 2).replace(
      /[<\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  );
}
