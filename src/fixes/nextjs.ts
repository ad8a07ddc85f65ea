// Next.js App Router route handlers: without an OPTIONS export Next answers the preflight itself (Allow, no CORS),
// so the route exports OPTIONS and every handler adds the headers for the one allowed origin.
import type { FixGenerator } from './types.ts';
import { buildFix, type Plan } from './common.ts';
import { sq } from './syntax.ts';

function routeCode(p: Plan): string {
  const base: [string, string][] = [['Access-Control-Allow-Origin', 'ALLOWED_ORIGIN']];
  if (p.credentials) base.push(['Access-Control-Allow-Credentials', sq('true')]);
  if (p.expose.length > 0) base.push(['Access-Control-Expose-Headers', sq(p.expose.join(', '))]);
  const pre: [string, string][] = [
    ['Access-Control-Allow-Methods', sq(p.methods.join(', '))],
    ['Access-Control-Max-Age', sq(String(p.maxAge))],
  ];
  if (p.headers.length > 0) pre.push(['Access-Control-Allow-Headers', sq(p.headers.join(', '))]);
  const obj = (h: [string, string][]): string => h.map(([k, v]) => `    ${sq(k)}: ${v},`).join('\n');
  const handler = p.methods.find((m) => m !== 'OPTIONS') ?? 'GET';
  return `const ALLOWED_ORIGIN = ${sq(p.origin)};

// Only the allowed origin gets CORS headers; every other site gets none (never echo the Origin header back).
function corsHeaders(request: Request, preflight = false): Record<string, string> {
  if (request.headers.get('origin') !== ALLOWED_ORIGIN) return { Vary: 'Origin' };
  const headers: Record<string, string> = {
${obj(base)}
    Vary: 'Origin',
  };
  if (preflight) {
    Object.assign(headers, {
${obj(pre).replace(/^ {4}/gm, '      ')}
    });
  }
  return headers;
}

export function OPTIONS(request: Request) {
  return new Response(null, { status: 204, headers: corsHeaders(request, true) });
}

export async function ${handler}(request: Request) {
  const response = Response.json({ ok: true }); // your existing handler's response
  for (const [name, value] of Object.entries(corsHeaders(request))) response.headers.set(name, value);
  return response;
}
`;
}

export const nextjs: FixGenerator = {
  id: 'nextjs',
  label: 'Next.js (App Router)',
  generate: (input) =>
    buildFix('nextjs', input, (p) => ({
      title: `Allow ${p.origin} in the Next.js route handler`,
      snippets: [
        {
          language: 'typescript',
          where: `app${p.path === '/' ? '' : p.path.replace(/\/$/, '')}/route.ts`,
          code: routeCode(p),
        },
      ],
      pitfall:
        p.pitfall === 'preflight-unhandled' || p.preflight
          ? 'Without an exported OPTIONS, Next.js answers the preflight itself with only an Allow header, so the browser blocks it.'
          : p.pitfall === 'error-loses-cors'
            ? `The ${p.realStatus ?? 'error'} response was produced without the headers: add them in every return path (or in middleware.ts / proxy.ts).`
            : null,
      notes: [
        'Many routes: set the same headers in middleware.ts (Next ≤ 15) or proxy.ts (16+) with config.matcher, answering OPTIONS there.',
        'next.config.js headers() cannot vary by Origin, so it can only send one fixed origin and no preflight answer.',
      ],
    })),
};

// References: nextjs.org/docs/app/api-reference/file-conventions/route; Next 16 proxy.ts upgrade notes.
