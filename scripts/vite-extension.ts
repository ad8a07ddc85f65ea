// The extension build, shared by the Chrome build (vite.config.ts → dist/) and the Firefox one
// (vite.firefox.config.ts → dist-firefox/). crxjs reads the manifest; the panel page is not referenced by it
// (DevTools creates it at run time), so it is an extra build input.
import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { reportSizes } from './report-sizes.ts';

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
        // Standalone IIFEs: exact document_start timing, MAIN world support, and no web_accessible_resources
        // that would let pages fingerprint the extension (docs/development.md#build).
        contentScripts: { standaloneFiles: ['src/content/relay.ts', 'src/content/page-hook.ts'] },
      }),
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
