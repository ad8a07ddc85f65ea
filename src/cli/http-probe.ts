// The CLI's HTTP client: sends one request the way a browser's network stack would put it on the wire (Origin,
// preflight headers) and keeps what the engine needs from the answer: the status, every raw header line (repeated
// ones stay separate, as a duplicated Access-Control-Allow-Origin is itself a failure) and a short body snippet.
import http from 'node:http';
import https from 'node:https';
import type { HeaderMap, ObservedHop } from '../engine/types.ts';
import { ProbeError } from './errors.ts';
import { addHeader, emptyHeaders } from '../engine/headers.ts';

export const BODY_SNIPPET_BYTES = 2_048;
export const USER_AGENT = 'cors-lens (CORS check)';

export interface WireRequest {
  url: string;
  method: string;
  /** Header lines in send order; names as given. */
  headers: readonly (readonly [string, string])[];
  /** The whole check's budget (--timeout), named in the timeout message. */
  timeoutMs: number;
  /** When the whole check must end (epoch ms); default: timeoutMs from now. */
  deadline?: number;
}

export interface ProbedHop extends ObservedHop {
  /** The first BODY_SNIPPET_BYTES of the body, decoded as UTF-8 (error pages often name the real problem). */
  bodySnippet: string;
}

/** Raw header lines → HeaderMap: lower-case names, a name sent several times becomes an array in order. */
export function headerMapOf(rawHeaders: readonly string[]): Record<string, string | string[]> {
  const map = emptyHeaders();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    addHeader(map, (rawHeaders[i] as string).toLowerCase(), rawHeaders[i + 1] as string);
  return map;
}

const requestHeaderMap = (headers: WireRequest['headers']): HeaderMap =>
  headerMapOf(headers.flatMap(([n, v]) => [n, v]));

function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  const where = url.host;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve host ${url.hostname}`;
    case 'ECONNRESET':
      return `${where} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} is unreachable`;
    default: {
      const code = err.code ?? '';
      const reason = (err as { reason?: string }).reason ?? err.message.split('\n')[0] ?? '';
      if (/wrong version number|WRONG_VERSION_NUMBER/i.test(`${code} ${err.message}`))
        return `TLS error talking to ${where}: it does not speak TLS on this port (https:// to an http port?)`;
      if (code === 'EPROTO' || /^ERR_(TLS|SSL)/.test(code) || code.includes('CERT'))
        return `TLS error talking to ${where}: ${reason}`;
      return `request to ${where} failed: ${reason}`;
    }
  }
}

// The methods Node's http client sends chunked when no length is given (every one but GET, HEAD, DELETE, OPTIONS,
// TRACE, CONNECT).
const BODYLESS_CHUNKED = new Set(['POST', 'PUT', 'PATCH']);

/** Sends one request and resolves with its first response; never follows redirects (the caller does, as a browser). */
export function sendOnce(req: WireRequest): Promise<ProbedHop> {
  const url = new URL(req.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(new ProbeError(message));
    };
    // Raw header lines keep the order and case we send; Node then adds no Host of its own, so we add it first.
    // A body-less POST from a page goes out with Content-Length: 0 (Fetch, "HTTP-network-or-cache fetch"); Node
    // would send it chunked, which a browser never does and some servers and proxies refuse (docs/cli.md).
    const length =
      BODYLESS_CHUNKED.has(req.method.toUpperCase()) &&
      !req.headers.some(([n]) => /^content-length$/i.test(n));
    const raw = [
      ['Host', url.host] as const,
      ...req.headers,
      ...(length ? [['Content-Length', '0'] as const] : []),
    ].flatMap(([n, v]) => [n, v]);
    const request = client.request(url, { method: req.method, headers: raw, agent: false });
    const left = Math.max(0, (req.deadline ?? Date.now() + req.timeoutMs) - Date.now());
    const timer = setTimeout(() => {
      fail(
        `timed out after ${req.timeoutMs} ms waiting for ${req.method} ${url.href} (use --timeout to wait longer)`,
      );
    }, left);
    request.on('error', (err: NodeJS.ErrnoException) => {
      fail(describeNetworkError(err, url));
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve({
          url: url.href,
          method: req.method,
          requestHeaders: requestHeaderMap(req.headers),
          status: res.statusCode ?? 0,
          responseHeaders: headerMapOf(res.rawHeaders),
          bodySnippet: Buffer.concat(chunks).subarray(0, BODY_SNIPPET_BYTES).toString('utf8'),
        });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_SNIPPET_BYTES) finish();
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    request.end();
  });
}
