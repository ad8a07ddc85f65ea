// The extension build, shared by the Chrome build (vite.config.ts → dist/) and the Firefox one
// (vite.firefox.config.ts → dist-firefox/). crxjs reads the manifest; the panel page is not referenced by it
// (DevTools creates it at run time), so it is an extra build input.
import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { reportSizes } from './report-sizes.ts';
import { noWebAccessibleResources } from './no-web-accessible.ts';

export function extensionConfig(opts: {
  browser: 'chrome' | 'firefox';
  manifest: ManifestV3Export;
  outDir: string;
}): UserConfig {
  return {
    plugins: [
      preact(),
      crx({
        manifest: opts.manifest,
        browser: opts.browser,
        // The page scripts are imported with `?script&iife` (background/index.ts): standalone IIFEs, for exact
        // document_start timing and the MAIN world (docs/development.md#build).
      }),
      noWebAccessibleResources(),
      reportSizes(),
    ],
    build: {
      outDir: opts.outDir,
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: { panel: 'panel/index.html' } },
    },
    server: { port: 5173, strictPort: true, hmr: { clientPort: 5173 } },
  };
}
