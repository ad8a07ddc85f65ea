// `cors-lens har` arguments, apart from the command so that parsing stays light (the command loads on demand).
import { parseWith } from './args.ts';
import { UsageError } from './errors.ts';

export interface HarArgs {
  command: 'har';
  file: string;
  format: 'text' | 'json' | 'md';
  out: string | null;
  includeSensitive: boolean;
  /** Progress lines on stderr (default: for files over 10 MB). */
  progress: boolean;
}

export function parseHar(argv: string[]): HarArgs {
  const { values, positionals } = parseWith(argv, {
    json: { type: 'boolean', default: false },
    md: { type: 'boolean', default: false },
    out: { type: 'string' },
    'include-sensitive': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  if (values.json && values.md) throw new UsageError('har: --json and --md are exclusive');
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? 'har: missing <file.har>' : 'har: one <file.har> at a time',
    );
  return {
    command: 'har',
    file: positionals[0] as string,
    format: values.json ? 'json' : values.md ? 'md' : 'text',
    out: values.out ?? null,
    includeSensitive: values['include-sensitive'],
    progress: !values.quiet,
  };
}
