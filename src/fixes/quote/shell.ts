// Shell words for commands handed to the user (the cURL export, command lines in notes; docs/output-safety.md).

/** POSIX shell: single quotes keep every byte literal; a `'` is closed, escaped and reopened. */
export const shQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * PowerShell: single-quoted strings are literal; PowerShell also treats the typographic quotes U+2018-U+201B as
 * single quotes, so every one of them is doubled like `'`.
 */
export const psQuote = (s: string): string => `'${s.replace(/['\u2018-\u201b]/g, (q) => q + q)}'`;

/** A shell word: bare when it is made only of characters no shell treats specially, else single-quoted. */
export const shWord = (s: string): string => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : shQuote(s));
