// String literals for emitted code come from the generators' quoting (src/fixes/quote, docs/output-safety.md):
// every value that came from a request, a report or a route file goes through one of these, never into the code
// as written. Only the comment rendering is local: a test's title line is prose, not a literal.
export { goStr as go, jsStr as js, pyStr as py, rubyStr as rb } from '../../../fixes/quote/code.ts';
export { shQuote as sh } from '../../../fixes/quote/shell.ts';

/** A comment-safe rendering: one line, no comment terminators of any of the languages emitted. */
export const comment = (s: string): string =>
  // eslint-disable-next-line no-control-regex -- every control character, line breaks included, is dropped
  s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, ' ').replace(/\*\//g, '* /');
