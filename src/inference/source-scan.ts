// What the page's own code says about a call: its credentials mode and the response headers it reads. The code is
// hostile text (minified, any size): only bounded regular expressions over a bounded window, never evaluated.
// Why it matters and which spellings each client uses: docs/fix-facts.md.

/** A finding in the source, with where it was found (1-based line). */
export interface SourceFinding<T> {
  value: T;
  line: number;
  text: string;
}

export interface SourceSignals {
  /** 'include' / 'not-include' from the call site or the whole script, or null when it says nothing. */
  credentials: SourceFinding<'include' | 'not-include'> | null;
  /** Whether the credentials finding is at the call itself (near) or elsewhere in the script. */
  near: boolean;
  /** Response header names the script reads (lower-case), with the first place each is read. */
  reads: SourceFinding<string>[];
}

/** Scripts larger than this are scanned only around the call site (a bundle can be megabytes). */
const WHOLE_SCRIPT_CHARS = 2_000_000;
/** XHR sets withCredentials before send(), the frame DevTools names: look this far back for it. */
const BEFORE = 600;
/** The call's own options are inside its parentheses, at most this far on. */
const AFTER = 1500;
const MAX_READS = 12;
const MAX_MATCHES = 1000;

// fetch/ky/ofetch/Request options, XHR, axios (config or defaults), EventSource, <script|img crossorigin>.
const INCLUDE =
  /\bcredentials\s*:\s*["'`]include["'`]|\bwithCredentials\s*(?::|=(?!=))\s*(?:true\b|!0\b)|crossorigin\s*=\s*["']?use-credentials/gi;
const NOT_INCLUDE =
  /\bcredentials\s*:\s*["'`](?:omit|same-origin)["'`]|\bwithCredentials\s*(?::|=(?!=))\s*(?:false\b|!1\b)/gi;
const XHR_INCLUDE = /\bwithCredentials\s*=(?!=)\s*(?:true\b|!0\b)/gi;
const XHR_NOT = /\bwithCredentials\s*=(?!=)\s*(?:false\b|!1\b)/gi;
// res.headers.get("X"), xhr.getResponseHeader("X"), axios's res.headers["x"], headers.has("X").
const READS =
  /(?:\.headers\s*\.\s*(?:get|has)\s*\(\s*|\.getResponseHeader\s*\(\s*|\.headers\s*\[\s*)["'`]([A-Za-z0-9!#$%&'*+.^_|~-]{1,64})["'`]/g;

/** The end of the call that starts at `from` (its balanced parentheses), bounded by AFTER; strings are skipped. */
export function callEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + AFTER);
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth <= 0) return i + 1;
    else if (depth === 0 && (ch === ';' || ch === '\n') && i - from > 40) return i;
  }
  return limit;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of a 1-based line and column in text, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  return Math.min(text.length, at + Math.max(0, column - 1));
}

function first<T>(text: string, base: number, re: RegExp, value: T, whole: string): SourceFinding<T> | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  if (!m) return null;
  return { value, line: lineAt(whole, base + m.index), text: m[0].slice(0, 80) };
}

/** The match nearest to `offset` (a script can configure several clients: the closest is most likely this call's). */
function nearest(
  text: string,
  base: number,
  re: RegExp,
  offset: number,
  whole: string,
): SourceFinding<'include'> | null {
  re.lastIndex = 0;
  let best: RegExpExecArray | null = null;
  let bestAt = 0;
  for (let m = re.exec(text), n = 0; m !== null && n < MAX_MATCHES; m = re.exec(text), n++)
    if (best === null || Math.abs(base + m.index - offset) < Math.abs(bestAt - offset)) {
      best = m;
      bestAt = base + m.index;
    }
  return best && { value: 'include', line: lineAt(whole, bestAt), text: best[0].slice(0, 80) };
}

/** Reads the signals of one script for the call at (line, column); null position: the script as a whole.
 * `caller`: the position is a caller frame, not where the request was sent, so an XHR set-up before it is not its. */
export function scanSource(
  source: string,
  at: { line: number; column: number } | null,
  caller = false,
): SourceSignals {
  const offset = at === null ? 0 : offsetOf(source, at.line, at.column);
  // Not past this XHR's own construction: the previous function's `withCredentials = true` is another request's
  // (measured: a plain XHR written after a credentialed one, test/fixtures/inference/app/calls.js).
  const back = source.slice(Math.max(0, offset - BEFORE), offset).lastIndexOf('new XMLHttpRequest');
  const start = Math.max(0, offset - BEFORE) + Math.max(0, back);
  const call = at === null ? '' : source.slice(offset, callEnd(source, offset));
  // Only where the request was sent by XHR's send(): a fetch() after an XHR function is not that XHR.
  const isSend = /^send\s*\(/.test(source.slice(offset, offset + 16));
  const before = at === null || caller || !isSend ? '' : source.slice(start, offset);
  // The call's own options decide; else an XHR's withCredentials set just before send(). A clash decides nothing.
  const pick = (text: string, base: number, inc: RegExp, not: RegExp) => {
    const i = first(text, base, inc, 'include' as const, source);
    const n = first(text, base, not, 'not-include' as const, source);
    return i && !n ? i : n && !i ? n : null;
  };
  const near = pick(call, offset, INCLUDE, NOT_INCLUDE) ?? pick(before, start, XHR_INCLUDE, XHR_NOT);
  const window = source.slice(start, offset + AFTER);
  const whole = source.length <= WHOLE_SCRIPT_CHARS ? source : window;
  const wholeBase = whole === source ? 0 : start;
  // Elsewhere in the script only 'include' counts: a fix that allows credentials for the one origin works for calls
  // without them too, whereas trusting an unrelated 'omit' would break this call.
  const credentials = near ?? nearest(whole, wholeBase, INCLUDE, offset, source);
  const reads: SourceFinding<string>[] = [];
  READS.lastIndex = 0;
  for (let m = READS.exec(whole); m !== null && reads.length < MAX_READS; m = READS.exec(whole)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!reads.some((r) => r.value === name))
      reads.push({ value: name, line: lineAt(source, wholeBase + m.index), text: m[0].slice(0, 80) });
  }
  return { credentials, near: near !== null, reads };
}
