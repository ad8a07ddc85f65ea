// nginx in front of an app: a map that allows exactly the failing origin, the preflight answered by nginx, and every
// add_header with `always` so 4xx/5xx keep CORS. proxy_hide_header stops the app's own header from duplicating it.
import type { FixGenerator } from './types.ts';
import { buildFix, describe, type Plan } from './common.ts';
import { nginxStr as dq } from './quote/config.ts';
import { assetKind, extensionPattern } from './assets.ts';

function headerLines(p: Plan, preflight: boolean): string[] {
  const h: [string, string][] = [['Access-Control-Allow-Origin', '$cors_origin']];
  if (p.credentials) h.push(['Access-Control-Allow-Credentials', '"true"']);
  if (preflight) {
    h.push(['Access-Control-Allow-Methods', dq(p.methods.join(', '))]);
    if (p.headers.length > 0) h.push(['Access-Control-Allow-Headers', dq(p.headers.join(', '))]);
    h.push(['Access-Control-Max-Age', String(p.maxAge)]);
  } else if (p.expose.length > 0) h.push(['Access-Control-Expose-Headers', dq(p.expose.join(', '))]);
  h.push(['Vary', 'Origin']);
  return h.map(([k, v]) => `add_header ${k} ${v} always;`);
}

export const nginx: FixGenerator = {
  id: 'nginx',
  label: 'nginx',
  generate: (input) =>
    buildFix('nginx', input, (p) => {
      const map = `# An empty value means nginx does not send the header, so other origins get no CORS headers.\nmap $http_origin $cors_origin {\n    default "";\n    ${dq(p.origin)} $http_origin;\n}\n`;
      const preflight = p.preflight
        ? `# Answer the preflight here; add_header inside "if" replaces the outer ones, so the set is repeated.\nif ($request_method = OPTIONS) {\n${headerLines(
            p,
            true,
          )
            .map((l) => '    ' + l)
            .join('\n')}\n    return 204;\n}\n`
        : '';
      const asset = assetKind(p);
      const files = asset === null ? null : extensionPattern(asset);
      // A static file nginx serves itself: no app behind it to hide headers from, so a location for the files. The
      // pattern is our own constant (assets.ts), never page data, and has no `{` or `;`, so it needs no quotes.
      const location =
        asset === null
          ? `${preflight}# The app's own CORS headers would duplicate these ("multiple values").\nproxy_hide_header Access-Control-Allow-Origin;\nproxy_hide_header Access-Control-Allow-Credentials;\n${headerLines(p, false).join('\n')}\n`
          : `# The ${asset} files this server serves from disk (root/alias as in your server block).\nlocation ${files === null ? `= ${dq(p.path)}` : `~* ${files}`} {\n${[...preflight.split('\n').filter((l) => l !== ''), ...headerLines(p, false)].map((l) => '    ' + l).join('\n')}\n}\n`;
      const pitfalls: Partial<Record<Plan['pitfall'], string>> = {
        'error-loses-cors': `nginx add_header applies only to 2xx/3xx unless it has \`always\`: the ${p.realStatus ?? 'error'} response went out without CORS headers.`,
        'duplicate-acao':
          "nginx and the app both send Access-Control-Allow-Origin, so the browser sees two values: proxy_hide_header drops the app's copy.",
        'preflight-unhandled':
          'The OPTIONS preflight was passed to the app, which answered it without CORS; nginx answers it now.',
        'wildcard-credentials':
          'A hand-written `Access-Control-Allow-Origin *` cannot be used with credentials; the map sends the exact origin.',
        methods: `Access-Control-Allow-Methods must include ${describe.methods(p)}.`,
        headers: `Access-Control-Allow-Headers must include ${describe.headers(p)}.`,
      };
      return {
        title: `Answer CORS for ${p.origin} in nginx${asset === null ? '' : ` (${asset} files)`}`,
        snippets: [
          {
            language: 'nginx',
            where: 'the http { } block (e.g. /etc/nginx/conf.d/cors-map.conf)',
            code: map,
          },
          {
            language: 'nginx',
            where:
              asset === null
                ? `inside the location that serves ${p.path}, next to proxy_pass`
                : `the server { } block that serves ${p.path}`,
            code: location,
          },
        ],
        pitfall: pitfalls[p.pitfall] ?? null,
        notes: [
          'add_header is inherited from the outer level only when the current level has none: keep the whole set in this location.',
          'Never `add_header Access-Control-Allow-Origin $http_origin`: it reflects every site.',
          'Reload with `nginx -t && nginx -s reload`.',
        ],
      };
    }),
};

// References: nginx.org/en/docs/http/ngx_http_headers_module.html#add_header; monsur/enable-cors.org#106.
