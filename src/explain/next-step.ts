// The `cors-lens check` command that settles what a console line leaves open, built from the facts the line gives.
// Every fact came from pasted text: it is used only if it is what a browser could have sent (an http(s) URL, a
// serialised origin, a method and header name that are tokens) and always single-quoted; what is missing or
// refused becomes a shell variable the user sets ("$ORIGIN"), never a guess presented as fact.
import { shellQuote } from '../report/curl.ts';
import type { LineFacts } from './types.ts';

export interface NextStep {
  /** One shell command line. */
  command: string;
  /** What the command assumes or leaves to the user, in plain words. */
  notes: string[];
}

// Arguments made only of these characters need no quotes (no glob, expansion or word splitting in any POSIX shell).
const PLAIN = /^[A-Za-z0-9_./:=@%+,-]+$/;
const q = (s: string): string => (PLAIN.test(s) ? s : shellQuote(s));

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

function httpUrl(v: string | undefined): string | null {
  if (v === undefined) return null;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function serialisedOrigin(v: string | undefined): string | null {
  if (v === 'null') return v;
  const u = httpUrl(v);
  return u !== null && new URL(u).origin === v ? v : null;
}

export function nextStep(f: LineFacts): NextStep {
  const notes: string[] = [];
  const url = httpUrl(f.url);
  const origin = serialisedOrigin(f.origin);
  if (url === null)
    notes.push(
      f.url === undefined
        ? 'Set URL to the request URL: the pasted text does not name it.'
        : 'Set URL to the request URL: the one in the pasted text is not an http(s) URL.',
    );
  if (origin === null)
    notes.push(
      f.origin === undefined
        ? "Set ORIGIN to your page's origin (scheme://host:port): the pasted text does not name it."
        : "Set ORIGIN to your page's origin: the one in the pasted text is not a serialised origin.",
    );
  const header = f.header !== undefined && TOKEN.test(f.header) ? f.header : undefined;
  let method = f.method !== undefined && TOKEN.test(f.method) ? f.method : undefined;
  const headers: string[] = [];
  if (header !== undefined) {
    const json = header.toLowerCase() === 'content-type';
    headers.push(`${header}: ${json ? 'application/json' : 'x'}`);
    if (!json)
      notes.push(
        `The value of ${header} is a placeholder: the browser sends only its name in the preflight.`,
      );
  }
  if (method === undefined && f.preflight === true && header === undefined) {
    method = 'POST';
    headers.push('Content-Type: application/json');
    notes.push(
      'The text says a preflight failed but not for which method or headers: a JSON POST is assumed; use the real ones.',
    );
  } else if (method === undefined) {
    method = 'GET';
    notes.push('The text does not name the method: GET is assumed; use the real one.');
  }
  const parts = [
    'cors-lens check',
    url === null ? '"$URL"' : q(url),
    '--origin',
    origin === null ? '"$ORIGIN"' : q(origin),
    '--method',
    q(method),
    ...headers.flatMap((h) => ['-H', q(h)]),
    ...(f.credentials === true ? ['--credentials'] : []),
  ];
  if (f.credentials !== true)
    notes.push(
      'Add --credentials if the page sends cookies or auth (fetch credentials: "include", XHR withCredentials).',
    );
  return { command: parts.join(' '), notes };
}
