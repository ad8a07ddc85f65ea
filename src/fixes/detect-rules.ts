// The fingerprint table behind detectBackend (docs/backends.md#fingerprints): one rule per signal, each with its confidence.
// Bodies only exist in the CLI; everything else matches on response headers, which webRequest always has.
import type { HeaderMap } from '../engine/types.ts';
import type { BackendId, Detection } from './types.ts';

export interface Hop {
  kind: 'preflight' | 'response';
  status: number;
  headers: HeaderMap;
  body: string | null;
  url: string;
}

export type Confidence = Detection['confidence'];
interface Rule {
  backend: BackendId;
  confidence: Confidence;
  match(h: Hop, get: (name: string) => string | null): string | null;
}

const has = (v: string | null, re: RegExp): boolean => v !== null && re.test(v);
const hdr =
  (name: string, re: RegExp) =>
  (_h: Hop, get: (n: string) => string | null): string | null => {
    const v = get(name);
    return has(v, re) ? `${name}: ${v ?? ''}` : null;
  };
const KOA_BODIES = new Set(['Not Found', 'Method Not Allowed', 'Internal Server Error']);
const VARY_THREE = /^Origin,\s*Access-Control-Request-Method,\s*Access-Control-Request-Headers$/i;
/** The raw Vary value: a string for one header line, an array for several. */
const varyOf = (h: Hop): string | readonly string[] | undefined =>
  Object.entries(h.headers).find(([k]) => k.toLowerCase() === 'vary')?.[1];
const body =
  (re: RegExp, label: string) =>
  (h: Hop): string | null =>
    h.body !== null && re.test(h.body) ? `${h.kind} ${h.status} body ${label}` : null;

// Order within a confidence level does not matter; detectBackend merges and ranks.
export const RULES: Rule[] = [
  { backend: 'fastapi', confidence: 'high', match: hdr('server', /^(uvicorn|hypercorn)/i) },
  {
    backend: 'fastapi',
    confidence: 'high',
    match: body(/^\{"detail":"(Not Found|Method Not Allowed)"\}$/, '{"detail":…}'),
  },
  {
    backend: 'fastapi',
    confidence: 'high',
    match: body(/^Disallowed CORS (origin|method|headers)/, '"Disallowed CORS …" (Starlette CORSMiddleware)'),
  },
  { backend: 'flask', confidence: 'high', match: hdr('server', /^Werkzeug\//i) },
  { backend: 'aiohttp', confidence: 'high', match: hdr('server', /aiohttp\//i) },
  {
    backend: 'aiohttp',
    confidence: 'high',
    match: body(/^CORS preflight request failed/, '"CORS preflight request failed" (aiohttp_cors)'),
  },
  { backend: 'django', confidence: 'high', match: hdr('server', /^WSGIServer\//i) },
  {
    backend: 'django',
    confidence: 'medium',
    match: body(/The requested resource was not found on this server\./, 'Django 404 page'),
  },
  { backend: 'express', confidence: 'high', match: hdr('x-powered-by', /^Express$/i) },
  {
    backend: 'express',
    confidence: 'high',
    match: body(/<pre>Cannot [A-Z]+ \//, '"Cannot OPTIONS /…" (finalhandler)'),
  },
  {
    backend: 'nestjs',
    confidence: 'high',
    match: body(/"message":"Cannot [A-Z]+ \/[^"]*","error":"Not Found","statusCode":404/, 'NestJS 404 JSON'),
  },
  {
    backend: 'fastify',
    confidence: 'high',
    match: body(/"message":"Route [A-Z]+:\/[^"]* not found"/, 'Fastify 404 JSON'),
  },
  {
    backend: 'fastify',
    confidence: 'high',
    match: body(/^Invalid Preflight Request$/, '"Invalid Preflight Request" (@fastify/cors strictPreflight)'),
  },
  { backend: 'fastify', confidence: 'medium', match: hdr('keep-alive', /timeout=72\b/) },
  {
    backend: 'hono',
    confidence: 'medium',
    match: (h, get) =>
      // Hono writes the charset upper-case; Koa (same bodies otherwise) writes it lower-case (measured).
      (h.body === '404 Not Found' || h.body === 'Internal Server Error') &&
      get('content-type') === 'text/plain; charset=UTF-8' &&
      get('server') === null
        ? `${h.status} text/plain; charset=UTF-8 "${h.body}" (Hono)`
        : null,
  },
  { backend: 'nextjs', confidence: 'high', match: hdr('x-powered-by', /Next\.js/i) },
  {
    backend: 'nextjs',
    confidence: 'high',
    match: (_h, get) =>
      (get('x-nextjs-cache') ?? get('x-matched-path')) !== null ? 'x-nextjs-cache / x-matched-path' : null,
  },
  { backend: 'aspnet', confidence: 'high', match: hdr('server', /^Kestrel$/i) },
  { backend: 'aspnet', confidence: 'medium', match: hdr('x-powered-by', /^ASP\.NET$/i) },
  {
    backend: 'spring',
    confidence: 'high',
    match: body(/"timestamp":.*"status":\d+,"error":"[^"]+","path":/, 'Spring Boot error JSON'),
  },
  {
    backend: 'spring',
    confidence: 'high',
    match: body(/^Invalid CORS request$/, '"Invalid CORS request" (Spring)'),
  },
  {
    backend: 'spring',
    confidence: 'medium',
    // One Vary line listing all three (Spring's DefaultCorsProcessor); gin-contrib sends the same three as
    // separate lines (measured), which the gin rule below claims.
    match: (h) => {
      const v = varyOf(h);
      return typeof v === 'string' && VARY_THREE.test(v) ? `Vary: ${v}` : null;
    },
  },
  {
    backend: 'gin',
    confidence: 'medium',
    match: (h) => {
      const v = varyOf(h);
      return Array.isArray(v) && VARY_THREE.test(v.join(', '))
        ? 'Vary: Origin / ACRM / ACRH as three lines (gin-contrib/cors)'
        : null;
    },
  },
  {
    backend: 'echo',
    confidence: 'high',
    match: body(/^\{"message":"(Not Found|Method Not Allowed)"\}\n?$/, '{"message":…} (Echo)'),
  },
  {
    backend: 'gin',
    confidence: 'medium',
    match: (h, get) =>
      h.status === 403 && get('content-length') === '0' && get('server') === null
        ? '403 with an empty body and no Server (gin-contrib/cors; Ollama: OLLAMA_ORIGINS)'
        : null,
  },
  {
    backend: 'gin',
    confidence: 'medium',
    match: (h) =>
      /^https?:\/\/[^/]+:11434\//.test(h.url) ? 'port 11434 (Ollama, Gin: set OLLAMA_ORIGINS)' : null,
  },
  // Gin writes the bare text without charset or newline; net/http's http.Error adds both, plus nosniff (measured).
  {
    backend: 'gin',
    confidence: 'medium',
    match: (h, get) =>
      h.body === '404 page not found' && get('content-type') === 'text/plain'
        ? '"404 page not found", text/plain without charset (Gin)'
        : null,
  },
  {
    backend: 'go-rs-cors',
    confidence: 'low',
    match: (h, get) =>
      h.body === '404 page not found\n' ||
      (get('x-content-type-options') === 'nosniff' &&
        get('content-type') === 'text/plain; charset=utf-8' &&
        get('server') === null)
        ? 'http.Error shape: text/plain; charset=utf-8 + nosniff (Go net/http)'
        : null,
  },
  {
    backend: 'koa',
    confidence: 'medium',
    match: (h, get) =>
      KOA_BODIES.has(h.body ?? '') &&
      get('content-type') === 'text/plain; charset=utf-8' &&
      get('server') === null &&
      get('x-powered-by') === null
        ? `${h.status} text/plain "${h.body}" without Server (Koa)`
        : null,
  },
  {
    backend: 'koa',
    confidence: 'medium',
    match: (h, get) =>
      h.kind === 'preflight' &&
      h.status === 200 &&
      get('allow') !== null &&
      get('content-length') === '0' &&
      get('content-type') === 'text/plain; charset=utf-8' &&
      get('x-powered-by') === null
        ? 'OPTIONS 200 with Allow and an empty text/plain body (@koa/router allowedMethods)'
        : null,
  },
  {
    backend: 'fastify',
    confidence: 'high',
    // Fastify's default error serializer puts statusCode first (NestJS puts it last).
    match: body(/^\{"statusCode":\d{3},("code":"[^"]*",)?"error":"[^"]*","message":/, 'Fastify error JSON'),
  },
  { backend: 'rails', confidence: 'high', match: hdr('server', /WEBrick/i) },
  {
    backend: 'rails',
    confidence: 'medium',
    match: (_h, get) =>
      get('x-request-id') !== null && get('x-runtime') !== null ? 'X-Request-Id + X-Runtime (Rails)' : null,
  },
  {
    backend: 'laravel',
    confidence: 'high',
    match: (_h, get) => (has(get('set-cookie'), /laravel_session/) ? 'laravel_session cookie' : null),
  },
  { backend: 'laravel', confidence: 'low', match: hdr('x-powered-by', /^PHP\//i) },
  { backend: 'nginx', confidence: 'high', match: hdr('server', /^nginx/i) },
  { backend: 'apache', confidence: 'high', match: hdr('server', /^Apache/i) },
  { backend: 'caddy', confidence: 'high', match: hdr('server', /^Caddy$/i) },
  { backend: 'aws', confidence: 'high', match: hdr('server', /^AmazonS3$/i) },
  {
    backend: 'aws',
    confidence: 'high',
    match: (_h, get) =>
      (get('x-amzn-requestid') ?? get('x-amz-apigw-id')) !== null
        ? 'x-amzn-RequestId / x-amz-apigw-id (API Gateway)'
        : null,
  },
  { backend: 'cloudflare', confidence: 'high', match: hdr('server', /^cloudflare$/i) },
  {
    backend: 'cloudflare',
    confidence: 'medium',
    match: (_h, get) => (get('cf-ray') !== null ? `CF-Ray: ${get('cf-ray') ?? ''}` : null),
  },
];
