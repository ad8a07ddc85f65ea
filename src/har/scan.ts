// A streaming reader for HAR files: it walks the JSON text chunk by chunk, hands back each element of
// `log.entries` (and the small members of `log`: creator, browser, pages) as its own JSON.parse, and keeps nothing
// else. Memory is bounded by the largest single entry, not by the file (a 200 MB export: bench/har.bench.ts).
// Only the captured values are validated by JSON.parse; the rest is checked for balanced structure only.

export type HarEvent =
  { type: 'entry'; index: number; value: unknown } | { type: 'member'; key: string; value: unknown };

export class HarFormatError extends Error {
  override name = 'HarFormatError';
}

const LOG_MEMBERS = new Set(['version', 'creator', 'browser', 'pages', 'comment']);

interface Capture {
  depth: number; // the depth at which the captured value opened
  parts: string[];
  size: number;
  what: { type: 'entry'; index: number } | { type: 'member'; key: string };
  scalar: boolean;
}

export function createHarScanner(maxValueChars = 64 * 1024 * 1024) {
  let depth = 0;
  const containers: string[] = []; // '{' or '['
  const keys: (string | null)[] = []; // the key each open container was opened under
  let inString = false;
  let escaped = false;
  let key: string | null = null; // the last string read at depth ≤ 2, a candidate key
  let keyChars: string[] | null = null;
  let pendingKey: string | null = null; // a key followed by ':' awaiting its value
  let capture: Capture | null = null;
  let entries = 0;
  let sawEntries = false;
  let started = false;

  const inEntries = (): boolean =>
    depth === 3 && containers[2] === '[' && keys[2] === 'entries' && keys[1] === 'log';
  const atLogMember = (): boolean => depth === 2 && containers[1] === '{' && keys[1] === 'log';

  function finish(out: HarEvent[], text: string): void {
    const c = capture as Capture;
    capture = null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const where = c.what.type === 'entry' ? `log.entries[${c.what.index}]` : `log.${c.what.key}`;
      throw new HarFormatError(`${where} is not valid JSON (${(e as Error).message})`);
    }
    out.push(
      c.what.type === 'entry'
        ? { type: 'entry', index: c.what.index, value }
        : { type: 'member', key: c.what.key, value },
    );
  }

  function push(text: string, from: number, to: number): void {
    if (!capture || to <= from) return;
    capture.size += to - from;
    if (capture.size > maxValueChars) {
      const where =
        capture.what.type === 'entry' ? `log.entries[${capture.what.index}]` : `log.${capture.what.key}`;
      throw new HarFormatError(`${where} is larger than ${Math.round(maxValueChars / 1048576)} MB`);
    }
    capture.parts.push(text.slice(from, to));
  }

  /** A value begins: captured when it is an entry or a wanted member of log. */
  function startValue(scalar: boolean): Capture | null {
    if (capture) return null;
    if (inEntries())
      capture = { depth, parts: [], size: 0, what: { type: 'entry', index: entries++ }, scalar };
    else if (atLogMember() && pendingKey !== null && LOG_MEMBERS.has(pendingKey))
      capture = { depth, parts: [], size: 0, what: { type: 'member', key: pendingKey }, scalar };
    return capture;
  }

  return {
    write(text: string): HarEvent[] {
      const out: HarEvent[] = [];
      let from = capture ? 0 : -1;
      for (let i = 0; i < text.length; i++) {
        if (inString) {
          if (escaped) {
            escaped = false;
            continue;
          }
          // Jump to the next quote or backslash: bodies are most of a HAR's bytes.
          const q = text.indexOf('"', i);
          const b = text.indexOf('\\', i);
          const next = q < 0 ? b : b < 0 ? q : Math.min(q, b);
          if (keyChars) keyChars.push(text.slice(i, next < 0 ? text.length : next));
          if (next < 0) break;
          i = next;
          if (text.charCodeAt(i) === 92) {
            escaped = true;
            continue;
          }
          inString = false;
          if (keyChars) {
            key = keyChars.join('');
            keyChars = null;
          }
          if (capture?.scalar && depth === capture.depth) {
            push(text, from, i + 1);
            finish(out, capture.parts.join(''));
            from = -1;
          }
          continue;
        }
        const ch = text.charCodeAt(i);
        if (ch === 32 || ch === 10 || ch === 13 || ch === 9) continue;
        if (ch === 58) {
          pendingKey = key;
          continue;
        }
        if (ch === 44) {
          pendingKey = null;
          key = null;
          continue;
        }
        if (!started) {
          if (ch === 0xfeff) continue; // a byte-order mark (some Windows tools write one)
          if (ch !== 123) throw new HarFormatError('not a HAR file: it does not start with a JSON object');
          started = true;
        }
        if (ch === 123 || ch === 91) {
          if (startValue(false)) from = i;
          containers.push(ch === 123 ? '{' : '[');
          keys.push(containers.length === 1 ? null : pendingKey);
          if (containers.length === 3 && keys[1] === 'log' && pendingKey === 'entries') sawEntries = true;
          depth++;
          pendingKey = null;
          key = null;
          continue;
        }
        if (ch === 125 || ch === 93) {
          if (depth === 0) throw new HarFormatError('unbalanced JSON: a closing bracket with nothing open');
          containers.pop();
          keys.pop();
          depth--;
          if (capture && depth === capture.depth) {
            push(text, from, i + 1);
            finish(out, capture.parts.join(''));
            from = -1;
          }
          continue;
        }
        if (ch === 34) {
          inString = true;
          // A string value being captured, or a key (or value) at a depth where keys matter.
          if (startValue(true)) from = i;
          else if (!capture && depth <= 2) keyChars = [];
          continue;
        }
        // A number, true, false or null: captured members end at the next delimiter (rare: version is a string).
      }
      if (capture && from >= 0) push(text, from, text.length);
      return out;
    },
    end(): void {
      if (!started) throw new HarFormatError('not a HAR file: it is empty');
      if (depth !== 0 || inString)
        throw new HarFormatError('the HAR file is truncated (its JSON does not close)');
      if (!sawEntries) throw new HarFormatError('not a HAR file: it has no log.entries array');
    },
    /** Entries read so far. */
    entries: (): number => entries,
  };
}
