import { describe, expect, it } from 'vitest';
import type { HeaderMap, Observed } from '../engine/types.ts';
import { detectBackend } from './detect.ts';

function observed(
  response: HeaderMap,
  opts: { status?: number; preflight?: { status: number; headers: HeaderMap }; url?: string } = {},
): Observed {
  const url = opts.url ?? 'http://127.0.0.1:8000/api/chat';
  return {
    pageOrigin: 'http://localhost:3000',
    method: 'POST',
    url,
    hops: [
      { url, method: 'POST', requestHeaders: {}, status: opts.status ?? 200, responseHeaders: response },
    ],
    netError: 'net::ERR_FAILED',
    ...(opts.preflight
      ? {
          preflight: {
            url,
            method: 'OPTIONS',
            requestHeaders: {},
            status: opts.preflight.status,
            responseHeaders: opts.preflight.headers,
          },
        }
      : {}),
  };
}
const top = (o: Observed, bodies = {}) => detectBackend(o, bodies)[0];

describe('detectBackend', () => {
  it('finds uvicorn from the Server header, with the evidence', () => {
    expect(top(observed({ server: 'uvicorn', 'content-type': 'application/json' }))).toEqual({
      backend: 'fastapi',
      confidence: 'high',
      evidence: ['server: uvicorn'],
    });
  });
  it('reads header names case-insensitively', () => {
    expect(top(observed({ 'X-Powered-By': 'Express' }))?.backend).toBe('express');
  });
  it('ranks the app above the proxy in front of it', () => {
    const d = detectBackend(observed({ Server: 'nginx/1.22.1', 'x-powered-by': 'Express' }));
    expect(d.map((x) => x.backend)).toEqual(['express', 'nginx']);
  });
  it("uses Fastify's keep-alive timeout as medium evidence, high when a body agrees", () => {
    expect(top(observed({ 'keep-alive': 'timeout=72' }))).toMatchObject({
      backend: 'fastify',
      confidence: 'medium',
    });
    const both = top(observed({ 'keep-alive': 'timeout=72' }, { status: 404 }), {
      response: '{"message":"Route DELETE:/api/chat not found","error":"Not Found","statusCode":404}',
    });
    expect(both).toMatchObject({ backend: 'fastify', confidence: 'high' });
    expect(both?.evidence).toHaveLength(2);
  });
  it('reads the preflight answer too: aiohttp_cors 403 body, gin 403 empty', () => {
    expect(
      top(observed({}, { preflight: { status: 403, headers: {} } }), {
        preflight: "CORS preflight request failed: origin 'http://evil.example' is not allowed",
      })?.backend,
    ).toBe('aiohttp');
    expect(
      top(observed({}, { preflight: { status: 403, headers: { 'content-length': '0' } } }))?.backend,
    ).toBe('gin');
  });
  it('reads the default 500 bodies of Fastify, Koa and Hono (measured shapes)', () => {
    const err = (ct: string, b: string) =>
      top(observed({ 'content-type': ct }, { status: 500 }), { response: b });
    expect(
      err(
        'application/json; charset=utf-8',
        '{"statusCode":500,"error":"Internal Server Error","message":"boom"}',
      )?.backend,
    ).toBe('fastify');
    expect(err('text/plain; charset=utf-8', 'Internal Server Error')?.backend).toBe('koa');
    expect(err('text/plain; charset=UTF-8', 'Internal Server Error')?.backend).toBe('hono');
  });
  it("recognises @koa/router's allowedMethods() answer to a preflight", () => {
    const o = observed(
      {},
      {
        preflight: {
          status: 200,
          headers: {
            allow: 'HEAD, GET, POST',
            'content-length': '0',
            'content-type': 'text/plain; charset=utf-8',
          },
        },
      },
    );
    expect(top(o)?.backend).toBe('koa');
  });
  it('tells Spring (one Vary line) from gin-contrib (three Vary lines)', () => {
    const three = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'];
    expect(top(observed({ vary: three.join(', ') }))?.backend).toBe('spring');
    expect(top(observed({ vary: three }))?.backend).toBe('gin');
  });
  it('flags Ollama by its port', () => {
    expect(top(observed({}, { url: 'http://127.0.0.1:11434/api/chat' }))?.evidence[0]).toMatch(
      /OLLAMA_ORIGINS/,
    );
  });
  it('prefers NestJS over Express when the 404 body is Nest-shaped', () => {
    const d = detectBackend(observed({ 'x-powered-by': 'Express' }, { status: 404 }), {
      response: '{"message":"Cannot GET /x","error":"Not Found","statusCode":404}',
    });
    expect(d.map((x) => x.backend)).toEqual(['nestjs']);
  });
  it.each([
    [{ server: 'Werkzeug/2.2.2 Python/3.11.2' }, 'flask'],
    [{ server: 'Python/3.11 aiohttp/3.8.4' }, 'aiohttp'],
    [{ server: 'WSGIServer/0.2 CPython/3.11.2' }, 'django'],
    [{ server: 'Kestrel' }, 'aspnet'],
    [{ server: 'WEBrick/1.8.1 (Ruby/3.1.2/2022-04-12)' }, 'rails'],
    [{ server: 'Apache/2.4.71 (Debian)' }, 'apache'],
    [{ server: 'Caddy' }, 'caddy'],
    [{ server: 'AmazonS3', 'x-amz-request-id': 'x' }, 'aws'],
    [{ server: 'cloudflare', 'cf-ray': '8a-AMS' }, 'cloudflare'],
    [{ 'x-powered-by': 'Next.js' }, 'nextjs'],
    [{ 'set-cookie': 'laravel_session=abc; path=/' }, 'laravel'],
  ] as [HeaderMap, string][])('%o → %s', (h, backend) => {
    expect(top(observed(h))?.backend).toBe(backend);
  });
  it('detects Echo and Go from bodies only (the CLI has them)', () => {
    expect(top(observed({}, { status: 404 }), { response: '{"message":"Not Found"}\n' })?.backend).toBe(
      'echo',
    );
    expect(
      top(
        observed(
          { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
          { status: 404 },
        ),
        { response: '404 page not found\n' },
      ),
    ).toMatchObject({ backend: 'go-rs-cors', confidence: 'low' });
    expect(
      top(observed({ 'content-type': 'text/plain' }, { status: 404 }), { response: '404 page not found' }),
    ).toMatchObject({ backend: 'gin', confidence: 'medium' });
    expect(
      top(observed({ 'content-type': 'text/plain; charset=utf-8' }, { status: 404 }), {
        response: 'Not Found',
      }),
    ).toMatchObject({ backend: 'koa', confidence: 'medium' });
    // Express sends X-Powered-By, so the same body is not Koa's.
    expect(
      detectBackend(
        observed({ 'content-type': 'text/plain; charset=utf-8', 'x-powered-by': 'Express' }, { status: 404 }),
        { response: 'Not Found' },
      ).map((d) => d.backend),
    ).toEqual(['express']);
  });
  it('returns nothing for a bare response, and ignores hops without a response', () => {
    expect(detectBackend(observed({ 'content-type': 'text/plain' }))).toEqual([]);
    expect(detectBackend(observed({ server: 'uvicorn' }, { status: 0 }))).toEqual([]);
  });
});
