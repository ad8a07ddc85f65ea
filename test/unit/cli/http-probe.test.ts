// The wire layer: raw repeated headers, body snippets, timeouts and refusals; and the browser-like exchange
// (preflight gate, redirects, tainted Origin), with the engine's decisions replaced by a scripted gate.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeError } from '../../../src/cli/errors.ts';
import { runExchange, type ExchangeGate } from '../../../src/cli/exchange.ts';
import { headerMapOf, sendOnce } from '../../../src/cli/http-probe.ts';
import { close, listen } from './helpers.ts';

interface Hit {
  port: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
const hits: Hit[] = [];
const servers: http.Server[] = [];
let a = '';
let b = '';

function handler(port: () => number) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    hits.push({ port: port(), method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const path = req.url ?? '';
    if (path === '/dup') {
      res.writeHead(200, [
        ['Access-Control-Allow-Origin', 'http://page.test'],
        ['Access-Control-Allow-Origin', 'http://page.test'],
        ['X-One', '1'],
      ]);
      res.end('x'.repeat(10_000));
    } else if (path === '/hang') {
      // never answers
    } else if (path === '/to-b') {
      res.writeHead(302, { location: `${b}/end` });
      res.end();
    } else if (path === '/post-303') {
      res.writeHead(303, { location: '/end' });
      res.end();
    } else if (path === '/creds-to-b' || path === '/creds-to-a') {
      res.writeHead(307, { location: path === '/creds-to-b' ? `${b}/end` : '/end' });
      res.end();
    } else if (path.startsWith('/slow/')) {
      // Every hop answers well within --timeout, but the chain of them does not.
      const n = Number(path.slice(6));
      setTimeout(() => {
        res.writeHead(302, { location: n > 0 ? `/slow/${n - 1}` : '/end' });
        res.end();
      }, 300);
    } else if (path === '/userinfo') {
      res.writeHead(302, { location: `http://u:p@127.0.0.1/x` });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('fine');
    }
  };
}

async function start(): Promise<string> {
  const s: http.Server = http.createServer(handler(() => (s.address() as AddressInfo).port));
  servers.push(s);
  return `http://127.0.0.1:${await listen(s)}`;
}

beforeAll(async () => {
  a = await start();
  b = await start();
});
afterAll(async () => {
  await Promise.all(servers.map(close));
});

const noPreflight: ExchangeGate = { preflightFor: () => null, preflightBlocks: () => false };

describe('headerMapOf', () => {
  it('lower-cases names and keeps repeated lines apart', () => {
    expect(headerMapOf(['A', '1', 'b', '2', 'a', '3', 'A', '4'])).toEqual({ a: ['1', '3', '4'], b: '2' });
  });
});

describe('sendOnce', () => {
  it('keeps both Access-Control-Allow-Origin lines and a bounded body snippet', async () => {
    const hop = await sendOnce({
      url: `${a}/dup`,
      method: 'GET',
      headers: [['Origin', 'http://page.test']],
      timeoutMs: 2000,
    });
    expect(hop.status).toBe(200);
    expect(hop.responseHeaders['access-control-allow-origin']).toEqual([
      'http://page.test',
      'http://page.test',
    ]);
    expect(hop.bodySnippet.length).toBe(2048);
    expect(hop.requestHeaders).toEqual({ origin: 'http://page.test' });
  });

  it('sends a body-less POST or PATCH with Content-Length: 0, as a browser does, never chunked', async () => {
    for (const method of ['POST', 'PATCH']) {
      const before = hits.length;
      await sendOnce({ url: `${a}/ok`, method, headers: [['Origin', 'http://page.test']], timeoutMs: 2000 });
      const hit = hits.slice(before).find((h) => h.method === method);
      expect(hit?.headers['content-length']).toBe('0');
      expect(hit?.headers['transfer-encoding']).toBeUndefined();
    }
  });

  it('times out on a server that never answers', async () => {
    const t0 = Date.now();
    await expect(sendOnce({ url: `${a}/hang`, method: 'GET', headers: [], timeoutMs: 300 })).rejects.toThrow(
      /timed out after 300 ms/,
    );
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('names https:// sent to a plain-http port', async () => {
    const p = sendOnce({
      url: `${a.replace('http:', 'https:')}/ok`,
      method: 'GET',
      headers: [],
      timeoutMs: 2000,
    });
    await expect(p).rejects.toThrow(
      /^TLS error talking to 127\.0\.0\.1:\d+: it does not speak TLS on this port/,
    );
  });

  it('reports a refused connection as a ProbeError', async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await close(closed);
    const p = sendOnce({ url: `http://127.0.0.1:${port}/`, method: 'GET', headers: [], timeoutMs: 2000 });
    await expect(p).rejects.toBeInstanceOf(ProbeError);
    await expect(p).rejects.toThrow(/connection refused by 127.0.0.1:\d+/);
  });
});

describe('runExchange', () => {
  it('sends the preflight a browser would, and stops when it fails', async () => {
    hits.length = 0;
    const gate: ExchangeGate = {
      preflightFor: () => ({ requestHeaders: 'content-type,x-a' }),
      preflightBlocks: () => true,
    };
    const ex = await runExchange(
      {
        origin: 'http://page.test',
        url: `${a}/ok`,
        method: 'DELETE',
        headers: [['X-A', '1']],
        timeoutMs: 2000,
      },
      gate,
    );
    expect(ex.hops).toEqual([]);
    expect(ex.preflights).toHaveLength(1);
    expect(hits.map((h) => h.method)).toEqual(['OPTIONS']);
    expect(hits[0]?.headers).toMatchObject({
      origin: 'http://page.test',
      'access-control-request-method': 'DELETE',
      'access-control-request-headers': 'content-type,x-a',
    });
    expect(hits[0]?.headers['x-a']).toBeUndefined();
  });

  it('sends the actual request with Origin and the author headers after a passing preflight', async () => {
    hits.length = 0;
    const gate: ExchangeGate = {
      preflightFor: () => ({ requestHeaders: 'x-a' }),
      preflightBlocks: () => false,
    };
    const ex = await runExchange(
      { origin: 'http://page.test', url: `${a}/ok`, method: 'PUT', headers: [['X-A', '1']], timeoutMs: 2000 },
      gate,
    );
    expect(ex.hops.map((h) => h.status)).toEqual([200]);
    expect(hits.map((h) => h.method)).toEqual(['OPTIONS', 'PUT']);
    expect(hits[1]?.headers).toMatchObject({ origin: 'http://page.test', 'x-a': '1', accept: '*/*' });
  });

  it('follows a cross-origin redirect with a tainted Origin: null', async () => {
    hits.length = 0;
    const ex = await runExchange(
      { origin: 'http://page.test', url: `${a}/to-b`, method: 'GET', headers: [], timeoutMs: 2000 },
      noPreflight,
    );
    expect(ex.hops.map((h) => h.status)).toEqual([302, 200]);
    expect(ex.finalOrigin).toBe('null');
    expect(hits.map((h) => h.headers.origin)).toEqual(['http://page.test', 'null']);
  });

  it('turns a POST into a GET on 303 and drops the body headers', async () => {
    hits.length = 0;
    await runExchange(
      {
        origin: 'http://page.test',
        url: `${a}/post-303`,
        method: 'POST',
        headers: [['Content-Type', 'text/plain']],
        timeoutMs: 2000,
      },
      noPreflight,
    );
    expect(hits.map((h) => `${h.method} ${h.url}`)).toEqual(['POST /post-303', 'GET /end']);
    expect(hits[1]?.headers['content-type']).toBeUndefined();
  });

  it('does not follow a redirect to a URL with credentials, as a browser', async () => {
    const ex = await runExchange(
      { origin: 'http://page.test', url: `${a}/userinfo`, method: 'GET', headers: [], timeoutMs: 2000 },
      noPreflight,
    );
    expect(ex.hops.map((h) => h.status)).toEqual([302]);
  });

  const secrets: [string, string][] = [
    ['Authorization', 'Bearer t0p'],
    ['Cookie', 'sid=1'],
    ['Proxy-Authorization', 'Basic eA=='],
    ['X-Api-Key', 'k1'],
    ['X-Auth-Token', 't2'],
    ['X-Client-Secret', 's3'],
    ['apikey', 'k4'],
  ];

  it('drops credentials and API-key headers on a redirect to another origin, as browsers drop Authorization', async () => {
    hits.length = 0;
    await runExchange(
      {
        origin: 'http://page.test',
        url: `${a}/creds-to-b`,
        method: 'GET',
        headers: [...secrets, ['X-Trace', 'keep']],
        timeoutMs: 2000,
      },
      noPreflight,
    );
    expect(hits.map((h) => h.url)).toEqual(['/creds-to-b', '/end']);
    expect(hits[0]?.headers).toMatchObject({ authorization: 'Bearer t0p', 'x-api-key': 'k1' });
    const after = hits[1]?.headers ?? {};
    for (const [name] of secrets) expect(after[name.toLowerCase()], name).toBeUndefined();
    expect(after['x-trace']).toBe('keep');
  });

  it('keeps them on a same-origin redirect', async () => {
    hits.length = 0;
    await runExchange(
      {
        origin: 'http://page.test',
        url: `${a}/creds-to-a`,
        method: 'GET',
        headers: secrets,
        timeoutMs: 2000,
      },
      noPreflight,
    );
    expect(hits[1]?.headers).toMatchObject({
      authorization: 'Bearer t0p',
      cookie: 'sid=1',
      'x-api-key': 'k1',
    });
  });

  it('--timeout bounds the whole exchange, not each hop', async () => {
    const run = runExchange(
      { origin: 'http://page.test', url: `${a}/slow/7`, method: 'GET', headers: [], timeoutMs: 1500 },
      noPreflight,
    );
    // 8 hops of 300 ms each: every one is within 1.5 s, the whole chain is not.
    await expect(run).rejects.toThrow(/timed out after 1500 ms/);
  });
});
