// FastAPI / Starlette (also vLLM): CORSMiddleware with the exact origin. For 500s the whole ASGI app is wrapped,
// because add_middleware puts CORS inside ServerErrorMiddleware and unhandled errors lose their headers.
import type { FixGenerator } from './types.ts';
import { buildFix, describe, type Plan } from './common.ts';
import { list } from './syntax.ts';
import { pyStr } from './quote/code.ts';
import { shQuote } from './quote/shell.ts';

function options(p: Plan, indent: string): string {
  const lines = [
    `allow_origins=${list([p.origin], pyStr)},`,
    ...(p.credentials ? ['allow_credentials=True,'] : []),
    `allow_methods=${list(p.methods, pyStr)},`,
    `allow_headers=${list(p.headers, pyStr)},`,
    ...(p.expose.length > 0 ? [`expose_headers=${list(p.expose, pyStr)},`] : []),
    `max_age=${p.maxAge},`,
  ];
  return lines.map((l) => indent + l).join('\n');
}

export const fastapi: FixGenerator = {
  id: 'fastapi',
  label: 'FastAPI / Starlette',
  generate: (input) =>
    buildFix('fastapi', input, (p) => {
      const wrap = p.pitfall === 'error-loses-cors';
      const code = wrap
        ? `from fastapi.middleware.cors import CORSMiddleware\n\n# Wrap the whole app so even unhandled 500s carry CORS headers (add_middleware sits inside the error handler).\napp = CORSMiddleware(\n    app=app,\n${options(p, '    ')}\n)\n`
        : `from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(\n    CORSMiddleware,\n${options(p, '    ')}\n)\n`;
      const pitfalls: Partial<Record<Plan['pitfall'], string>> = {
        'error-loses-cors': `The server answered ${p.realStatus ?? 'an error'} without CORS headers: with app.add_middleware, Starlette's ServerErrorMiddleware answers unhandled exceptions outside CORSMiddleware (fastapi/fastapi#775).`,
        'preflight-unhandled':
          'Without CORSMiddleware FastAPI answers the OPTIONS preflight with 405 {"detail":"Method Not Allowed"}.',
        'wildcard-credentials':
          'allow_origins=["*"] with credentials: Starlette before 1.0 only reflects the origin when a Cookie header is sent, so Bearer-token requests get `*` and fail.',
        methods: `allow_methods defaults to ("GET",): ${describe.methods(p)} must be listed.`,
        headers: `allow_headers defaults to none beyond the safelisted ones: ${describe.headers(p)} must be listed (never rely on "*" for Authorization).`,
        'duplicate-acao':
          'Both a proxy and CORSMiddleware add Access-Control-Allow-Origin: keep this middleware and remove the proxy header (nginx: proxy_hide_header).',
      };
      return {
        title: `Allow ${p.origin} in FastAPI's CORSMiddleware`,
        snippets: [
          {
            language: 'python',
            where: wrap
              ? 'main.py, at the very end, after every route and include_router'
              : 'main.py, right after `app = FastAPI()`',
            code,
          },
        ],
        pitfall: pitfalls[p.pitfall] ?? null,
        notes: [
          wrap
            ? 'uvicorn main:app now serves the wrapped app; mount sub-apps and routers before the wrap.'
            : 'If your 500s also lose CORS headers, wrap the app instead: app = CORSMiddleware(app=app, ...) at the end of main.py.',
          'Starlette ≥ 1.0 reflects the origin with credentials even for allow_origins=["*"]; an explicit list is safe in every version.',
          `vLLM: --allowed-origins ${shQuote(JSON.stringify([p.origin]))}${p.credentials ? ' --allow-credentials' : ''} --allowed-methods ${shQuote(JSON.stringify(p.methods))} --allowed-headers ${shQuote(JSON.stringify(p.headers))}.`,
          `Trailing slashes: a route /path/ called as /path answers 307, which breaks the preflight; call the exact path (or FastAPI(redirect_slashes=False)). ${JSON.stringify(p.path)} is the path that failed.`,
        ],
      };
    }),
};

// References: starlette.io/middleware/#corsmiddleware; fastapi.tiangolo.com/tutorial/cors; Kludex/starlette#1116, PR #3137.
