// A pasted console excerpt → what it says, the causes it leaves open (narrowed by the status when a line gives it,
// with the engine's own rules) and the `cors-lens check` command that settles which one it is.
import { CAUSES, headlineFor } from '../engine/causes.ts';
import { isPreflightNotHandled } from '../engine/rules/preflight-not-handled.ts';
import { isServerErrorWithoutCors } from '../engine/rules/server-error-without-cors.ts';
import type { CauseCode, CorsError } from '../engine/types.ts';
import { nextStep, type NextStep } from './next-step.ts';
import { parseConsoleLine } from './parse-line.ts';
import type { ConsoleBrowser, LineFacts, ParsedLine } from './types.ts';

/** Pasted text is bounded before any regex runs over it. */
export const MAX_EXPLAIN_CHARS = 20_000;

export interface Explanation {
  browser: ConsoleBrowser;
  /** The templates recognised, one per line that matched. */
  templates: string[];
  /** Chrome's CorsError names the text leaves open. */
  corsErrors: CorsError[];
  /** Every cause left open, most likely first, with its plain-words headline. */
  causes: { code: CauseCode; headline: string }[];
  facts: LineFacts;
  next: NextStep;
}

const isCorsError = (c: CauseCode): c is CorsError => CAUSES[c].chrome === c;

/** The engine's status rules: a 4xx/5xx without ACAO is the error page, a 404/405/501 preflight is unhandled. */
function narrow(causes: CauseCode[], status: number | null | undefined, template: string): CauseCode[] {
  const s = status ?? null;
  const out = [...causes];
  if (causes.some((c) => isServerErrorWithoutCors(c as CorsError, s)))
    out.unshift('server-error-without-cors');
  else if (causes.includes('MissingAllowOriginHeader') && status === undefined)
    out.push('server-error-without-cors');
  const unhandled = causes.some((c) => isPreflightNotHandled(c as CorsError, s));
  // Firefox checks the preflight's status before its headers (Chrome the other way round), so an unhandled
  // OPTIONS route shows there as "preflight response did not succeed" with the 404.
  if (
    unhandled ||
    (template.startsWith('CORSPreflightDidNotSucceed') && s !== null && [404, 405, 501].includes(s))
  )
    out.unshift('preflight-not-handled');
  else if (causes.includes('PreflightMissingAllowOriginHeader') && status === undefined)
    out.push('preflight-not-handled');
  if (template.startsWith('CORSPreflightDidNotSucceed') && status !== undefined)
    return out.filter((c) => (s === null ? c === 'InvalidResponse' : c !== 'InvalidResponse'));
  return out;
}

function merge(lines: ParsedLine[]): { primary: ParsedLine; facts: LineFacts } {
  const primary =
    lines.find((l) => l.causes.length > 0) ?? lines.find((l) => l.template !== 'network') ?? lines[0];
  if (!primary) throw new Error('no line');
  const facts: LineFacts = {};
  // The primary line's facts win; the others fill in what it does not say (Safari's URL line, Chrome's network line).
  for (const l of [primary, ...lines.filter((x) => x !== primary)])
    for (const [k, v] of Object.entries(l.facts))
      if (!(k in facts) && v !== undefined) (facts as Record<string, unknown>)[k] = v;
  return { primary, facts };
}

const originOf = (url: string | undefined): string | null => {
  try {
    return url === undefined ? null : new URL(url).origin;
  } catch {
    return null;
  }
};

/** The explanation of a pasted excerpt, or null when no line of it is a CORS message of the three browsers. */
export function explainConsole(text: string): Explanation | null {
  const lines = text
    .slice(0, MAX_EXPLAIN_CHARS)
    .split(/\r?\n/)
    .map(parseConsoleLine)
    .filter((l): l is ParsedLine => l !== null);
  if (!lines.some((l) => l.template !== 'network')) return null;
  const { primary, facts } = merge(lines);
  const causes = narrow(primary.causes, facts.status, primary.template);
  const params = {
    api: originOf(facts.url) ?? 'the server',
    origin: facts.origin ?? 'your page',
    value: facts.header ?? facts.method ?? facts.value ?? '…',
    status: facts.status ?? null,
    url: facts.url ?? 'the URL',
  };
  return {
    browser: primary.browser,
    templates: lines.map((l) => l.template),
    corsErrors: primary.causes.filter(isCorsError),
    causes: causes.map((code) => ({ code, headline: headlineFor(code, params) })),
    facts,
    next: nextStep(facts),
  };
}
