// Builds the Chrome extension into dist/. crxjs reads manifest.json; the panel page is not referenced by the
// manifest (DevTools creates it at run time), so it is an extra build input.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import { reportSizes } from './scripts/report-sizes.ts';

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest,
      // Standalone IIFEs: exact document_start timing, MAIN world support, and no web_accessible_resources
      // that would let pages fingerprint the extension (docs/development.md#build).
      contentScripts: { standaloneFiles: ['src/content/relay.ts', 'src/content/page-hook.ts'] },
    }),
    reportSizes(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    rolldownOptions: { input: { panel: 'panel/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { clientPort: 5173 } },
});
