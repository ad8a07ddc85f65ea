// String literals for emitted code: every value that came from a request, a report or a route file goes through
// one of these, never into the code as written. Minimal and local (engineer #13 is writing the shared per-language
// quoting for src/fixes; these move there when it lands).

/** A Python str literal. JSON's string syntax is a subset of Python's (\uXXXX, \", \\, \n …). */
export const py = (s: string): string => JSON.stringify(s);

/** A JavaScript/TypeScript string literal (JSON strings are valid JS since ES2019, U+2028 included). */
export const js = (s: string): string => JSON.stringify(s);

/** A POSIX shell word in single quotes: nothing inside is expanded; a quote closes, escapes, reopens. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A comment-safe rendering: one line, no comment terminators of any of the languages emitted. */
export const comment = (s: string): string =>
  // eslint-disable-next-line no-control-regex -- every control character, line breaks included, is dropped
  s.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, ' ').replace(/\*\//g, '* /');
