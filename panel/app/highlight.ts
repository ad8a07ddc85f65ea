// A tiny syntax highlighter for fix snippets: a tokenizer, not a parser. It returns typed text tokens that
// components render as text nodes, so no snippet content is ever interpreted as markup.
export type TokenType = 'comment' | 'string' | 'number' | 'keyword' | 'plain';

export interface Token {
  type: TokenType;
  text: string;
}

const KEYWORDS = new Set(
  (
    'import from export const let var function return if else for in of new class def async await with as true false ' +
    'null None True False nil public private static void use server location add_header always map set include require ' +
    'func package type struct end do module app get post put delete options allow Header'
  ).split(' '),
);

/** Comment syntax per language family; everything else is shared. */
const HASH_COMMENTS = new Set(['python', 'nginx', 'apache', 'caddy', 'ruby', 'yaml', 'shell', 'text']);
const SLASH_COMMENTS = new Set(['javascript', 'typescript', 'go', 'java', 'csharp', 'php', 'json']);

function pattern(language: string): RegExp {
  const comments: string[] = [];
  if (HASH_COMMENTS.has(language) || language === 'php') comments.push('#[^\\n]*');
  if (SLASH_COMMENTS.has(language)) comments.push('//[^\\n]*', '/\\*[\\s\\S]*?\\*/');
  const parts = [
    // Always a capturing group (one that never matches when the language has no comments): the groups below are positional.
    `(${comments.length > 0 ? comments.join('|') : '(?!)'})`,
    '("(?:[^"\\\\\\n]|\\\\.)*"|\'(?:[^\'\\\\\\n]|\\\\.)*\'|`(?:[^`\\\\]|\\\\.)*`)',
    '(\\b\\d+(?:\\.\\d+)?\\b)',
    '([A-Za-z_][\\w]*)',
  ];
  return new RegExp(parts.join('|'), 'g');
}

export function tokenize(code: string, language: string): Token[] {
  const tokens: Token[] = [];
  const push = (type: TokenType, text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && type === 'plain') last.text += text;
    else if (text !== '') tokens.push({ type, text });
  };
  const re = pattern(language);
  let at = 0;
  for (const m of code.matchAll(re)) {
    push('plain', code.slice(at, m.index));
    const [text, comment, str, num, word] = m;
    if (comment !== undefined) push('comment', text);
    else if (str !== undefined) push('string', text);
    else if (num !== undefined) push('number', text);
    else if (word !== undefined) push(KEYWORDS.has(word) ? 'keyword' : 'plain', text);
    at = m.index + text.length;
  }
  push('plain', code.slice(at));
  return tokens;
}
