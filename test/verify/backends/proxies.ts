// nginx, Apache and Caddy from Debian, each in front of a plain Node upstream without CORS (or, for the duplicate
// case, with its own ACAO). Every config keeps its pid, logs and temp files in the server's own directory.
import { existsSync } from 'node:fs';
import { writeFiles, fill, type Launch } from '../harness.ts';
import type { Ctx, Target } from '../target.ts';

/** The upstream app: no CORS unless UPSTREAM_ACAO is set; OPTIONS 405 like most routers; /api/boom 500. */
export const UPSTREAM = `import http from 'node:http';
const acao = process.env.UPSTREAM_ACAO;
http.createServer((req, res) => {
  const cors = acao ? { 'access-control-allow-origin': acao, 'access-control-allow-credentials': 'true' } : {};
  if (req.method === 'OPTIONS') { res.writeHead(405, { allow: 'GET, POST', ...cors }); res.end(); return; }
  if (req.url.startsWith('/api/boom')) { res.writeHead(500, { 'content-type': 'text/plain', ...cors }); res.end('boom'); return; }
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1', ...cors });
  res.end('{"ok":true}');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

export const bin = (p: string, name: string) => (): string | null =>
  existsSync(p) ? null : `${name} not installed (run test/verify/install.sh as root)`;

/** The start of every nginx config here: foreground, one worker, pid, logs and temp files in the server's dir. */
export const NGINX_HEAD = `daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
`;

const NGINX = `${NGINX_HEAD}
    @@CORS_0@@

    server {
        listen 127.0.0.1:{port};
        location /api/ {
            @@CORS_1@@
            proxy_pass http://127.0.0.1:{upstream};
        }
    }
}
`;

const sub = (t: string, dir: string, c: Ctx): string =>
  t
    .replaceAll('{dir}', dir)
    .replaceAll('{port}', String(c.apiPort))
    .replaceAll('{upstream}', String(c.upstreamPort));
const NGINX_STAR =
  'add_header Access-Control-Allow-Origin "*";\nadd_header Access-Control-Allow-Credentials "true";';

export const nginx: Target = {
  backend: 'nginx',
  label: 'nginx 1.22 (proxy)',
  missing: bin('/usr/sbin/nginx', 'nginx'),
  needsUpstream: true,
  variants: [
    {
      id: 'proxied-options',
      bug: 'hand-written headers, OPTIONS proxied to the app (405)',
      shape: 'post-json',
      broken: () => ['', NGINX_STAR],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
    {
      id: 'no-always',
      bug: 'add_header without always: the 500 loses CORS',
      shape: 'boom',
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
      broken: (c) => [
        '',
        `add_header Access-Control-Allow-Origin "${c.origin}";\nadd_header Access-Control-Allow-Credentials "true";`,
      ],
    },
    {
      id: 'duplicate',
      bug: 'app and nginx both send ACAO',
      shape: 'get-cred',
      chrome: 'MultipleAllowOriginValues',
      cause: 'MultipleAllowOriginValues',
      upstreamAcao: (c) => c.origin,
      broken: (c) => [
        '',
        `add_header Access-Control-Allow-Origin "${c.origin}" always;\nadd_header Access-Control-Expose-Headers "x-request-id" always;`,
      ],
    },
    {
      id: 'trailing-slash',
      bug: 'origin written with a trailing slash',
      shape: 'get-cred',
      chrome: 'AllowOriginMismatch',
      cause: 'AllowOriginMismatch',
      broken: (c) => [
        '',
        `add_header Access-Control-Allow-Origin "${c.origin}/" always;\nadd_header Access-Control-Allow-Credentials "true" always;`,
      ],
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'nginx.conf': fill(sub(NGINX, dir, c), regions) });
    return Promise.resolve(launchNginx(dir, c.apiPort));
  },
};

/** The start of every Apache config here: pid, runtime files and logs in the server's dir, these modules. */
export const apacheHead = (modules: string[]): string => `ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {dir}/httpd.pid
DefaultRuntimeDir {dir}
ErrorLog {dir}/error.log
LogLevel warn
${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
User www-data
Group www-data
`;

const APACHE = `${apacheHead(['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite', 'proxy', 'proxy_http'])}<VirtualHost 127.0.0.1:{port}>
    @@CORS_0@@
    ProxyPass /api/ http://127.0.0.1:{upstream}/api/
</VirtualHost>
`;

export const apache: Target = {
  backend: 'apache',
  label: 'Apache 2.4 (proxy)',
  missing: bin('/usr/sbin/apache2', 'apache2'),
  needsUpstream: true,
  variants: [
    {
      // Header set does reach a proxied 405, so Chrome sees CORS headers on a failed status (measured).
      id: 'header-set',
      bug: 'Header set, OPTIONS proxied to the app (405 with CORS headers)',
      shape: 'post-json',
      chrome: 'PreflightInvalidStatus',
      cause: 'PreflightInvalidStatus',
      realStatus: 405,
      broken: (c) => [
        `Header set Access-Control-Allow-Origin "${c.origin}"\nHeader set Access-Control-Allow-Credentials "true"`,
      ],
    },
    {
      id: 'duplicate',
      bug: 'app and Apache (always set) both send ACAO',
      shape: 'get-cred',
      chrome: 'MultipleAllowOriginValues',
      cause: 'MultipleAllowOriginValues',
      upstreamAcao: (c) => c.origin,
      broken: (c) => [
        `Header always set Access-Control-Allow-Origin "${c.origin}"\nHeader always set Access-Control-Expose-Headers "x-request-id"`,
      ],
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'httpd.conf': fill(sub(APACHE, dir, c), regions) });
    return Promise.resolve(launchApache(dir, c.apiPort));
  },
};

/** Caddy's global options here: no admin endpoint, no HTTPS. */
export const CADDY_HEAD = `{
\tadmin off
\tauto_https off
}
`;

const CADDY = `${CADDY_HEAD}http://127.0.0.1:{port} {
\t@@CORS_0@@
\treverse_proxy 127.0.0.1:{upstream}
}
`;

export const caddy: Target = {
  backend: 'caddy',
  label: 'Caddy 2.6 (proxy)',
  missing: bin('/usr/bin/caddy', 'caddy'),
  needsUpstream: true,
  variants: [
    {
      id: 'wildcard',
      bug: 'header ACAO * with credentials',
      shape: 'get-cred',
      broken: () => [
        'header Access-Control-Allow-Origin "*"\nheader Access-Control-Allow-Credentials "true"',
      ],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    {
      id: 'no-preflight',
      bug: 'no CORS at all: upstream answers OPTIONS 405',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { Caddyfile: fill(sub(CADDY, dir, c), regions) });
    return Promise.resolve(launchCaddy(dir, c.apiPort));
  },
};

/** How each server starts on the config written into `dir` (nginx.conf, httpd.conf, Caddyfile). */
export const launchNginx = (dir: string, port: number): Launch => ({
  cmd: '/usr/sbin/nginx',
  args: ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`],
  cwd: dir,
  port,
});
export const launchApache = (dir: string, port: number): Launch => ({
  cmd: '/usr/sbin/apache2',
  args: ['-f', `${dir}/httpd.conf`, '-DFOREGROUND'],
  cwd: dir,
  env: { APACHE_RUN_DIR: dir, APACHE_LOCK_DIR: dir, APACHE_LOG_DIR: dir },
  port,
});
export const launchCaddy = (dir: string, port: number): Launch => ({
  cmd: '/usr/bin/caddy',
  args: ['run', '--config', 'Caddyfile', '--adapter', 'caddyfile'],
  cwd: dir,
  env: { XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
  port,
});
