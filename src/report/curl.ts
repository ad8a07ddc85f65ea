// "Copy as cURL": shell commands that replay the preflight and the actual request with the page's real Origin,
// so a backend developer can reproduce the failure, and check the fix, without a browser.
import type { HeaderMap, Observed } from '../engine/types.ts';
import { redactHeaderValue, redactUrl } from './redact.ts';
import { shQuote, shWord } from '../fixes/quote/shell.ts';

/** POSIX shell single-quoting (src/fixes/quote/shell.ts): safe for any byte the server or page put in a value. */
export const shellQuote = shQuote;

/** Headers the browser adds itself; replaying them only adds noise. */
const SKIP = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'origin', 'user-agent']);

function headerArgs(headers: HeaderMap | undefined, includeSensitive: boolean): string[] {
  const out: string[] = [];
  for (const [name, v] of Object.entries(headers ?? {})) {
    const n = name.toLowerCase();
    if (SKIP.has(n) || n.startsWith('sec-')) continue;
    for (const value of typeof v === 'string' ? [v] : v) {
      out.push(`-H ${shellQuote(`${n}: ${includeSensitive ? value : redactHeaderValue(n, value)}`)}`);
    }
  }
  return out;
}

const command = (lines: string[]): string => lines.join(' \\\n  ');

/** The URL word: positional when it is http(s), else after --url so curl never reads it as an option. */
const urlArg = (url: string): string =>
  /^https?:\/\//i.test(url) ? shellQuote(url) : `--url ${shellQuote(url)}`;

export function curlCommands(o: Observed, opts: { includeSensitive: boolean }): string {
  const url = opts.includeSensitive ? o.url : redactUrl(o.url);
  const origin = `-H ${shellQuote(`origin: ${o.pageOrigin}`)}`;
  const parts: string[] = [];
  if (o.preflight) {
    const acrh = o.preflight.requestHeaders['access-control-request-headers'];
    parts.push(
      '# Preflight: the server must answer 2xx with the Access-Control-Allow-* headers',
      command([
        `curl -i -X OPTIONS ${urlArg(url)}`,
        origin,
        `-H ${shellQuote(`access-control-request-method: ${o.method}`)}`,
        ...(acrh === undefined
          ? []
          : [`-H ${shellQuote(`access-control-request-headers: ${String(acrh)}`)}`]),
      ]),
      '',
    );
  }
  const cookies =
    o.credentials === 'include'
      ? ['# credentials: include: add the cookies the browser would send with -b']
      : [];
  parts.push(
    '# Actual request: the response must carry Access-Control-Allow-Origin for this origin',
    ...cookies,
    command([
      `curl -i -X ${shWord(o.method)} ${urlArg(url)}`,
      origin,
      ...headerArgs(o.requestHeaders, opts.includeSensitive),
    ]),
  );
  return parts.join('\n');
}
