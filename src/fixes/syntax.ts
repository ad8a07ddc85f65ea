// Code-building helpers shared by the generators: string quoting per language, list literals, anchored origin
// regexes, and the option blocks several backends share (JS cors packages, Gin/Echo structs).
import type { Plan } from './common.ts';
import { goStr, jsStr } from './quote/code.ts';

/** A list literal: `["a", "b"]`, each item quoted by the target language's quoter (src/fixes/quote/). */
export const list = (
  items: readonly string[],
  quote: (s: string) => string,
  open = '[',
  close = ']',
): string => `${open}${items.map(quote).join(', ')}${close}`;
/** A regex that matches exactly this origin, anchored at both ends (`/` left as is: not special in PCRE strings). */
export const regexEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const anchoredOriginRegex = (origin: string): string => `^${regexEscape(origin)}$`;

/** Go string slice literal. */
export const goSlice = (items: readonly string[]): string => list(items, goStr, '[]string{', '}');
/** First path segment as a prefix pattern (`/api/chat` → `/api/*`), or the path itself at the root. */
export function pathPrefix(path: string, star = '*'): string {
  const first = /^\/[^/]+/.exec(path)?.[0];
  return first === undefined || first === path ? path : `${first}/${star}`;
}

/** Key names of a JS cors package's options. */
export interface JsCorsKeys {
  methods: string;
  headers: string;
  expose: string;
}
/** express cors / @fastify/cors key names; hono/cors and @koa/cors use HONO_KEYS. */
export const EXPRESS_KEYS: JsCorsKeys = {
  methods: 'methods',
  headers: 'allowedHeaders',
  expose: 'exposedHeaders',
};
export const HONO_KEYS: JsCorsKeys = {
  methods: 'allowMethods',
  headers: 'allowHeaders',
  expose: 'exposeHeaders',
};

/** The options object literal for a JS cors middleware, with the exact origin. */
export function jsCorsOptions(p: Plan, keys: JsCorsKeys, indent = '  '): string {
  const lines = [
    `origin: ${jsStr(p.origin)},`,
    ...(p.credentials ? ['credentials: true,'] : []),
    `${keys.methods}: ${list(p.methods, jsStr)},`,
    `${keys.headers}: ${list(p.headers, jsStr)},`,
    ...(p.expose.length > 0 ? [`${keys.expose}: ${list(p.expose, jsStr)},`] : []),
    `maxAge: ${p.maxAge},`,
  ];
  const close = indent.length >= 2 ? indent.slice(2) : '';
  return `{\n${lines.map((l) => indent + l).join('\n')}\n${close}}`;
}

/** The struct fields of Gin's and Echo's CORS config (same names; only MaxAge's type differs). */
export function goCorsFields(p: Plan, maxAge: string): string {
  const fields = [
    `AllowOrigins: ${goSlice([p.origin])},`,
    `AllowMethods: ${goSlice(p.methods)},`,
    `AllowHeaders: ${goSlice(p.headers)},`,
    ...(p.expose.length > 0 ? [`ExposeHeaders: ${goSlice(p.expose)},`] : []),
    ...(p.credentials ? ['AllowCredentials: true,'] : []),
    `MaxAge: ${maxAge},`,
  ];
  return fields.map((f) => '\t' + f).join('\n');
}
