// Builds the Firefox add-on into dist-firefox/ (`npm run build:firefox`): the same sources and panel as the Chrome
// build, from manifest.firefox.ts (manifest.json with Firefox's keys). toolchain notes: docs/firefox.md.
import { defineConfig } from 'vite';
import { extensionConfig } from './scripts/vite-extension.ts';
import { firefoxManifest } from './manifest.firefox.ts';

export default defineConfig(
  extensionConfig({ browser: 'firefox', manifest: firefoxManifest, outDir: 'dist-firefox' }),
);
