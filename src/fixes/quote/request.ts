// The fix gate's input check: names that become code (methods, header names) must be plain tokens, and the origin
// a serialized origin. Fetch accepts any RFC 9110 token as a method or header name, and `` ` $ | & ' `` are token
// characters; such a name is refused with this reason instead of being written into a snippet
// (docs/output-safety.md).
import type { Fix, FixInput, FixRequest } from '../types.ts';
import { Unquotable } from './refuse.ts';

/** A method: letters, digits, `-` and `_`, starting with a letter; at most 32 characters. */
export const PLAIN_METHOD = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** A header name: letters, digits, `-`, `_` and `.`; at most 128 characters. */
export const PLAIN_HEADER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** scheme://host[:port], host a DNS name or a bracketed IPv6 literal. */
export const PLAIN_ORIGIN =
  /^[a-z][a-z0-9+.-]*:\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const show = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** Why this request's names cannot be put into a fix, or null when every one is a plain token. */
export function unsafeRequestReason(r: FixRequest): string | null {
  if (!PLAIN_METHOD.test(r.method))
    return `The method ${show(r.method)} is not a plain token (letters, digits, - and _), so no fix is written for it: a snippet would have to put it into code unquoted in some backends.`;
  for (const h of [...r.requestHeaders, ...r.exposeHeaders])
    if (!PLAIN_HEADER.test(h))
      return `The header name ${show(h)} is not a plain token (letters, digits, -, _ and .), so no fix is written for it: allow it by hand if it is really yours.`;
  if (!PLAIN_ORIGIN.test(r.origin))
    return `The origin ${show(r.origin)} is not scheme://host[:port], so no fix is written for it.`;
  return null;
}

/** Runs a generator behind the input check: a fix, or the reason it was refused (never a half-quoted snippet). */
export function generateQuoted(generate: (input: FixInput) => Fix, input: FixInput): Fix | string {
  const unsafe = unsafeRequestReason(input.request);
  if (unsafe !== null) return unsafe;
  try {
    return generate(input);
  } catch (e) {
    if (e instanceof Unquotable) return `${e.message}; no fix is written for it.`;
    throw e;
  }
}
