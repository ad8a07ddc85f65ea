// `npm run build:cli`: the npm package's lib/. JavaScript from vite.cli.config.ts; declarations from tsc
// (tsconfig.lib.json), whose relative `.ts` specifiers (the sources import with extensions) become `.js`, so a
// consumer's TypeScript resolves them to the .d.ts files next to them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const node = (args: string[]) => {
  execFileSync(process.execPath, args, { stdio: 'inherit' });
};

node(['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn']);
node(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.lib.json']);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
let files = 0;
for (const file of walk('lib/types').filter((f) => f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/((?:from |import\()['"]\.{1,2}\/[^'"]*?)\.tsx?(['"])/g, '$1.js$2');
  if (rewritten !== text) files++;
  writeFileSync(file, rewritten);
}
process.stdout.write(
  `lib/: CLI and library built; ${files} declaration files had their .ts imports made .js\n`,
);
