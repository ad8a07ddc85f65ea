// Header access as a browser does it: names match case-insensitively, a header sent on several lines is one
// value joined with ", ", and surrounding whitespace is stripped (Fetch "get", Chromium GetNormalizedHeader).
import type { HeaderMap } from './types.ts';

const isHttpWhitespace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Strips leading and trailing HTTP whitespace (Fetch §2.2 "HTTP whitespace"). */
export function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** A mutable header map whose names come from outside (a page, a server, a file). */
export type HeaderRecord = Record<string, string | string[]>;

/**
 * An empty header map without a prototype: a name like `constructor`, `toString` or `__proto__` is an ordinary key
 * in it, never an inherited function or a prototype switch (docs/output-safety.md#header-maps).
 */
export const emptyHeaders = (): HeaderRecord => Object.create(null) as HeaderRecord;

/** Adds one header line: a name seen again becomes an array of its values in order. */
export function addHeader(map: HeaderRecord, name: string, value: string): void {
  const prev = Object.hasOwn(map, name) ? map[name] : undefined;
  if (prev === undefined) map[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else map[name] = [prev, value];
}

function combine(value: string | readonly string[]): string | null {
  if (typeof value === 'string') return trimHttpWhitespace(value);
  if (value.length === 0) return null;
  if (value.length === 1) return trimHttpWhitespace(value[0] ?? '');
  return value.map(trimHttpWhitespace).join(', ');
}

/** The value of `name` in `headers`, lines joined with ", " as Chromium does, or null when absent. */
export function getHeader(headers: HeaderMap, name: string): string | null {
  const lower = name.toLowerCase();
  let found: string | null = null;
  for (const key in headers) {
    if (key.length !== lower.length || (key !== lower && key.toLowerCase() !== lower)) continue;
    const raw = headers[key];
    if (raw === undefined) continue;
    const value = combine(raw);
    if (value === null) continue;
    found = found === null ? value : `${found}, ${value}`;
  }
  return found;
}

/** How many lines `name` arrived on (a proxy and the app both adding ACAO gives 2). */
export function headerLineCount(headers: HeaderMap, name: string): number {
  const lower = name.toLowerCase();
  let count = 0;
  for (const key in headers) {
    if (key.toLowerCase() !== lower) continue;
    const raw = headers[key];
    if (raw === undefined) continue;
    count += typeof raw === 'string' ? 1 : raw.length;
  }
  return count;
}

/** Every header as [lowercase name, combined value], one entry per name, in first-seen order. */
export function headerEntries(headers: HeaderMap): [string, string][] {
  const out: [string, string][] = [];
  for (const key in headers) {
    const raw = headers[key];
    if (raw === undefined) continue;
    const value = combine(raw);
    if (value === null) continue;
    const lower = key.toLowerCase();
    let i = 0;
    while (i < out.length && out[i]?.[0] !== lower) i++;
    const seen = out[i];
    if (seen === undefined) out.push([lower, value]);
    else seen[1] = `${seen[1]}, ${value}`;
  }
  return out;
}

// RFC 9110 §5.6.2 tchar, as a lookup table: these lists are parsed on every preflight.
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
  TCHAR[c.charCodeAt(0)] = 1;

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (TCHAR[s.charCodeAt(i)] !== 1) return false;
  return true;
}

/**
 * Parses a comma-separated token list (Access-Control-Allow-Methods/-Headers/-Expose-Headers). Empty items are
 * skipped, as Chromium's HttpUtil::ValuesIterator does (`GET, ,PUT` is fine); any other non-token item makes the
 * whole list unparsable (null).
 */
export function parseTokenList(value: string | null): string[] | null {
  if (value === null) return [];
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) !== 0x2c) continue;
    const item = trimHttpWhitespace(value.slice(start, i));
    start = i + 1;
    if (item === '') continue;
    if (!isToken(item)) return null;
    out.push(item);
  }
  return out;
}
