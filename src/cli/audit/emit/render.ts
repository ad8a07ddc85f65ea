// The regression test files for test specs in one backend's idiom, without Node: `audit --emit-tests` and
// `check --emit-test` write them (emit-tests.ts), the panel's "Copy test" copies one (panel/app/CopyTest.tsx). A
// backend without a test runner of its own gets the language-neutral routes file that `cors-lens audit` replays.
import { goTestFile } from './go.ts';
import { nodeTestFile } from './node.ts';
import { pytestFile, type PyClient } from './python.ts';
import { minitestFile } from './ruby.ts';
import { routeLine } from './script.ts';
import { comment, sh } from './quote.ts';
import { specOf, type TestSpec } from './spec.ts';
import type { Route } from '../routes.ts';

/** The value every header but the Content-Type gets in an emitted test: values may be secrets, and CORS looks only at
 * header names and the Content-Type's essence. */
export const PLACEHOLDER = 'cors-lens-audit';

/** One request (checked by the CLI or captured in the panel) as a route: its path and query, its own header names. */
export function requestRoute(
  method: string,
  url: string,
  headers: readonly (readonly [string, string])[],
  credentials: boolean,
  expose: string[],
  file: string,
): Route {
  const u = new URL(url);
  return {
    method,
    path: `${u.pathname}${u.search}`,
    template: u.pathname,
    headers: headers.map(([n, v]) => [
      n,
      n.toLowerCase() === 'content-type' ? (v.split(';')[0] ?? '').trim() : PLACEHOLDER,
    ]),
    credentials,
    expose,
    source: { file, line: 1 },
  };
}

export type Idiom = `pytest-${PyClient}` | 'node-test' | 'go-test' | 'minitest-rack' | 'audit-script';

const IDIOMS: Record<string, Idiom> = {
  fastapi: 'pytest-starlette',
  flask: 'pytest-flask',
  django: 'pytest-django',
  aiohttp: 'pytest-aiohttp',
  express: 'node-test',
  fastify: 'node-test',
  koa: 'node-test',
  hono: 'node-test',
  nestjs: 'node-test',
  nextjs: 'node-test',
  gin: 'go-test',
  echo: 'go-test',
  'go-rs-cors': 'go-test',
  rails: 'minitest-rack',
};

/** The idiom a backend's tests are written in (docs/ci.md#emitted-regression-tests lists them). */
export function idiomOf(backend: string | null | undefined): Idiom {
  return (backend && Object.hasOwn(IDIOMS, backend) ? IDIOMS[backend] : undefined) ?? 'audit-script';
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'root';
const camel = (s: string): string => s.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface TestFile {
  name: string;
  code: string;
}

/** The test files for these specs in one idiom (null: the idiom is the shared audit script). */
export function renderTests(specs: TestSpec[], idiom: Idiom, base: string): TestFile[] | null {
  const key = (s: TestSpec): string => `${slug(`${s.method} ${s.path}`)}_${slug(s.origin)}`;
  if (idiom === 'audit-script') return null;
  if (idiom === 'go-test') return [{ name: 'cors_regression_test.go', code: goTestFile(specs, base) }];
  return specs.map((s) => {
    if (idiom === 'node-test') return { name: `cors_${key(s)}.test.mjs`, code: nodeTestFile(s, base) };
    if (idiom === 'minitest-rack')
      return { name: `cors_${key(s)}_test.rb`, code: minitestFile(s, `Cors${camel(key(s))}Test`) };
    return { name: `test_cors_${key(s)}.py`, code: pytestFile(s, idiom.slice('pytest-'.length) as PyClient) };
  });
}

/** The one file for this request and backend, as `check --emit-test` writes it (the routes file for backends whose
 * test is the audit script, with how to run it in its comment lines). */
export function regressionTest(
  route: Route,
  origin: string,
  backend: string,
  base: string,
): TestFile & { idiom: Idiom } {
  const idiom = idiomOf(backend);
  const spec = specOf(route, origin);
  const [file] = renderTests([spec], idiom, base) ?? [];
  if (file) return { ...file, idiom };
  return {
    idiom,
    name: 'cors-regression.routes',
    code: `# CORS regression test emitted by cors-lens: ${comment(`${route.method} ${route.path} from ${origin}`)}
# Run: ${comment(`npx cors-lens audit ${sh(base)} --origin ${sh(origin)} --routes cors-regression.routes`)}
${routeLine(spec)}
`,
  };
}
