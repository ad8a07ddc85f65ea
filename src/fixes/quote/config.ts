// Quoted values for the server config languages the generators write (docs/output-safety.md). These languages
// expand variables inside quotes (nginx `$var`, Apache `%{…}`/`${…}`, Caddy `{placeholder}`) and disagree on
// backslashes (measured: Caddy and mod_rewrite keep `\\` as two characters, Apache's other directives read it as
// one), so a value carrying a quote, an expansion character or a backslash that could escape the closing quote is
// refused (Unquotable), never emitted.
import { CONTROL, Unquotable } from './refuse.ts';

function configStr(target: string, forbidden: RegExp, s: string, unescapesBackslash = false): string {
  if (CONTROL.test(s)) throw new Unquotable(target, s, 'control or line-break characters');
  if (s.includes('"')) throw new Unquotable(target, s, 'a double quote cannot be escaped portably');
  if (s.endsWith('\\'))
    throw new Unquotable(target, s, 'a trailing backslash would escape the closing quote');
  const bad = forbidden.exec(s);
  if (bad !== null) throw new Unquotable(target, s, `${JSON.stringify(bad[0])} would be expanded or escaped`);
  return `"${unescapesBackslash ? s.replaceAll('\\', '\\\\') : s}"`;
}

/** nginx: `$` starts a variable inside quotes too; `\` is an escape. */
export const nginxStr = (s: string): string => configStr('nginx', /[$\\]/, s);
/** Apache httpd: `${VAR}` is expanded at parse time and `%` starts a mod_headers format. */
export const apacheStr = (s: string): string => configStr('Apache', /[$%\\]/, s);
/** An Apache directive regex (SetEnvIf): `%` is literal there, `${…}` is still expanded, `\\` is read as `\`. */
export const apacheRegexStr = (s: string): string => configStr('Apache', /\$\{/, s, true);
/** A mod_rewrite pattern: mod_rewrite splits its own arguments and keeps every backslash. */
export const apacheRewriteStr = (s: string): string => configStr('Apache', /\$\{/, s);
/** Caddy: `{…}` is a placeholder (`{$ENV}` an environment variable) inside quotes too. */
export const caddyStr = (s: string): string => configStr('Caddy', /[{}\\]/, s);
