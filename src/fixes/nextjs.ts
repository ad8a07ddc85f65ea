// Next.js App Router route handlers: without an OPTIONS export Next answers the preflight itself (Allow, no CORS),
// so the route exports OPTIONS, and every handler is wrapped so each response it returns, errors included, gets
// the headers for the one allowed origin. The user's handler stays as it is, only renamed.
import type { FixGenerator } from './types.ts';
import { buildFix, type Plan } from './common.ts';
import { jsStr as sq } from './quote/code.ts';
import { Unquotable } from './quote/refuse.ts';

const entries = (h: [string, string][], indent: string): string =>
  h.map(([k, v]) => `${indent}${sq(k)}: ${v},`).join('\n');

function helperCode(p: Plan): string {
  const base: [string, string][] = [['Access-Control-Allow-Origin', 'ALLOWED_ORIGIN']];
  if (p.credentials) base.push(['Access-Control-Allow-Credentials', sq('true')]);
  if (p.expose.length > 0) base.push(['Access-Control-Expose-Headers', sq(p.expose.join(', '))]);
  const pre: [string, string][] = [['Access-Control-Allow-Methods', sq(p.methods.join(', '))]];
  if (p.headers.length > 0) pre.push(['Access-Control-Allow-Headers', sq(p.headers.join(', '))]);
  pre.push(['Access-Control-Max-Age', sq(String(p.maxAge))]);
  return `const ALLOWED_ORIGIN = ${sq(p.origin)};

// Only the allowed origin gets CORS headers; every other site gets none (never echo the Origin header back).
function corsHeaders(request: Request, preflight: boolean): Record<string, string> {
  if (request.headers.get('origin') !== ALLOWED_ORIGIN) return { Vary: 'Origin' };
  return {
${entries(base, '    ')}
    Vary: 'Origin',
    ...(preflight
      ? {
${entries(pre, '          ')}
        }
      : {}),
  };
}

/** The OPTIONS export: without it Next.js answers preflights itself, with no CORS headers. */
export function preflight(request: Request): Response {
  return new Response(null, { status: 204, headers: corsHeaders(request, true) });
}

/** Wraps a route handler so every response it returns, a thrown error's 500 included, carries the headers. */
export function withCors<C>(handler: (request: Request, context: C) => Response | Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    let response: Response;
    try {
      response = await handler(request, context);
    } catch (error) {
      console.error(error);
      response = Response.json({ error: 'Internal Server Error' }, { status: 500 });
    }
    // Responses from fetch() have immutable headers: copy before adding.
    const out = new Response(response.body, response);
    for (const [name, value] of Object.entries(corsHeaders(request, false))) out.headers.set(name, value);
    return out;
  };
}
`;
}

/** Next.js exports a handler per method and knows only these; the name is an identifier in the route file. */
const NEXT_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);

function routeCode(p: Plan): string {
  const method = p.methods[0] ?? 'GET';
  if (!NEXT_METHODS.has(method))
    throw new Unquotable(
      'a Next.js route file',
      method,
      'route handlers are exported only for GET, HEAD, POST, PUT, DELETE and PATCH',
    );
  return `import { preflight, withCors } from '@/lib/cors';

export const OPTIONS = preflight;
export const ${method} = withCors(handle${method});
`;
}

export const nextjs: FixGenerator = {
  id: 'nextjs',
  label: 'Next.js (App Router)',
  generate: (input) =>
    buildFix('nextjs', input, (p) => {
      const method = p.methods[0] ?? 'GET';
      const route = `app${p.path === '/' ? '' : p.path.replace(/\/$/, '')}/route.ts`;
      return {
        title: `Allow ${p.origin} in the Next.js route handler`,
        snippets: [
          { language: 'typescript', where: 'lib/cors.ts (a new file)', code: helperCode(p) },
          {
            language: 'typescript',
            where: `${route}: rename \`export async function ${method}\` to \`async function handle${method}\`, then add`,
            code: routeCode(p),
          },
        ],
        pitfall:
          p.pitfall === 'preflight-unhandled' || p.preflight
            ? 'Without an exported OPTIONS, Next.js answers the preflight itself with only an Allow header, so the browser blocks it.'
            : p.pitfall === 'error-loses-cors'
              ? `The ${p.realStatus ?? 'error'} response was produced without the headers; withCors also covers a thrown error's 500.`
              : null,
        notes: [
          'Many routes: the same headers in middleware.ts (Next ≤ 15) or proxy.ts (16+) with config.matcher, answering OPTIONS there.',
          'next.config.js headers() cannot vary by Origin, so it can only send one fixed origin and no preflight answer.',
          "No '@/' alias in your tsconfig? Import lib/cors with a relative path.",
        ],
      };
    }),
};

// References: nextjs.org/docs/app/api-reference/file-conventions/route; Next 16 proxy.ts upgrade notes.
