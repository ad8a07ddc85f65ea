// String literals for the programming languages the generators write (docs/output-safety.md). Each function takes
// any string and returns a literal that the language's parser reads back as exactly that string: quotes and
// backslashes escaped, every control or line-separator character written as an escape, and the language's own
// interpolation (Ruby `#{`, PHP `$`) never reachable.

import { Unquotable } from './refuse.ts';

const hex4 = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0');
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cs}/gu;

/**
 * A C-family literal: backslash, the quote (and `also`, e.g. Ruby's `#`) backslash-escaped, every unsafe character
 * written by `escape`.
 */
function cLiteral(s: string, quote: '"' | "'", escape: (c: string) => string, also = ''): string {
  let body = '';
  for (const c of s) {
    if (c === '\\' || c === quote || also.includes(c)) body += `\\${c}`;
    else body += c.replace(UNSAFE, escape);
  }
  return `${quote}${body}${quote}`;
}
/** Go and Ruby have no escape for a lone UTF-16 surrogate, and a UTF-8 file cannot hold one (PHP writes it raw). */
function noLoneSurrogate(target: string, s: string): string {
  if (/\p{Cs}/u.test(s))
    throw new Unquotable(target, s, 'a lone UTF-16 surrogate is not a Unicode character');
  return s;
}
const uEscape = (c: string): string => `\\u${hex4(c)}`;

/** Python str (also valid JSON-compatible text): `"…"` with \uXXXX escapes. */
export const pyStr = (s: string): string => cLiteral(s, '"', uEscape);
/** JavaScript / TypeScript, single-quoted as the house snippets are. */
export const jsStr = (s: string): string => cLiteral(s, "'", uEscape);
/** Go interpreted string literal; Go has no escape for a lone surrogate (not a valid code point). */
export const goStr = (s: string): string => cLiteral(noLoneSurrogate('Go', s), '"', uEscape);
/** C# regular string literal (C# also ends lines at U+0085/U+2028/U+2029, all escaped here). */
export const csStr = (s: string): string => cLiteral(s, '"', uEscape);
/**
 * Java: `\uXXXX` is translated before lexing (JLS 3.3), so `\u000a` would end the literal; controls are written
 * as octal escapes instead. A `\u` in the value is preceded by an escaped backslash, which disables translation.
 */
export const javaStr = (s: string): string =>
  cLiteral(s, '"', (c) =>
    c.charCodeAt(0) <= 0xff ? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}` : uEscape(c),
  );
/** Ruby double-quoted: `#` is escaped too, so `#{…}` never interpolates. */
export const rubyStr = (s: string): string => cLiteral(noLoneSurrogate('Ruby', s), '"', uEscape, '#');
/** PHP single-quoted: no interpolation; only `\\` and `\'` are escapes, any other byte stands for itself. */
export const phpStr = (s: string): string =>
  `'${noLoneSurrogate('PHP', s).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** A Ruby symbol: bare when it is an identifier, else a quoted symbol. */
export const rubySymbol = (s: string): string => (/^[a-z_][a-z0-9_]*$/.test(s) ? `:${s}` : `:${rubyStr(s)}`);
