// `cors-lens explain "<console line>"`: a CORS line from Chrome's, Firefox's or Safari's console (several lines
// pasted together are read as one failure) → the cause or causes it leaves open and the `check` command that
// settles it. Pasted text is hostile: what is printed has its control characters escaped, the command is quoted.
import { readFileSync } from 'node:fs';
import { explainConsole, MAX_EXPLAIN_CHARS, type Explanation } from '../explain/explain.ts';
import { parseWith } from './args.ts';
import { UsageError } from './errors.ts';
import { EXIT, type Io } from './io.ts';

export interface ExplainArgs {
  command: 'explain';
  /** The pasted text, or null: read it from stdin. */
  text: string | null;
  json: boolean;
}

export function parseExplain(argv: string[]): ExplainArgs {
  const { values, positionals } = parseWith(argv, { json: { type: 'boolean', default: false } });
  const text =
    positionals.length === 0 || (positionals.length === 1 && positionals[0] === '-')
      ? null
      : positionals.join(' ');
  return { command: 'explain', text, json: values.json };
}

const BROWSER = { chrome: 'Chrome', firefox: 'Firefox', safari: 'Safari' } as const;

/** Terminal-safe: a pasted escape sequence is shown, never run by the terminal. */
const printable = (s: string): string => {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out +=
      (c < 0x20 && ch !== '\n') || (c >= 0x7f && c <= 0x9f) ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
};

export function formatExplanation(x: Explanation): string {
  const f = x.facts;
  const facts = [
    f.url,
    f.origin && `from ${f.origin}`,
    f.status !== undefined && `status ${f.status ?? 'none'}`,
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `${BROWSER[x.browser]}: ${x.templates.filter((t) => t !== 'network').join(' + ')}${facts ? ` (${facts})` : ''}`,
  ];
  if (x.causes.length === 0)
    lines.push('The text says only that CORS blocked the request; it names no cause.');
  else if (x.causes.length === 1)
    lines.push(`Cause: ${x.causes[0]?.code ?? ''}`, `  ${x.causes[0]?.headline ?? ''}`);
  else {
    lines.push(`The text leaves ${x.causes.length} causes open, most likely first:`);
    x.causes.forEach((c, i) => lines.push(`  ${i + 1}. ${c.code}: ${c.headline}`));
  }
  lines.push('', 'Next step, to settle it:', `  ${x.next.command}`, ...x.next.notes.map((n) => `  - ${n}`));
  return printable(`${lines.join('\n')}\n`);
}

export function explainCommand(args: ExplainArgs, io: Io): number {
  let text = args.text;
  if (text === null) {
    try {
      text = readFileSync(0, 'utf8').slice(0, MAX_EXPLAIN_CHARS);
    } catch (e) {
      throw new UsageError(`explain: cannot read stdin: ${(e as Error).message}`);
    }
  }
  const x = explainConsole(text);
  if (x === null)
    throw new UsageError(
      'explain: no CORS console message recognised (expected Chrome\'s "Access to … has been blocked by CORS policy", Firefox\'s "Cross-Origin Request Blocked" or one of Safari\'s access-control messages)',
    );
  io.stdout(args.json ? `${JSON.stringify(x, null, 2)}\n` : formatExplanation(x));
  return EXIT.ok;
}
