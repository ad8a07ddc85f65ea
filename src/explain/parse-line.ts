// One pasted console line, in any of the three dialects. Consoles add decorations when a line is copied (Chrome's
// source link `api.js:12`, Safari's `[Error]` and `(file, line 0)`, timestamps): the parser starts at the phrase
// each browser opens its message with and drops Safari's trailer.
import { parseChromeLine, parseChromeNetworkLine } from './chrome.ts';
import { parseFirefoxLine } from './firefox.ts';
import { parseSafariLine } from './safari.ts';
import type { ParsedLine } from './types.ts';

const OPENINGS = ['Access to ', 'Cross-Origin Request Blocked: '];
const SAFARI_PREFIX = /^(?:.*?\[Error\]\s*)?(?:Failed to load resource: )?/;
const SAFARI_TRAILER = /\s+\([^()]*, line \d+\)$/;

export type LineReading =
  | ParsedLine
  | {
      browser: 'chrome';
      template: 'network';
      causes: [];
      facts: { url: string; method?: string; status: number | null };
    };

export function parseConsoleLine(raw: string): LineReading | null {
  const line = raw.trim();
  for (const opening of OPENINGS) {
    const i = line.indexOf(opening);
    if (i < 0) continue;
    const text = line.slice(i);
    return opening === 'Access to ' ? parseChromeLine(text) : parseFirefoxLine(text);
  }
  const safari = parseSafariLine(line.replace(SAFARI_PREFIX, '').replace(SAFARI_TRAILER, ''));
  if (safari) return safari;
  const net = parseChromeNetworkLine(line);
  if (!net) return null;
  return {
    browser: 'chrome',
    template: 'network',
    causes: [],
    facts: { url: net.url, status: net.status, ...(net.method === undefined ? {} : { method: net.method }) },
  };
}
