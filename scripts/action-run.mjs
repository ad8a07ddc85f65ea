// The GitHub Action's runner (action.yml): one `cors-lens <command>` per non-empty line of the INPUT_REPLAY,
// INPUT_CHECK, INPUT_RECORD and INPUT_AUDIT variables, with the installed CLI (CORS_LENS_BIN). Every command runs
// even after one fails; the exit status is the worst one (2 an error, 1 a CORS failure, 0 none), and a table of
// results goes to the job summary. Lines are split like a command line (quotes group words) but nothing is expanded
// or executed: no variables, no command substitution, no shell.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Splits one line into words: whitespace separates, '…' and "…" group, a backslash escapes the next character. */
export function splitArgs(line) {
  const words = [];
  let word = null;
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i];
    else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (word !== null) words.push(word);
  return words;
}

/** A report path, or a `*` pattern in its file name part (test/cors/*.json): the matching files, sorted. */
function expand(path) {
  if (!basename(path).includes('*')) return [path];
  const re = new RegExp(
    `^${basename(path)
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  let names = [];
  try {
    names = readdirSync(dirname(path)).filter((n) => re.test(n));
  } catch {
    /* a missing folder matches nothing */
  }
  return names.sort().map((n) => join(dirname(path), n));
}

function main() {
  const bin = process.env.CORS_LENS_BIN || 'cors-lens';
  const results = [];
  for (const command of ['replay', 'check', 'record', 'audit']) {
    const lines = (process.env[`INPUT_${command.toUpperCase()}`] ?? '').split('\n').map((l) => l.trim());
    for (const line of lines.filter(Boolean)) {
      let args;
      try {
        args = splitArgs(line);
        if (command === 'replay') args = args.flatMap(expand);
      } catch (e) {
        process.stderr.write(`cors-lens action: ${e.message}\n`);
        results.push({ command, line, code: 2 });
        continue;
      }
      if (command === 'replay' && args.length === 0) {
        process.stderr.write(`cors-lens action: no report matches ${line}\n`);
        results.push({ command, line, code: 2 });
        continue;
      }
      process.stdout.write(`\n::group::cors-lens ${command} ${line}\n`);
      const r = spawnSync(bin, [command, ...args], { stdio: 'inherit' });
      process.stdout.write('::endgroup::\n');
      results.push({ command, line, code: r.status ?? 2 });
    }
  }
  if (results.length === 0)
    process.stderr.write('cors-lens action: no replay, check, record or audit input given\n');
  const verdict = { 0: 'pass', 1: 'CORS failure', 2: 'error' };
  const table = results.map(
    (r) =>
      `| \`${r.command}\` | \`${r.line.replace(/[`|]/g, '\\$&')}\` | ${verdict[r.code] ?? `exit ${r.code}`} |`,
  );
  for (const r of results)
    process.stdout.write(`${verdict[r.code] ?? `exit ${r.code}`}: cors-lens ${r.command} ${r.line}\n`);
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(
      process.env.GITHUB_STEP_SUMMARY,
      `### CORS Lens\n\n| command | arguments | result |\n| --- | --- | --- |\n${table.join('\n')}\n`,
    );
  const worst = results.reduce(
    (w, r) => (r.code === 2 || w === 2 ? 2 : Math.max(w, r.code)),
    results.length ? 0 : 2,
  );
  process.exitCode = worst;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
