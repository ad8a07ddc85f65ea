// The audit's inputs and its emitted code: OpenAPI (YAML and JSON) → the requests a page would make; a hostile route
// file value ends up as data in the emitted test, never as code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesFromOpenApi } from '../../../src/cli/audit/openapi.ts';
import { parseRouteList } from '../../../src/cli/audit/list-file.ts';
import { renderTests, type Idiom } from '../../../src/cli/audit/emit-tests.ts';
import { goStr } from '../../../src/fixes/quote/code.ts';
import { specOf } from '../../../src/cli/audit/emit/spec.ts';
import { auditScript, routeLine } from '../../../src/cli/audit/emit/script.ts';

const YAML = `openapi: 3.0.3
info: { title: t, version: '1' }
security: [{ bearer: [] }]
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    key: { type: apiKey, in: header, name: X-Api-Key }
    session: { type: apiKey, in: cookie, name: sid }
paths:
  /items/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: integer, example: 42 } }]
    get:
      security: [{ session: [] }]
      responses:
        '200': { description: ok, headers: { X-Request-Id: { schema: { type: string } }, Content-Type: { schema: { type: string } } } }
    put:
      security: [{ key: [] }]
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { '204': { description: ok } }
  /upload:
    post:
      requestBody: { content: { multipart/form-data: {}, application/json: {} } }
      responses: { '200': { description: ok } }
`;

describe('OpenAPI → routes', () => {
  it('derives the page request from bodies, security schemes, cookies and response headers (YAML)', () => {
    const routes = routesFromOpenApi(YAML, 'api.yaml');
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /items/42',
      'PUT /items/42',
      'POST /upload',
    ]);
    const [get, put, post] = routes;
    expect(get).toMatchObject({
      credentials: true,
      headers: [],
      expose: ['x-request-id'],
      template: '/items/{id}',
    });
    expect(put?.headers).toEqual([
      ['content-type', 'application/json'],
      ['x-api-key', 'cors-lens-audit'],
    ]);
    expect(post?.headers).toEqual([
      ['content-type', 'application/json'],
      ['authorization', 'Bearer cors-lens-audit'],
    ]);
    expect(get?.source.line).toBeGreaterThan(1);
  });
  it('JSON works the same; anything else is a one-line usage error', () => {
    const doc = { openapi: '3.1.0', paths: { '/a': { get: { responses: {} } } } };
    expect(routesFromOpenApi(JSON.stringify(doc), 'a.json').map((r) => r.path)).toEqual(['/a']);
    expect(() => routesFromOpenApi('swagger: "2.0"\npaths: {}\n', 'old.yaml')).toThrow(/not an OpenAPI 3/);
    expect(() => routesFromOpenApi('{', 'x.json')).toThrow(/neither JSON nor YAML/);
    expect(() =>
      routesFromOpenApi(
        JSON.stringify({ openapi: '3.0.0', paths: { 'http://evil/x': { get: {} } } }),
        'x.json',
      ),
    ).toThrow(/must start with \//);
  });
});

describe('emitted tests quote every value', () => {
  const hostilePath = `/a"+__import__('os').system('touch$IFSpwned')+"'$(touch$IFSpwned)\`x\``;
  const [route] = parseRouteList(`POST ${hostilePath} content-type=application/json credentials\n`, 'r.txt');
  const spec = specOf(route as NonNullable<typeof route>, 'https://app.example.com');
  // Outside the one-line title comment, the raw value appears nowhere: only its literal does.
  const code = (t: { code: string } | undefined): string =>
    (t?.code ?? '')
      .split('\n')
      .filter((l) => !/^(#|\/\/)/.test(l))
      .join('\n');
  // Each language's constants, compiled and read back by its own interpreter, without importing any app.
  const readBack = (idiom: Idiom, keep: RegExp, cmd: string, file: string, print: string): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-emit-'));
    const [test] = renderTests([spec], idiom, 'http://127.0.0.1:1') ?? [];
    expect(code(test).includes(hostilePath)).toBe(false);
    const constants = (test?.code ?? '')
      .split('\n')
      .filter((l) => keep.test(l))
      .join('\n');
    writeFileSync(path.join(dir, file), `${constants}\n${print}\n`);
    const out = execFileSync(cmd, [file], { cwd: dir }).toString().trimEnd();
    expect(() => readFileSync(path.join(dir, 'pwned'))).toThrow();
    return out;
  };
  const PY3 = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  it.each(['flask', 'starlette', 'django', 'aiohttp'] as const)(
    'pytest (%s): the path is a string constant, byte for byte',
    (c) => {
      expect(readBack(`pytest-${c}`, /^[A-Z_]+ = /, PY3, 'check.py', 'print(PATH)')).toBe(hostilePath);
    },
    30_000,
  );
  it('node:test: the path is a string constant, byte for byte', () => {
    const keep = /^const [A-Z_]+ = /;
    expect(readBack('node-test', keep, process.execPath, 'check.mjs', 'console.log(PATH)')).toBe(hostilePath);
  }, 30_000);
  it.runIf(existsSync('/usr/bin/ruby'))(
    'minitest: the path is a string constant, byte for byte',
    () => {
      expect(readBack('minitest-rack', /^ {2}PATH = /, '/usr/bin/ruby', 'check.rb', 'print PATH')).toBe(
        hostilePath,
      );
    },
    30_000,
  );
  it('go test: one table-driven file, every value a Go literal', () => {
    const [file] = renderTests([spec, { ...spec, origin: 'https://b.example' }], 'go-test', 'http://x') ?? [];
    expect(file?.name).toBe('cors_regression_test.go');
    expect(code(file).includes(hostilePath)).toBe(false);
    expect(file?.code.split(`path: ${goStr(hostilePath)},`)).toHaveLength(3);
  });
  it('shell: the audit script passes the values as single words', () => {
    const script = auditScript("http://127.0.0.1:1/x'$(touch pwned)", ['https://a.example'], "r'$(x).routes");
    expect(script).toContain(`base='http://127.0.0.1:1/x'\\''$(touch pwned)'`);
    expect(script).toContain(`--routes "$here"/'r'\\''$(x).routes'`);
    expect(routeLine(spec)).toBe(`POST ${hostilePath} credentials content-type=application/json`);
  });
});
