// nginx, Apache and Caddy from Debian as static file servers (no app behind them): each serves the asset files from
// its own directory with no CORS headers until the panel's fix is pasted into its @@CORS_n@@ regions. Every config
// keeps its pid, logs and temp files in that directory.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import type { BackendId } from '../../../src/fixes/types.ts';
import { fill, workRoot, writeFiles, type Launch } from '../harness.ts';
import {
  apacheHead,
  bin,
  CADDY_HEAD,
  launchApache,
  launchCaddy,
  launchNginx,
  NGINX_HEAD,
} from '../backends/proxies.ts';
import { missingAssets, writeAssets } from './assets.ts';

export interface StaticTarget {
  backend: BackendId;
  label: string;
  /** null when this machine can run it, else why its cells are gaps. */
  missing: () => string | null;
  /** Writes the server serving `dir`/www on `port` with the regions filled, and says how to start it. */
  prepare: (dir: string, regions: string[], port: number) => Launch;
}

/** The binary, and the font the page loads. */
const needs = (p: string, name: string) => (): string | null => bin(p, name)() ?? missingAssets();

/** The files, readable by the unprivileged workers nginx and Apache switch to when started as root. */
function site(dir: string): string {
  chmodSync(workRoot, 0o711);
  const www = path.join(dir, 'www');
  writeAssets(www);
  return www;
}

const NGINX = `${NGINX_HEAD}    include /etc/nginx/mime.types;

    @@CORS_0@@

    server {
        listen 127.0.0.1:{port};
        root {www};

        @@CORS_1@@
    }
}
`;

const APACHE = `${apacheHead(['mpm_event', 'authz_core', 'headers', 'setenvif', 'mime'])}TypesConfig /etc/mime.types
<VirtualHost 127.0.0.1:{port}>
    DocumentRoot {www}
    <Directory {www}>
        Require all granted
    </Directory>
    @@CORS_0@@
</VirtualHost>
`;

const CADDY = `${CADDY_HEAD}http://127.0.0.1:{port} {
\troot * {www}
\t@@CORS_0@@
\tfile_server
}
`;

/** A target whose config `file` is `template` with its placeholders and regions filled, started by `launch`. */
function target(
  backend: BackendId,
  label: string,
  binary: string,
  file: string,
  template: string,
  launch: (dir: string, port: number) => Launch,
): StaticTarget {
  return {
    backend,
    label,
    missing: needs(binary, path.basename(binary)),
    prepare: (dir, regions, port) => {
      const filled = template
        .replaceAll('{dir}', dir)
        .replaceAll('{www}', site(dir))
        .replaceAll('{port}', String(port));
      writeFiles(dir, { [file]: fill(filled, regions) });
      return launch(dir, port);
    },
  };
}

export const STATIC_TARGETS: readonly StaticTarget[] = [
  target('nginx', 'nginx 1.22 (static files)', '/usr/sbin/nginx', 'nginx.conf', NGINX, launchNginx),
  target('apache', 'Apache 2.4 (static files)', '/usr/sbin/apache2', 'httpd.conf', APACHE, launchApache),
  target('caddy', 'Caddy 2.6 (static files)', '/usr/bin/caddy', 'Caddyfile', CADDY, launchCaddy),
];
