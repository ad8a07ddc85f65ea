// Builds the Chrome extension into dist/ (the Firefox build: vite.firefox.config.ts).
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { extensionConfig } from './scripts/vite-extension.ts';

// package.json holds the one version: the CLI's --version, the reports' generator and the extension's.
export default defineConfig(
  extensionConfig({ browser: 'chrome', manifest: { ...manifest, version: pkg.version }, outDir: 'dist' }),
);
