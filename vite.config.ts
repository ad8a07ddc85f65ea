// Builds the Chrome extension into dist/ (the Firefox build: vite.firefox.config.ts).
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { extensionConfig } from './scripts/vite-extension.ts';

export default defineConfig(extensionConfig({ browser: 'chrome', manifest, outDir: 'dist' }));
