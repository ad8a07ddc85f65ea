// Backend detection from fingerprints (frameworks.md §6): response headers always (webRequest has them), bodies
// only when the caller has them (the CLI). Every detection carries the evidence so the panel can say why.
import type { HeaderMap, Observed } from '../engine/types.ts';
import type { BackendId, Detection } from './types.ts';

/** Optional response bodies (webRequest never sees them; the CLI does). */
export interface Bodies {
  preflight?: string;
  response?: string;
}

interface Hop {
  kind: 'preflight' | 'response';
  status: number;
  headers: HeaderMap;
  body: string | null;
  url: string;
}

type Confidence = Detection['confidence'];
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
const body =
  (re: RegExp, label: string) =>
  (h: Hop): string | null =>
    h.body !== null && re.test(h.body) ? `${h.kind} ${h.status} body ${label}` : null;

// Order within a confidence level does not matter; detectBackend merges and ranks.
const RULES: Rule[] = [
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
      h.body === '404 Not Found' && has(get('content-type'), /text\/plain;\s*charset=UTF-8/i)
        ? 'text/plain "404 Not Found" (Hono)'
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
    match: hdr('vary', /Origin,\s*Access-Control-Request-Method,\s*Access-Control-Request-Headers/i),
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
      (h.body === 'Not Found' || h.body === 'Method Not Allowed') &&
      get('content-type') === 'text/plain; charset=utf-8' &&
      get('server') === null &&
      get('x-powered-by') === null
        ? `${h.status} text/plain "${h.body}" without Server (Koa)`
        : null,
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

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
// Proxies and CDNs sit in front of the app: when both are seen, the app's own fix comes first (§6 detection order).
const EDGE = new Set<BackendId>(['nginx', 'apache', 'caddy', 'aws', 'cloudflare']);

function hopsOf(o: Observed, bodies: Bodies): Hop[] {
  const hops: Hop[] = [];
  if (o.preflight)
    hops.push({
      kind: 'preflight',
      status: o.preflight.status,
      headers: o.preflight.responseHeaders,
      body: bodies.preflight ?? null,
      url: o.preflight.url,
    });
  o.hops.forEach((h, i) =>
    hops.push({
      kind: 'response',
      status: h.status,
      headers: h.responseHeaders,
      body: i === o.hops.length - 1 ? (bodies.response ?? null) : null,
      url: h.url,
    }),
  );
  return hops.filter((h) => h.status !== 0);
}

export function detectBackend(observed: Observed, bodies: Bodies = {}): Detection[] {
  const found = new Map<BackendId, Detection>();
  for (const hop of hopsOf(observed, bodies)) {
    const lower = new Map(
      Object.entries(hop.headers).map(([k, v]) => [
        k.toLowerCase(),
        typeof v === 'string' ? v : v.join(', '),
      ]),
    );
    const get = (name: string): string | null => lower.get(name) ?? null;
    for (const rule of RULES) {
      const evidence = rule.match(hop, get);
      if (evidence === null) continue;
      const prev = found.get(rule.backend);
      if (prev === undefined)
        found.set(rule.backend, { backend: rule.backend, confidence: rule.confidence, evidence: [evidence] });
      else {
        if (!prev.evidence.includes(evidence)) prev.evidence.push(evidence);
        // Two independent signals for one backend are worth more than either alone.
        const best = RANK[rule.confidence] > RANK[prev.confidence] ? rule.confidence : prev.confidence;
        prev.confidence = prev.evidence.length >= 2 && best === 'medium' ? 'high' : best;
      }
    }
  }
  // NestJS runs on Express: its body is the more specific answer.
  if (found.has('nestjs')) found.delete('express');
  return [...found.values()].sort(
    (a, b) =>
      RANK[b.confidence] - RANK[a.confidence] || Number(EDGE.has(a.backend)) - Number(EDGE.has(b.backend)),
  );
}
