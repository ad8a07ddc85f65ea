// `cors-lens audit` arguments: the base URL, the origins that must work, one source of routes, the outputs.
import { parseArgs } from 'node:util';
import { DEFAULT_TIMEOUT_MS, parseHttpUrl, parseOrigin } from '../args.ts';
import { UsageError } from '../errors.ts';

export interface AuditArgs {
  command: 'audit';
  base: string;
  origins: string[];
  source: { kind: 'openapi' | 'routes' | 'report'; location: string };
  credentials: boolean;
  json: boolean;
  junit: string | null;
  sarif: string | null;
  emitTests: string | null;
  backend: string | null;
  timeoutMs: number;
  concurrency: number;
}

const positiveInt = (v: string | undefined, flag: string, fallback: number, max: number): number => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max)
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
};

export function parseAudit(argv: string[]): AuditArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        origin: { type: 'string', multiple: true },
        openapi: { type: 'string' },
        routes: { type: 'string' },
        report: { type: 'string' },
        credentials: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        junit: { type: 'string' },
        sarif: { type: 'string' },
        'emit-tests': { type: 'string' },
        backend: { type: 'string' },
        timeout: { type: 'string' },
        concurrency: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(((e as Error).message.split(/\.\s|\n/)[0] ?? 'invalid arguments').trim());
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'audit: missing <base-url>'
        : `audit: unexpected argument ${JSON.stringify(positionals[1])}`,
    );
  const base = parseHttpUrl(positionals[0] as string, '<base-url>');
  const origins = [...new Set((values.origin ?? []).map(parseOrigin))];
  if (origins.length === 0)
    throw new UsageError('audit: at least one --origin <origin> is required (the frontends that must work)');
  const sources = (['openapi', 'routes', 'report'] as const).filter((k) => values[k] !== undefined);
  if (sources.length !== 1)
    throw new UsageError(
      'audit: give exactly one of --openapi <file|url>, --routes <file>, --report <report.json>',
    );
  const kind = sources[0] as 'openapi' | 'routes' | 'report';
  return {
    command: 'audit',
    base: base.href,
    origins,
    source: { kind, location: values[kind] as string },
    credentials: values.credentials,
    json: values.json,
    junit: values.junit ?? null,
    sarif: values.sarif ?? null,
    emitTests: values['emit-tests'] ?? null,
    backend: values.backend ?? null,
    timeoutMs: positiveInt(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS, 600_000),
    concurrency: positiveInt(values.concurrency, '--concurrency', 4, 16),
  };
}
