// The real parsers of the languages CORS Lens writes code in, for the output-safety tests: each takes snippets of
// one language and says whether the language's own parser accepts them, or why it could not run here (a parser
// that is not installed is a stated skip, never a pass). Debian packages: test/verify/install.sh.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

export type ParseResult = { ok: true } | { ok: false; error: string } | { skipped: string };

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(cmd: string, args: string[], files: Record<string, string>): ParseResult {
  const bin = which(cmd);
  if (bin === null) return { skipped: `${cmd} is not installed` };
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-parse-'));
  try {
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(dir, name), text.replaceAll('{dir}', dir));
    const r = spawnSync(
      bin,
      args.map((a) => a.replaceAll('{dir}', dir)),
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return r.status === 0 ? { ok: true } : { ok: false, error: `${r.stdout}${r.stderr}`.slice(0, 2000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tsParse(code: string, fileName: string): ParseResult {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diags.length === 0
    ? { ok: true }
    : { ok: false, error: diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ') };
}

const goFile = (snippets: string[]): string => {
  const imports = snippets.filter((s) => /^\s*"[^"\n]*"\s*$/m.test(s) && !s.includes('('));
  const body = snippets.filter((s) => !imports.includes(s));
  return `package p\n\nimport (\n${imports.join('\n')}\n)\n\nfunc f() {\n${body.join('\n')}\n}\n`;
};

const APACHE_MODULES = ['mpm_event', 'headers', 'setenvif', 'rewrite']
  .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`)
  .join('\n');

/**
 * Parses many fixes' snippets of one language in as few parser runs as the language allows (one site block or
 * virtual host per fix for Caddy and Apache; nginx needs one file per fix, since each declares the same map).
 */
export function parseFixes(language: string, fixes: string[][]): ParseResult {
  if (language === 'caddy' || language === 'apache') {
    const blocks = fixes.map((f, i) =>
      language === 'caddy'
        ? `http://localhost:${i + 1} {\n${f.join('\n')}\nreverse_proxy 127.0.0.1:2\n}`
        : `<VirtualHost *:1>\n${f.join('\n')}\n</VirtualHost>`,
    );
    return language === 'caddy' ? caddy(blocks.join('\n')) : apache(blocks.join('\n'));
  }
  if (language === 'nginx') {
    // One file: each fix's map variable renamed apart, each location in its own prefix.
    const own = (code: string, i: number): string => code.replaceAll('$cors_origin', `$cors_origin_${i}`);
    const maps = fixes.map((f, i) => own(f[0] ?? '', i)).join('\n');
    const locations = fixes.map((f, i) => `location /${i}/ {\n${own(f[1] ?? '', i)}\n}`).join('\n');
    return nginx(maps, locations);
  }
  return parseSnippets(language, fixes.flat());
}

const nginx = (http: string, locations: string): ParseResult =>
  run('nginx', ['-t', '-q', '-p', '{dir}', '-c', '{dir}/nginx.conf'], {
    'nginx.conf': `pid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {}\nhttp {\naccess_log off;\n# Room for the corpus' 300-character origins (nginx's default bucket is sized for short keys).\nmap_hash_bucket_size 1024;\n${http}\nserver {\nlisten 127.0.0.1:1;\n${locations}\n}\n}\n`,
  });
const caddy = (file: string): ParseResult =>
  run('caddy', ['adapt', '--config', 'Caddyfile'], { Caddyfile: file });
const apache = (vhosts: string): ParseResult =>
  run('apache2', ['-t', '-f', '{dir}/httpd.conf'], {
    'httpd.conf': `ServerRoot {dir}\nDefaultRuntimeDir {dir}\nPidFile {dir}/httpd.pid\nErrorLog {dir}/error.log\nListen 127.0.0.1:1\n${APACHE_MODULES}\n${vhosts}\n`,
  });

/** Parses the snippets of one language with its real parser; `text`/`http` have no grammar to check. */
export function parseSnippets(language: string, snippets: string[]): ParseResult {
  const all = snippets.join('\n');
  switch (language) {
    case 'shell':
      return run('bash', ['-n', 'x.sh'], { 'x.sh': all });
    case 'python':
      return run('python3', ['-m', 'py_compile', 'x.py'], { 'x.py': all });
    case 'ruby':
      return run('ruby', ['-c', 'x.rb'], { 'x.rb': all });
    case 'go':
      return run('gofmt', ['-e', 'x.go'], { 'x.go': goFile(snippets) });
    case 'php':
      return run('php', ['-l', 'x.php'], Object.fromEntries(snippets.map((s, i) => [`x${i}.php`, s])));
    case 'javascript':
      return tsParse(all, 'x.js');
    case 'typescript':
      for (const s of snippets) {
        const r = tsParse(s, 'x.ts');
        if (!('ok' in r && r.ok)) return r;
      }
      return { ok: true };
    case 'json':
      try {
        snippets.forEach((s) => JSON.parse(s) as unknown);
        return { ok: true };
      } catch (e) {
        return { ok: false, error: String(e) };
      }
    case 'nginx':
      return nginx(
        snippets[0] ?? '',
        `location / {\n${snippets[1] ?? ''}\nproxy_pass http://127.0.0.1:2;\n}`,
      );
    case 'apache':
      return apache(`<VirtualHost *:1>
${all}
</VirtualHost>`);
    case 'caddy':
      return caddy(`http://localhost:1 {
${all}
reverse_proxy 127.0.0.1:2
}
`);
    case 'java':
      return {
        skipped: 'Java snippets need Spring on the classpath; javaStr is checked by round trip instead',
      };
    case 'csharp':
      return { skipped: 'no C# compiler in Debian main (dotnet is not packaged)' };
    default:
      return { skipped: `${language} has no grammar to check` };
  }
}
