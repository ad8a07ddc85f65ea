// What the fixes say when the failing request is a static asset (a font, a script, a stylesheet, an image, media):
// the file extensions a static-file rule matches, and the page-side mistakes that no server rule fixes or that the
// page fixes more simply (docs/backends.md#static-assets).
import type { ResourceKind } from '../engine/types.ts';
import { isStaticAsset } from '../shared/resource-kinds.ts';
import type { Plan } from './common.ts';

/** File extensions per kind: plain names only (constants: no page byte ever reaches a pattern), so that the
 * regular expression (nginx, Apache) and the globs (Caddy) are written from one list and match the same files: a
 * regex shorthand such as `jpe?g` has no glob, and Caddy's fix left .jpg out (docs/backends.md#static-assets). */
const EXTENSIONS: Partial<Record<ResourceKind, readonly string[]>> = {
  font: ['woff2', 'woff', 'ttf', 'otf', 'eot'],
  script: ['js', 'mjs'],
  stylesheet: ['css'],
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg'],
  audio: ['mp3', 'ogg', 'oga', 'wav', 'm4a', 'flac'],
  video: ['mp4', 'webm', 'ogv', 'm3u8'],
  track: ['vtt'],
};

/** The static kind of this plan's request, or null for an API call (fetch, XHR, EventSource, unknown). */
export const assetKind = (p: Plan): ResourceKind | null => (isStaticAsset(p.kind) ? p.kind : null);

/** The kind's extensions, in order (empty for a kind without files of its own). */
export const extensionsOf = (kind: ResourceKind): readonly string[] => EXTENSIONS[kind] ?? [];

/** A case-insensitive-ready `\.(?:woff2|woff|…)$` for the kind's files, or null when the kind has no extensions. */
export function extensionPattern(kind: ResourceKind): string | null {
  const exts = extensionsOf(kind);
  return exts.length > 0 ? `\\.(?:${exts.join('|')})$` : null;
}

/** Glob patterns (`*.woff2`) for servers that match paths by glob, e.g. Caddy's `path` matcher. */
export const extensionGlobs = (kind: ResourceKind): string[] => extensionsOf(kind).map((e) => `*.${e}`);

/** The page-side cause, said plainly, when it is the cause: `crossorigin="use-credentials"` against `*`. */
export function pageSidePitfall(p: Plan): string | null {
  const kind = assetKind(p);
  if (kind === null || !p.credentials || p.pitfall !== 'wildcard-credentials') return null;
  return `The ${kind} is loaded with crossorigin="use-credentials", and the server answers Access-Control-Allow-Origin: *, which the browser refuses with credentials. A public ${kind} needs no cookies: change the page to crossorigin="anonymous" (then * works). Only if the ${kind} really needs cookies, the server must name the exact origin and send Access-Control-Allow-Credentials: true, as below.`;
}

/** Notes on the page's side that apply to every server fix of this kind. */
export function pageSideNotes(p: Plan): string[] {
  const kind = assetKind(p);
  const notes: string[] = [];
  if (kind === 'font')
    notes.push(
      'Fonts are always fetched in CORS mode. If the page preloads this font, the <link rel="preload" as="font"> needs the crossorigin attribute: without it the preload is a different (no-cors) request that the font load cannot use, so the font is downloaded twice and Chrome warns that the preload was not used.',
    );
  if (kind !== null)
    notes.push(
      `A cache or CDN in front must vary on Origin (Vary: Origin, and Origin in the cache key): otherwise this ${kind}, cached without CORS headers (for another origin, or for a no-cors request), is served to this page.`,
    );
  return notes;
}

/** Why a module script from a page with origin `null` gets no server fix. */
export const NULL_ORIGIN_SCRIPT =
  'The page\'s origin is "null", and module scripts (type="module", import(), workers) are always fetched in CORS mode: this is what happens when the page is opened from a file:// URL (or runs in a sandboxed iframe). No server fix can solve it, and allowing the origin null would trust every such page. Serve the page over http instead, e.g. `python3 -m http.server` in its folder, then open http://localhost:8000/.';
