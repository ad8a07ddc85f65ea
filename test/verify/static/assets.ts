// The static-asset cells' page and files: a page on the matrix's page origin whose own markup loads a web font
// (@font-face), a <script type="module"> and a crossorigin image from a static file server on another port, and the
// files that server holds. Whether each asset loaded is read in the page itself: the font face's status, a mark the
// module sets when it runs, the image's decoded width.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type AssetKind = 'font' | 'script' | 'image';

export interface Asset {
  kind: AssetKind;
  /** Its path on the static server (the extension is what the fixes' file rules match). */
  path: string;
}

export const ASSETS: readonly Asset[] = [
  { kind: 'font', path: '/fonts/lens.ttf' },
  { kind: 'script', path: '/js/widget.js' },
  // .jpg: the most common photo extension, and one that a regular expression (`jpe?g`) writes differently from a glob.
  { kind: 'image', path: '/img/photo.jpg' },
];

/** A real TrueType font from Debian (fonts-dejavu-core, installed by install.sh): Chromium's font sanitizer
 * rejects anything that is not a font, and a rejected font would look like a load that failed. */
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** A 1×1 JPEG (made by Chromium's canvas, its colour profile removed). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCIA2nH/9k=',
  'base64',
);

/** null when this machine has what the files need, else the gap reason. */
export const missingAssets = (): string | null =>
  existsSync(FONT) ? null : `no ${FONT} (fonts-dejavu-core; run test/verify/install.sh as root)`;

/** Writes the asset files under `root`, as a deploy would. */
export function writeAssets(root: string): void {
  for (const a of ASSETS) mkdirSync(path.join(root, path.dirname(a.path)), { recursive: true });
  copyFileSync(FONT, path.join(root, 'fonts/lens.ttf'));
  writeFileSync(path.join(root, 'js/widget.js'), "document.documentElement.dataset.widget = 'ran';\n");
  writeFileSync(path.join(root, 'img/photo.jpg'), JPEG);
}

/** The page's path on the page server; `?port=` names the static server (digits only, checked by the server). */
export const ASSETS_PAGE = '/assets.html';

/** The page for the static server on 127.0.0.1:`port`, its markup as a site writes it. */
export function assetsPage(port: number): string {
  const base = `http://127.0.0.1:${port}`;
  return `<!doctype html>
<title>cors-lens verify: static assets</title>
<style>
  @font-face { font-family: Lens; src: url("${base}/fonts/lens.ttf"); }
  p { font-family: Lens, monospace; }
</style>
<p>A web font, a module script and an image from a static file server.</p>
<script type="module" src="${base}/js/widget.js"></script>
<img crossorigin="anonymous" src="${base}/img/photo.jpg" alt="photo">
`;
}

/** The static server's port named by a request for the assets page, or null (another page, or not a port). */
export function assetsPort(url: string): number | null {
  const u = new URL(url, 'http://x');
  const port = u.searchParams.get('port') ?? '';
  return u.pathname === ASSETS_PAGE && /^\d{1,5}$/.test(port) ? Number(port) : null;
}

export type Loaded = Record<AssetKind, boolean>;

/** Evaluated in the page after its load event (module scripts and images have settled by then): what loaded. */
export const LOADED = `(async () => {
  await document.fonts.load('16px Lens').catch(() => []);
  const face = [...document.fonts].find((f) => f.family.replace(/"/g, '') === 'Lens');
  if (face && face.status === 'loading') await face.loaded.catch(() => null);
  const img = document.querySelector('img');
  return {
    font: face?.status === 'loaded',
    script: document.documentElement.dataset.widget === 'ran',
    image: img.complete && img.naturalWidth > 0,
  };
})()`;
