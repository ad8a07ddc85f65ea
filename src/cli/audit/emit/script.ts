// The language-neutral regression test (nginx, Apache, Caddy, cloud configs, any backend without a renderer): a
// routes file and a script that runs `cors-lens audit` on it. The audit asserts the same things as the framework
// tests (the frontend gets through, the page can read its headers) and more (every hostile origin is refused).
import { comment, sh } from './quote.ts';
import type { TestSpec } from './spec.ts';

export function routeLine(s: TestSpec): string {
  const opts = [
    ...(s.credentials ? ['credentials'] : []),
    ...s.headers.flatMap(([n, v]) =>
      n === 'content-type'
        ? [`content-type=${(v.split(';')[0] ?? '').trim()}`]
        : n === 'authorization'
          ? ['auth=bearer']
          : [`header=${n}`],
    ),
    ...(s.expose.length > 0 ? [`expose=${s.expose.join(',')}`] : []),
  ];
  return [s.method, s.path, ...opts].join(' ');
}

export function auditScript(base: string, origins: string[], routesFile: string): string {
  return `#!/bin/sh
# CORS regression test emitted by cors-lens: re-audits the routes in ${comment(routesFile)}.
# CORS_LENS_BASE_URL overrides the server it runs against; CORS_LENS the command (default: npx cors-lens). Exit 0 clean, 1 a CORS or security finding, 2 bad input.
set -eu
here=$(dirname "$0")
base=\${CORS_LENS_BASE_URL:-}
if [ -z "$base" ]; then base=${sh(base)}; fi
exec \${CORS_LENS:-npx cors-lens} audit "$base" ${origins.map((o) => `--origin ${sh(o)}`).join(' ')} --routes "$here"/${sh(routesFile)}
`;
}
