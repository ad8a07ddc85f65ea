// `cors-lens check` against the fixture servers: the verdict for every scenario agrees with Chrome's measured one,
// the preflight goes out only when a browser would send one, and bad input ends in exit 2 with one line.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/check.ts';
import { startFixtureServers, type FixtureServers } from '../../fixtures/cors-server.ts';
import { SCENARIOS } from '../../fixtures/scenarios.ts';
import { cli, close, listen } from './helpers.ts';

let fx: FixtureServers;
beforeAll(async () => {
  fx = await startFixtureServers();
});
afterAll(async () => {
  await fx.close();
});

/** `check <scenario url> --origin <page origin> ...extra` */
const checkOf = (id: string, ...extra: string[]): string[] => [
  'check',
  fx.urlOf(id),
  '--origin',
  fx.pageOrigin,
  ...extra,
];

/** The requests one check made, from the fixture server's log. */
async function logged<T>(
  run: () => Promise<T>,
): Promise<{ result: T; methods: string[]; requests: FixtureServers['log'] }> {
  const from = fx.log.length;
  const result = await run();
  const requests = fx.log.slice(from).filter((r) => r.server !== 'page');
  return { result, methods: requests.map((r) => r.method), requests };
}

describe('check agrees with Chrome on every fixture scenario', () => {
  const cors = SCENARIOS.filter((s) => s.request.mode !== 'no-cors');
  it.each(cors.map((s) => [s.id, s] as const))('%s', async (_id, s) => {
    const o = await runCheck({
      url: fx.urlOf(s.id),
      origin: fx.pageOrigin,
      method: s.request.method,
      headers: Object.entries(s.request.headers ?? {}),
      credentials: s.request.credentials === 'include',
      backend: null,
      timeoutMs: 5000,
    });
    expect(o.sim.blocked).toBe(s.expect.corsError !== null);
    expect(o.sim.corsError).toBe(s.expect.corsError);
    expect(o.diagnosis.verdict).toBe(s.expect.corsError === null ? 'allowed' : 'blocked');
  });
});

describe('cors-lens check', () => {
  it('blocked: exit 1, the cause, Chrome console line and a fix; no preflight for a simple GET', async () => {
    const { result, methods } = await logged(() => cli(checkOf('missing-acao')));
    expect(result.code).toBe(1);
    expect(methods).toEqual(['GET']);
    expect(result.out).toMatch(/^BLOCKED {2}GET /);
    expect(result.out).toContain('Cause: MissingAllowOriginHeader (actual)');
    expect(result.out).toContain(
      "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    );
    expect(result.out).toContain(`Access-Control-Allow-Origin: ${fx.pageOrigin}`);
    expect(result.err).toBe('');
  });

  it('allowed: exit 0 and no cause', async () => {
    const { result, methods } = await logged(() => cli(checkOf('ok-simple')));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(methods).toEqual(['GET']);
    expect(result.out).toMatch(/^ALLOWED /);
    expect(result.out).not.toContain('Cause:');
  });

  it('a same-origin request: CORS does not apply, no Origin on a GET', async () => {
    const { result, requests } = await logged(() =>
      cli(['check', fx.urlOf('missing-acao'), '--origin', fx.apiOrigin]),
    );
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^SAME-ORIGIN \(CORS does not apply\) {2}GET /);
    expect(requests[0]?.headers.origin).toBeUndefined();
  });

  it('--origin null (a sandboxed iframe): * allows it, a missing header still blocks', async () => {
    expect((await cli(['check', fx.urlOf('ok-wildcard'), '--origin', 'null'])).code).toBe(0);
    const { result, requests } = await logged(() =>
      cli(['check', fx.urlOf('missing-acao'), '--origin', 'null']),
    );
    expect(result.code).toBe(1);
    expect(requests[0]?.headers.origin).toBe('null');
  });

  it('a simple POST (text/plain) is sent without a preflight', async () => {
    const { methods } = await logged(() =>
      cli(checkOf('ok-simple', '--method', 'POST', '-H', 'Content-Type: text/plain')),
    );
    expect(methods).toEqual(['POST']);
  });

  it('a JSON POST with Authorization is preflighted exactly as a browser does, then sent', async () => {
    const { result, methods, requests } = await logged(() =>
      cli(
        checkOf(
          'ok-preflight',
          '--method',
          'POST',
          '-H',
          'Content-Type: application/json',
          '-H',
          'Authorization: Bearer x',
        ),
      ),
    );
    expect(result.code).toBe(0);
    expect(methods).toEqual(['OPTIONS', 'POST']);
    expect(requests[0]?.headers).toMatchObject({
      origin: fx.pageOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    });
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[1]?.headers).toMatchObject({
      origin: fx.pageOrigin,
      authorization: 'Bearer x',
      'content-type': 'application/json',
    });
  });

  it('a failing preflight stops there: the actual request never reaches the server', async () => {
    const { result, methods } = await logged(() =>
      cli(checkOf('preflight-405', '--method', 'POST', '-H', 'Content-Type: application/json')),
    );
    expect(result.code).toBe(1);
    expect(methods).toEqual(['OPTIONS']);
    expect(result.out).toContain('actual request not sent');
    expect(result.out).toMatch(
      /Cause: (preflight-not-handled|PreflightMissingAllowOriginHeader) \(preflight\)/,
    );
  });

  it('--credentials: wildcard with credentials is blocked; --json carries the diagnosis and the chosen backend', async () => {
    const r = await cli(checkOf('wildcard-credentials', '--credentials', '--backend', 'express', '--json'));
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      blocked: boolean;
      diagnosis: { code: string; corsError: string };
      backend: { chosen: string; fix: { backend: string } | null };
    };
    expect(doc.blocked).toBe(true);
    expect(doc.diagnosis.corsError).toBe('WildcardOriginNotAllowed');
    expect(doc.backend.chosen).toBe('express');
    expect(doc.backend.fix?.backend).toBe('express');
  });
});

describe('bad input: one line on stderr, exit 2, no stack', () => {
  let hang: http.Server;
  let hangUrl = '';
  beforeAll(async () => {
    hang = http.createServer(() => undefined);
    hangUrl = `http://127.0.0.1:${await listen(hang)}/api`;
  });
  afterAll(async () => {
    await close(hang);
  });

  it.each([
    [
      ['check', 'http://127.0.0.1:1/', '--origin', 'http://localhost:3000', '--frobnicate'],
      /^cors-lens: Unknown option '--frobnicate'\n$/,
    ],
    [
      ['check', 'http//oops', '--origin', 'http://localhost:3000'],
      /^cors-lens: <url> is not a valid URL: "http\/\/oops"\n$/,
    ],
    [
      ['check', 'http://127.0.0.1:1/', '--origin', 'http://localhost:3000', '-H', 'X-A'],
      /^cors-lens: malformed header "X-A": expected 'Name: value'\n$/,
    ],
    [
      ['check', 'http://127.0.0.1:1/', '--origin', 'http://localhost:3000', '--backend', 'cobol'],
      /^cors-lens: unknown --backend "cobol" \(one of: .*express.*\)\n$/,
    ],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(message);
  });

  it('an unreachable server', async () => {
    const r = await cli(['check', `http://127.0.0.1:${fx.closedPort}/api`, '--origin', fx.pageOrigin]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `cors-lens: connection refused by 127.0.0.1:${fx.closedPort} (is the server running?)\n`,
    );
  });

  it('a server that never answers times out after --timeout', async () => {
    const t0 = Date.now();
    const r = await cli(['check', hangUrl, '--origin', fx.pageOrigin, '--timeout', '300']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `cors-lens: timed out after 300 ms waiting for GET ${hangUrl} (use --timeout to wait longer)\n`,
    );
    expect(Date.now() - t0).toBeLessThan(20_000); // spawns tsx: far under a hang, not a speed goal
  });
});
