import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine/index.ts';
import type { Observed, ResourceKind } from '../engine/types.ts';
import { fixOutcome, fixRequestFrom } from './index.ts';
import type { BackendId, Fix } from './types.ts';

const PAGE = 'https://app.example.com';

/** A real engine diagnosis of a GET of `path` by `kind` from PAGE, answered 200 with `acao` (or none). */
function outcome(
  backend: BackendId,
  kind: ResourceKind,
  path: string,
  opts: { acao?: string; credentials?: 'include'; origin?: string } = {},
) {
  const url = `https://cdn.example.net${path}`;
  const origin = opts.origin ?? PAGE;
  const observed: Observed = {
    pageOrigin: origin,
    method: 'GET',
    url,
    requestHeaders: {},
    credentials: opts.credentials ?? 'same-origin',
    mode: 'cors',
    hops: [
      {
        url,
        method: 'GET',
        requestHeaders: { origin },
        status: 200,
        responseHeaders: opts.acao ? { 'access-control-allow-origin': opts.acao } : {},
      },
    ],
    netError: 'net::ERR_FAILED',
    kind,
  };
  const diagnosis = diagnose(observed);
  return fixOutcome(backend, { diagnosis, request: fixRequestFrom(observed, diagnosis) });
}

const fixOf = (o: ReturnType<typeof outcome>): Fix => {
  expect(o.reason).toBeNull();
  return o.fix as Fix;
};
const code = (f: Fix): string => f.snippets.map((s) => s.code).join('\n');

describe('static assets get static-file fixes', () => {
  it('nginx: a location for the font files with add_header … always, the exact origin and Vary: Origin', () => {
    const f = fixOf(outcome('nginx', 'font', '/fonts/brand.woff2'));
    expect(code(f)).toContain('location ~* \\.(?:woff2|woff|ttf|otf|eot)$ {');
    expect(code(f)).toContain('    add_header Access-Control-Allow-Origin $cors_origin always;');
    expect(code(f)).toContain('    add_header Vary Origin always;');
    expect(code(f)).toContain('"https://app.example.com" $http_origin;');
    expect(code(f)).not.toContain('proxy_hide_header'); // no app behind a file on disk
    expect(f.title).toContain('(font files)');
  });

  it('an API call keeps the proxy fix', () => {
    const f = fixOf(outcome('nginx', 'fetch', '/v1/items'));
    expect(code(f)).toContain('proxy_hide_header');
    expect(code(f)).not.toContain('location ~*');
  });

  it("Caddy and Apache scope the headers to the kind's files", () => {
    expect(code(fixOf(outcome('caddy', 'script', '/static/app.mjs')))).toContain(
      '@cors_script {\n\tpath *.js *.mjs\n\theader Origin "https://app.example.com"\n}',
    );
    // Vary: Origin on every answer for those files, not only the allowed origin's (the matrix found it missing).
    const caddy = code(fixOf(outcome('caddy', 'font', '/f.woff2')));
    expect(caddy).toContain(
      '@font_files path *.woff2 *.woff *.ttf *.otf *.eot\nheader @font_files +Vary Origin\n',
    );
    expect(/header @cors_font \{[^}]*Vary/.test(caddy)).toBe(false);
    expect(code(fixOf(outcome('caddy', 'fetch', '/v1/items')))).toMatch(/^header \+Vary Origin$/m);
    const apache = code(fixOf(outcome('apache', 'stylesheet', '/site.css')));
    expect(apache).toContain('<FilesMatch "\\.(?:css)$">');
    expect(apache).toContain('Header always merge Vary Origin');
    expect(apache).not.toContain('RewriteRule');
  });

  it('nginx, Apache and Caddy cover the same files of a kind: .jpg and .jpeg too (the matrix found Caddy missing .jpg)', () => {
    const files: [ResourceKind, string[]][] = [
      ['image', ['photo.jpg', 'photo.jpeg', 'PHOTO.JPG', 'logo.png', 'icon.svg', 'pic.webp', 'anim.gif']],
      ['font', ['brand.woff2', 'brand.woff', 'brand.ttf', 'brand.otf']],
      ['script', ['app.js', 'app.mjs']],
      ['stylesheet', ['site.css']],
    ];
    const globRe = (g: string): RegExp =>
      new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`, 'i');
    for (const [kind, names] of files) {
      const nginxRe = /location ~\* (\S+) \{/.exec(code(fixOf(outcome('nginx', kind, '/x'))))?.[1] ?? '^$';
      const apacheRe = /<FilesMatch "([^"]+)">/.exec(code(fixOf(outcome('apache', kind, '/x'))))?.[1] ?? '^$';
      const globs = /\tpath (.+)\n/.exec(code(fixOf(outcome('caddy', kind, '/x'))))?.[1]?.split(' ') ?? [];
      for (const name of names) {
        const path = `/static/${name}`;
        expect(new RegExp(nginxRe, 'i').test(path), `nginx ${name}`).toBe(true);
        expect(new RegExp(apacheRe, 'i').test(path), `apache ${name}`).toBe(true);
        expect(
          globs.some((g) => globRe(g).test(name)),
          `caddy ${name}`,
        ).toBe(true);
      }
      expect(new RegExp(nginxRe, 'i').test('/static/name.html'), 'nginx html').toBe(false);
      expect(
        globs.some((g) => globRe(g).test('name.html')),
        'caddy html',
      ).toBe(false);
    }
  });

  it('AWS: the S3 bucket CORS rule and a CloudFront response headers policy for the exact origin', () => {
    const f = fixOf(outcome('aws', 'font', '/fonts/brand.woff2'));
    const [s3, cf] = f.snippets.map((s) => JSON.parse(s.code) as Record<string, unknown>);
    expect(s3).toMatchObject({ CORSRules: [{ AllowedOrigins: [PAGE], AllowedMethods: ['GET'] }] });
    expect(cf).toMatchObject({
      CorsConfig: {
        AccessControlAllowOrigins: { Quantity: 1, Items: [PAGE] },
        AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
        AccessControlAllowCredentials: false,
        OriginOverride: true,
      },
    });
    expect(f.notes.join('\n')).toMatch(/cache policy/);
  });

  it('a font fix says how to preload it without a double download', () => {
    const notes = fixOf(outcome('nginx', 'font', '/f.woff2')).notes.join('\n');
    expect(notes).toContain('needs the crossorigin attribute');
    expect(fixOf(outcome('nginx', 'script', '/a.js')).notes.join('\n')).not.toContain('preload');
  });
});

describe('page-side causes, said plainly', () => {
  it('crossorigin="use-credentials" against *: the page\'s attribute is named as the cause first', () => {
    const f = fixOf(outcome('nginx', 'image', '/logo.png', { acao: '*', credentials: 'include' }));
    expect(f.pitfall).toMatch(
      /^The image is loaded with crossorigin="use-credentials".*crossorigin="anonymous"/,
    );
    // The server way out is still there, with the exact origin and credentials.
    expect(code(f)).toContain('add_header Access-Control-Allow-Credentials "true" always;');
  });

  it('a fetch() with credentials against * keeps the server pitfall', () => {
    const f = fixOf(outcome('nginx', 'fetch', '/v1/me', { acao: '*', credentials: 'include' }));
    expect(f.pitfall).not.toContain('crossorigin');
  });

  it('a module script from a file:// page (origin null) gets no server fix, and is told to serve the page over http', () => {
    const o = outcome('nginx', 'script', '/app.mjs', { origin: 'null' });
    expect(o.fix).toBeNull();
    expect(o.reason).toContain('file://');
    expect(o.reason).toContain('No server fix can solve it');
    expect(outcome('nginx', 'fetch', '/x', { origin: 'null' }).reason).not.toContain('module');
  });
});
