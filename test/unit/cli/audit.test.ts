// `cors-lens audit` against real servers on loopback: Express with the cors package (safe, and origin: true with
// credentials), and plain Node handlers written the way the known unsafe origin checks are written by hand
// (endsWith, startsWith, an unescaped-dot regex, http and https both, any subdomain, a reflected Origin without
// Vary, `*` with a cookie, private network for everyone). Each unsafe one must be flagged with its own check and
// nothing else; the safe ones must report nothing. The outputs are validated against their schemas.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import cors from 'cors';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { junitSchemaErrors, validateJunit } from '../../schemas/junit.ts';
import { cli, close, listen } from './helpers.ts';

const FRONT = 'https://app.example.com';
const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-audit-'));
const ROUTES = path.join(dir, 'routes.txt');
writeFileSync(
  ROUTES,
  '# the frontend calls\nGET /api/items/{id} credentials expose=x-request-id\nPOST /api/chat content-type=application/json auth=bearer credentials\n',
);
const servers: http.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map(close));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  return `http://127.0.0.1:${await listen(s)}`;
}

/** A hand-written CORS layer: `allow(origin)` decides, the rest is what such code usually sends. */
function handWritten(allow: (origin: string) => boolean, extra: Record<string, string> = { vary: 'Origin' }) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const origin = req.headers.origin ?? '';
    if (allow(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', 'x-request-id');
      for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', 'content-type, authorization');
      res.writeHead(204).end();
      return;
    }
    res.setHeader('x-request-id', 'r-1');
    res.writeHead(req.url === '/api/items/cors-lens-audit-missing' ? 404 : 200).end('{}');
  };
}

async function audit(base: string, ...extra: string[]) {
  return cli(['audit', base, '--origin', FRONT, '--routes', ROUTES, '--json', ...extra]);
}

interface JsonCase {
  check: string;
  outcome: string;
  path: string;
  origin: string;
  cause?: string;
  probeOrigin?: string;
}
const findings = (out: string): JsonCase[] =>
  (JSON.parse(out) as { cases: JsonCase[] }).cases.filter((c) => c.outcome !== 'pass');

function expressApp(origin: cors.CorsOptions['origin']): http.RequestListener {
  const app = express();
  app.use(cors({ origin, credentials: true, exposedHeaders: ['x-request-id'] }));
  app.get('/api/items/:id', (req, res) => {
    res
      .set('x-request-id', 'r-1')
      .status(req.params.id === '1' ? 200 : 404)
      .json({});
  });
  app.post('/api/chat', (_req, res) => {
    res.set('x-request-id', 'r-1').json({});
  });
  return app;
}

describe('cors-lens audit: safe configurations report nothing', () => {
  it('Express + cors with an exact origin list and credentials: exit 0, every check passes', async () => {
    const base = await serve(expressApp([FRONT]));
    const r = await audit(base);
    expect(findings(r.out)).toEqual([]);
    expect(r.code).toBe(0);
    const cases = (JSON.parse(r.out) as { cases: JsonCase[] }).cases;
    // 2 routes × (cors + 10 security checks) + the error path of the route with a parameter.
    expect(cases.length).toBe(23);
  });
  it('a hand-written exact match with Vary: Origin', async () => {
    const r = await audit(await serve(handWritten((o) => o === FRONT)));
    expect(findings(r.out)).toEqual([]);
  });
});

const UNSAFE: [string, http.RequestListener, string, string][] = [
  [
    'Express cors origin: true + credentials',
    expressApp(true),
    'reflect-any-origin',
    'https://cors-lens-audit.example',
  ],
  [
    'endsWith("app.example.com")',
    handWritten((o) => o.endsWith('app.example.com')),
    'origin-suffix-match',
    'https://evil-app.example.com',
  ],
  [
    'startsWith("https://app.example.com")',
    handWritten((o) => o.startsWith(FRONT)),
    'origin-prefix-match',
    'https://app.example.com.cors-lens-audit.example',
  ],
  [
    'regex with an unescaped dot',
    handWritten((o) => /^https:\/\/app.example.com$/.test(o)),
    'origin-unescaped-dot',
    'https://appxexample.com',
  ],
  [
    'http and https both',
    handWritten((o) => /^https?:\/\/app\.example\.com$/.test(o)),
    'http-origin-trusted',
    'http://app.example.com',
  ],
  [
    'any subdomain with credentials',
    handWritten((o) => /^https:\/\/([a-z0-9-]+\.)*app\.example\.com$/.test(o)),
    'any-subdomain-with-credentials',
    'https://cors-lens-audit.app.example.com',
  ],
  ['the string "null" in the list', handWritten((o) => o === FRONT || o === 'null'), 'null-origin', 'null'],
];

describe('cors-lens audit: each unsafe configuration is flagged with its own check', () => {
  it.each(UNSAFE)('%s → %s', async (_what, handler, check, probe) => {
    const r = await audit(await serve(handler));
    expect(r.code).toBe(1);
    const f = findings(r.out);
    // endsWith("app.example.com") also lets http:// and every subdomain in: those are findings of their own.
    const also =
      check === 'origin-suffix-match' ? ['http-origin-trusted', 'any-subdomain-with-credentials'] : [];
    expect([...new Set(f.map((c) => c.check))]).toEqual([check, ...also]);
    expect(f.map((c) => c.path)).toEqual(expect.arrayContaining(['/api/items/{id}', '/api/chat']));
    expect(f[0]?.probeOrigin).toBe(probe);
  });

  it('two frontends echoed without Vary: Origin → acao-without-vary on both; one origin present-or-absent is not', async () => {
    const ADMIN = 'https://admin.example.com';
    const base = await serve(handWritten((o) => o === FRONT || o === ADMIN, {}));
    const r = await audit(base, '--origin', ADMIN);
    expect(r.code).toBe(1);
    const f = findings(r.out);
    expect([...new Set(f.map((c) => c.check))]).toEqual(['acao-without-vary']);
    expect(new Set(f.map((c) => c.origin))).toEqual(new Set([FRONT, ADMIN]));
    expect(findings((await audit(await serve(handWritten((o) => o === FRONT, {})))).out)).toEqual([]);
  });

  it('`*` on a response that sets a cookie; private network granted to any origin', async () => {
    const base = await serve((req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-private-network', 'true');
        res.setHeader('access-control-allow-headers', '*');
        res.writeHead(204).end();
        return;
      }
      res.setHeader('set-cookie', 'sid=1; Path=/');
      res.writeHead(200).end();
    });
    writeFileSync(path.join(dir, 'public.txt'), 'GET /public\n');
    const got = await cli([
      'audit',
      base,
      '--origin',
      FRONT,
      '--routes',
      path.join(dir, 'public.txt'),
      '--json',
    ]);
    expect(findings(got.out).map((c) => c.check)).toEqual([
      'wildcard-sets-cookie',
      'private-network-for-public-origin',
    ]);
  });

  it('an error answer without CORS headers: the cause on the right route and origin', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/api/items/cors-lens-audit-missing') {
        res.writeHead(404).end('{}');
        return;
      }
      handWritten((o) => o === FRONT)(req, res);
    });
    const r = await audit(base);
    expect(findings(r.out)).toEqual([
      expect.objectContaining({
        check: 'error-path-cors',
        path: '/api/items/{id}',
        origin: FRONT,
        cause: 'server-error-without-cors',
      }),
    ]);
  });
});

describe('cors-lens audit outputs', () => {
  it('JUnit (one testcase per route × origin × check) and SARIF 2.1.0 validate against their schemas', async () => {
    const base = await serve(expressApp(true));
    const junit = path.join(dir, 'audit.xml');
    const sarif = path.join(dir, 'audit.sarif');
    const r = await cli([
      'audit',
      base,
      '--origin',
      FRONT,
      '--origin',
      'http://localhost:5173',
      '--routes',
      ROUTES,
      '--junit',
      junit,
      '--sarif',
      sarif,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/reflect-any-origin/);
    const xml = readFileSync(junit, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(validateJunit(xml)).toBeGreaterThan(30);
    expect(xml).toMatch(
      /<testcase classname="GET \/api\/items\/\{id\}" name="https:\/\/app\.example\.com reflect-any-origin" time="0">\s*<failure/,
    );
    const schema = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../schemas/sarif-schema-2.1.0.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toContain('reflect-any-origin');
  });

  it('the JUnit schema refuses a testcase without its class and a count that is not a number', async () => {
    const suite = (attrs: string, testcase: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="a" ${attrs}>${testcase}</testsuite></testsuites>\n`;
    const ok =
      '<testcase classname="GET /a" name="x"><failure message="m" type="t">detail</failure></testcase>';
    expect(await junitSchemaErrors(suite('tests="1" failures="1" errors="0"', ok))).toEqual([]);
    expect(
      (await junitSchemaErrors(suite('tests="1" failures="0" errors="0"', '<testcase name="x"/>'))).join(),
    ).toMatch(/classname/);
    expect((await junitSchemaErrors(suite('tests="one" failures="0" errors="0"', ok))).join()).toMatch(
      /tests/,
    );
    expect((await junitSchemaErrors(suite('tests="1" failures="0" errors="0"', '<case/>'))).join()).toMatch(
      /case/,
    );
  });

  it('the JUnit validator rejects what a reporter would choke on', () => {
    expect(() =>
      validateJunit(
        '<testsuites tests="1"><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x"/></testsuite></testsuites>',
      ),
    ).toThrow(/classname/);
    expect(() =>
      validateJunit(
        '<testsuites tests="0"><testsuite name="a & b" tests="0" failures="0" errors="0"></testsuite></testsuites>',
      ),
    ).toThrow(/unescaped/);
  });

  it('bad input: exit 2 with one line', async () => {
    for (const argv of [
      ['audit', 'http://127.0.0.1:1', '--routes', ROUTES],
      ['audit', 'http://127.0.0.1:1', '--origin', FRONT],
      ['audit', 'http://127.0.0.1:1', '--origin', FRONT, '--routes', path.join(dir, 'nope.txt')],
      ['audit', 'ftp://x', '--origin', FRONT, '--routes', ROUTES],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    writeFileSync(path.join(dir, 'bad.txt'), 'GET http://evil.example/x\n');
    const r = await cli([
      'audit',
      'http://127.0.0.1:1',
      '--origin',
      FRONT,
      '--routes',
      path.join(dir, 'bad.txt'),
    ]);
    expect(r.err).toMatch(/must start with \//);
  });
});
