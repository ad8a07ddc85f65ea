// Caddy 2: named matchers for the exact origin, the preflight answered by Caddy, and `defer` so the values replace
// (instead of duplicating) headers the upstream app sets. Caddy has no built-in cors directive.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { caddyStr as dq } from './quote/config.ts';
import { assetKind, extensionGlobs } from './assets.ts';

export const caddy: FixGenerator = {
  id: 'caddy',
  label: 'Caddy',
  generate: (input) =>
    buildFix('caddy', input, (p) => {
      const base = [
        `Access-Control-Allow-Origin ${dq(p.origin)}`,
        ...(p.credentials ? ['Access-Control-Allow-Credentials "true"'] : []),
      ];
      const pre = [
        `Access-Control-Allow-Methods ${dq(p.methods.join(', '))}`,
        ...(p.headers.length > 0 ? [`Access-Control-Allow-Headers ${dq(p.headers.join(', '))}`] : []),
        `Access-Control-Max-Age "${p.maxAge}"`,
      ];
      const expose = p.expose.length > 0 ? [`Access-Control-Expose-Headers ${dq(p.expose.join(', '))}`] : [];
      const block = (lines: string[], indent: string): string => lines.map((l) => indent + l).join('\n');
      const preflight = p.preflight
        ? `@cors_preflight {\n\tmethod OPTIONS\n\theader Origin ${dq(p.origin)}\n\theader Access-Control-Request-Method *\n}\nhandle @cors_preflight {\n\theader {\n${block([...base, ...pre], '\t\t')}\n\t}\n\trespond 204\n}\n`
        : '';
      const asset = assetKind(p);
      const globs = asset === null ? [] : extensionGlobs(asset);
      // Static files served by file_server: the matcher adds their extensions (our own constants, never page data),
      // and no `defer`, since no upstream sets headers to replace.
      // `Vary: Origin` goes on every answer, not only the allowed origin's: the answer depends on the Origin, and a
      // shared cache keeps the first copy it sees (docs/backends.md, Static assets). `+` adds it, keeping Vary values the upstream
      // or `encode` set; inside the @cors block it would replace them.
      const vary =
        asset === null || globs.length === 0
          ? 'header +Vary Origin\n'
          : `@${asset}_files path ${globs.join(' ')}\nheader @${asset}_files +Vary Origin\n`;
      const code =
        asset === null
          ? `@cors header Origin ${dq(p.origin)}\nheader @cors {\n${block([...base, ...expose], '\t')}\n\tdefer\n}\n${vary}${preflight}`
          : `@cors_${asset} {\n${globs.length > 0 ? `\tpath ${globs.join(' ')}\n` : ''}\theader Origin ${dq(p.origin)}\n}\nheader @cors_${asset} {\n${block([...base, ...expose], '\t')}\n}\n${vary}${preflight}`;
      return {
        title: `Answer CORS for ${p.origin} in Caddy${asset === null ? '' : ` (${asset} files)`}`,
        snippets: [
          {
            language: 'caddy',
            where:
              asset === null
                ? 'inside the site block, next to reverse_proxy'
                : 'inside the site block, next to file_server',
            code,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'The OPTIONS preflight went to the upstream, which answered it without CORS; the handle block answers it with 204.',
          'duplicate-acao':
            "Caddy and the upstream both set Access-Control-Allow-Origin: `defer` makes Caddy's value replace the upstream's.",
        }),
        notes: [
          'Never use {http.request.header.Origin} as the value without an exact Origin matcher: that reflects every site.',
        ],
      };
    }),
};

// References: caddyserver.com/docs/caddyfile/directives/header; caddyserver.com/docs/caddyfile/matchers.
