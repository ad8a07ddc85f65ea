// Safari's (WebKit's) CORS console lines, read back with the templates from WebKit's sources (safari-strings.ts).
import { compile, match } from './templates.ts';
import { SAFARI_REDIRECT, SAFARI_TEMPLATES } from './safari-strings.ts';
import type { LineFacts, ParsedLine } from './types.ts';

const COMPILED = SAFARI_TEMPLATES.map((t) => ({ t, c: compile(t.text, /\{([a-z]+)\}/) }));

function factsOf(m: Record<string, string>): LineFacts {
  const facts: LineFacts = {};
  if (m.url !== undefined) facts.url = m.url;
  if (m.origin !== undefined) facts.origin = m.origin;
  if (m.method !== undefined) facts.method = m.method;
  if (m.header !== undefined) facts.header = m.header;
  if (m.value !== undefined) facts.value = m.value;
  if (m.status !== undefined) facts.status = /^\d{3}$/.test(m.status) ? Number(m.status) : null;
  return facts;
}

export function parseSafariLine(line: string): ParsedLine | null {
  const redirect = SAFARI_REDIRECT.exec(line);
  if (redirect) {
    const inner = parseSafariLine(redirect[2] ?? '');
    return {
      browser: 'safari',
      template: `redirect/${inner?.template ?? 'unknown'}`,
      causes: inner?.causes ?? [],
      facts: { ...inner?.facts, value: redirect[1] ?? '' },
    };
  }
  for (const { t, c } of COMPILED) {
    const m = match(c, line);
    if (!m) continue;
    const facts = factsOf(m);
    if (t.preflight) facts.preflight = true;
    if (t.credentials) facts.credentials = true;
    if (t.id === 'fetch-cannot-load') facts.kind = 'fetch';
    if (t.id === 'xhr-cannot-load') facts.kind = 'xhr';
    return { browser: 'safari', template: t.id, causes: [...t.causes], facts };
  }
  return null;
}
