// Firefox's and WebKit's message templates as regular expressions: the literal text escaped, each placeholder a
// capture group. Quotes are folded (‘’ “” → '), since a line copied through a chat or a ticket often loses them.
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const foldQuotes = (s: string): string => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

export interface Compiled {
  re: RegExp;
  /** The placeholder each capture group stands for, in order. */
  names: string[];
}

/** `placeholder` matches one placeholder in `text` and captures its name. */
export function compile(text: string, placeholder: RegExp): Compiled {
  const names: string[] = [];
  let body = '';
  let last = 0;
  for (const m of foldQuotes(text).matchAll(new RegExp(placeholder, 'g'))) {
    body += escapeRe(foldQuotes(text).slice(last, m.index));
    names.push(m[1] ?? '');
    // A URL has no spaces; other values may (a header list).
    body += m[1] === 'url' || m[1] === '1' ? '(\\S+?)' : '(.*?)';
    last = m.index + m[0].length;
  }
  body += escapeRe(foldQuotes(text).slice(last));
  return { re: new RegExp(`^${body}$`, 's'), names };
}

/** The captures of `line` by placeholder name, or null when it does not match. */
export function match(c: Compiled, line: string): Record<string, string> | null {
  const m = c.re.exec(foldQuotes(line));
  if (!m) return null;
  return Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? '']));
}
