// Firefox's CORS console lines, read back with the security.properties table (src/engine/firefox-strings.ts).
import { compile, match } from './templates.ts';
import { FIREFOX_REASONS } from '../engine/firefox-strings.ts';
import type { LineFacts, ParsedLine } from './types.ts';

const COMPILED = FIREFOX_REASONS.map((r) => ({ r, c: compile(r.text, /%(\d)\$S/) }));

// "Status code: (null)" is what Firefox prints when there was no response.
const statusOf = (s: string): number | null => (/^\d{3}$/.test(s) ? Number(s) : null);

export function parseFirefoxLine(line: string): ParsedLine | null {
  for (const { r, c } of COMPILED) {
    const m = match(c, line);
    if (!m) continue;
    const second = m['2'];
    const facts: LineFacts = { url: m['1'] ?? '' };
    if (r.preflight !== undefined) facts.preflight = r.preflight;
    if (r.credentials) facts.credentials = true;
    if (second !== undefined) {
      if (r.second === 'status') facts.status = statusOf(second);
      else if (r.second === 'header') facts.header = second;
      else facts.value = second;
    }
    return { browser: 'firefox', template: r.key, causes: [...r.causes], facts };
  }
  return null;
}
