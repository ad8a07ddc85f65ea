// Command-line parsing for the three commands: node:util parseArgs in strict mode, then validation of every value
// a browser would refuse (origins, header lines, methods), so bad input ends as one UsageError line and exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AuditArgs } from './audit/args.ts';
import { parseAudit } from './audit/args.ts';
import { UsageError } from './errors.ts';
import { parseExplain, type ExplainArgs } from './explain.ts';
import { parseHar, type HarArgs } from './har-args.ts';

export interface CheckArgs {
  command: 'check';
  url: string;
  origin: string;
  method: string;
  headers: [string, string][];
  credentials: boolean;
  backend: string | null;
  json: boolean;
  timeoutMs: number;
  /** --emit-test DIR: write the regression test for this request there. */
  emitTest: string | null;
}

export interface ReplayArgs {
  command: 'replay';
  files: string[];
  json: boolean;
  timeoutMs: number;
}

export interface RecordArgs {
  command: 'record';
  url: string;
  waitMs: number;
  format: 'text' | 'json' | 'md';
  out: string | null;
  timeoutMs: number;
}

export type CliArgs =
  | CheckArgs
  | ReplayArgs
  | RecordArgs
  | AuditArgs
  | ExplainArgs
  | HarArgs
  | { command: 'help' }
  | { command: 'version' };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_WAIT_MS = 1_000;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header names a page cannot set (Fetch §forbidden request-header, plus User-Agent, which Chromium still drops:
// crbug.com/571722): a browser drops them, so a check with one would test something no page can send.
// https://fetch.spec.whatwg.org/#forbidden-request-header
const FORBIDDEN =
  /^(accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|connection|content-length|cookie|cookie2|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|user-agent|via|proxy-.*|sec-.*)$/i;

export const isForbiddenHeaderName = (name: string): boolean => FORBIDDEN.test(name);

const timeoutOption = { timeout: { type: 'string' } } as const;

export function parseWith<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' messages open with one clear sentence ("Unknown option '--x'"); the rest is advice for scripts.
    throw new UsageError(((e as Error).message.split(/\.\s|\n/)[0] ?? 'invalid arguments').trim());
  }
}

export function parseHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${what} must be http or https: ${JSON.stringify(value)}`);
  return url;
}

/** An origin exactly as a browser serialises it: scheme://host[:port], no path, no trailing slash; or "null". */
export function parseOrigin(value: string): string {
  // An opaque origin (sandboxed iframe, file: page, data: URL) is sent as the literal "null".
  if (value === 'null') return value;
  const url = parseHttpUrl(value, '--origin');
  if (url.origin !== value)
    throw new UsageError(
      `--origin must be scheme://host[:port] with no path or trailing slash (did you mean ${url.origin}?)`,
    );
  return url.origin;
}

export function parseHeaderLine(line: string): [string, string] {
  const i = line.indexOf(':');
  const name = i < 0 ? '' : line.slice(0, i).trim();
  const value = i < 0 ? '' : line.slice(i + 1).trim();
  if (!TOKEN.test(name))
    throw new UsageError(`malformed header ${JSON.stringify(line)}: expected 'Name: value'`);
  if (/[\r\n]/.test(value))
    throw new UsageError(`malformed header ${JSON.stringify(line)}: the value contains a line break`);
  // Header values are byte strings: fetch() throws a TypeError for anything above U+00FF, so no page can send it.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value))
    throw new UsageError(
      `malformed header ${JSON.stringify(line)}: the value has characters a browser cannot send`,
    );
  if (isForbiddenHeaderName(name))
    throw new UsageError(
      `header ${name} cannot be set by a page (forbidden request header)${name.toLowerCase() === 'origin' ? '; use --origin' : ''}`,
    );
  return [name, value];
}

/** A duration flag: digits only; zero only where it means "no extra wait" (--wait), never for a timeout. */
function parseMs(value: string | undefined, flag: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    const what = min === 0 ? 'a number of milliseconds' : 'a positive number of milliseconds';
    throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function onePositional(positionals: string[], what: string, command: string): string {
  if (positionals.length === 0) throw new UsageError(`${command}: missing ${what}`);
  if (positionals.length > 1)
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[1])}`);
  return positionals[0] as string;
}

function reportFiles(positionals: string[]): string[] {
  if (positionals.length === 0) throw new UsageError('replay: missing <report.json>');
  return positionals;
}

function parseCheck(argv: string[]): CheckArgs {
  const { values, positionals } = parseWith(argv, {
    origin: { type: 'string' },
    method: { type: 'string', default: 'GET' },
    header: { type: 'string', short: 'H', multiple: true },
    credentials: { type: 'boolean', default: false },
    backend: { type: 'string' },
    json: { type: 'boolean', default: false },
    'emit-test': { type: 'string' },
    ...timeoutOption,
  });
  const url = parseHttpUrl(onePositional(positionals, '<url>', 'check'), '<url>').href;
  if (values.origin === undefined)
    throw new UsageError('check: --origin <origin> is required (the page origin the browser would send)');
  const method = values.method;
  if (!TOKEN.test(method))
    throw new UsageError(`--method is not a valid HTTP method: ${JSON.stringify(method)}`);
  return {
    command: 'check',
    url,
    origin: parseOrigin(values.origin),
    // Browsers upper-case these six and send any other method (PATCH included) as written (Fetch §normalize).
    method: /^(delete|get|head|options|post|put)$/i.test(method) ? method.toUpperCase() : method,
    headers: (values.header ?? []).map(parseHeaderLine),
    credentials: values.credentials,
    backend: values.backend ?? null,
    json: values.json,
    timeoutMs: parseMs(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS),
    emitTest: values['emit-test'] ?? null,
  };
}

function parseReplay(argv: string[]): ReplayArgs {
  const { values, positionals } = parseWith(argv, {
    json: { type: 'boolean', default: false },
    ...timeoutOption,
  });
  return {
    command: 'replay',
    files: reportFiles(positionals),
    json: values.json,
    timeoutMs: parseMs(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS),
  };
}

function parseRecord(argv: string[]): RecordArgs {
  const { values, positionals } = parseWith(argv, {
    wait: { type: 'string' },
    json: { type: 'boolean', default: false },
    md: { type: 'boolean', default: false },
    out: { type: 'string' },
    ...timeoutOption,
  });
  if (values.json && values.md) throw new UsageError('record: --json and --md are exclusive');
  return {
    command: 'record',
    url: parseHttpUrl(onePositional(positionals, '<url>', 'record'), '<url>').href,
    waitMs: parseMs(values.wait, '--wait', DEFAULT_WAIT_MS, 0),
    format: values.json ? 'json' : values.md ? 'md' : 'text',
    out: values.out ?? null,
    timeoutMs: parseMs(values.timeout, '--timeout', 30_000),
  };
}

export function parseCli(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return parseCheck(rest);
    case 'replay':
      return parseReplay(rest);
    case 'record':
      return parseRecord(rest);
    case 'audit':
      return parseAudit(rest);
    case 'explain':
      return parseExplain(rest);
    case 'har':
      return parseHar(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help' };
    case '--version':
    case '-V':
      return { command: 'version' };
    default:
      throw new UsageError(
        `unknown command ${JSON.stringify(command)} (expected record, check, replay, audit, har or explain; see cors-lens --help)`,
      );
  }
}
