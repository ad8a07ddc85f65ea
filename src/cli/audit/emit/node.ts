// Node's own runner (node:test, Node ≥ 18) with the built-in fetch against the started app: one file serves
// Express, Fastify, Koa, Hono, NestJS and Next.js alike. Undici's fetch sends Origin and the preflight headers as
// given (no browser rules), and redirect: 'manual' keeps a 3xx visible. CORS_LENS_BASE_URL names the server in the test job.
import { comment, js } from './quote.ts';
import type { TestSpec } from './spec.ts';

const list = (xs: string[]): string => `[${xs.map(js).join(', ')}]`;

export function nodeTestFile(s: TestSpec, base: string): string {
  return `// CORS regression test emitted by cors-lens: ${comment(`${s.method} ${s.path} from ${s.origin}`)}
// It asserts what a browser needs for this exact request, and that another site is refused.
// Run: node --test, with your API started; CORS_LENS_BASE_URL says where (default: the server that was audited).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const BASE = (process.env.CORS_LENS_BASE_URL || ${js(base)}).replace(/\\/+$/, '');
const ORIGIN = ${js(s.origin)};
const HOSTILE = ${js(s.hostile)};
const PATH = ${js(s.path)};
const METHOD = ${js(s.method)};
const HEADERS = Object.fromEntries([${s.headers.map(([n, v]) => `[${js(n)}, ${js(v)}]`).join(', ')}]);
const REQUEST_HEADERS = ${s.requestHeaders === null ? 'null' : js(s.requestHeaders)};
const CREDENTIALS = ${String(s.credentials)};
const EXPOSE = ${list(s.expose)};
const PREFLIGHT = ${String(s.preflight)};
const METHOD_LISTED = ${String(s.methodListed)};

const send = (method, headers) => fetch(BASE + PATH, { method, headers, redirect: 'manual' });
const names = (value) =>
  new Set((value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean));

function preflight(origin) {
  const headers = { Origin: origin, 'Access-Control-Request-Method': METHOD };
  if (REQUEST_HEADERS) headers['Access-Control-Request-Headers'] = REQUEST_HEADERS;
  return send('OPTIONS', headers);
}

function allows(r, origin) {
  const acao = r.headers.get('access-control-allow-origin');
  if (CREDENTIALS) return acao === origin && r.headers.get('access-control-allow-credentials') === 'true';
  return acao === origin || acao === '*';
}

const dump = (r) => \`\${r.status}: \${JSON.stringify(Object.fromEntries(r.headers))}\`;

test('the preflight is answered for the frontend', { skip: !PREFLIGHT && 'a browser sends no preflight' }, async () => {
  const r = await preflight(ORIGIN);
  assert.ok(r.status >= 200 && r.status < 300, \`preflight answered \${r.status}\`);
  assert.ok(allows(r, ORIGIN), dump(r));
  const wildcard = !CREDENTIALS;
  const methods = names(r.headers.get('access-control-allow-methods'));
  assert.ok(!METHOD_LISTED || methods.has(METHOD.toLowerCase()) || (wildcard && methods.has('*')), dump(r));
  const allowed = names(r.headers.get('access-control-allow-headers'));
  for (const name of names(REQUEST_HEADERS)) {
    assert.ok(allowed.has(name) || (wildcard && allowed.has('*') && name !== 'authorization'), \`\${name}: \${dump(r)}\`);
  }
});

test('the response is readable by the frontend', async () => {
  const r = await send(METHOD, { ...HEADERS, Origin: ORIGIN });
  assert.ok(allows(r, ORIGIN), dump(r));
  const exposed = names(r.headers.get('access-control-expose-headers'));
  for (const name of EXPOSE) assert.ok(exposed.has(name) || (!CREDENTIALS && exposed.has('*')), \`\${name}: \${dump(r)}\`);
});

test('another site is refused', async () => {
  const r = PREFLIGHT ? await preflight(HOSTILE) : await send(METHOD, { ...HEADERS, Origin: HOSTILE });
  const acao = r.headers.get('access-control-allow-origin');
  assert.ok(acao !== HOSTILE && !(CREDENTIALS && acao === '*'), dump(r));
});
`;
}
