// Builds the npm package's JavaScript into lib/: the CLI (src/cli/main.ts, with every command it imports) and the
// library entry (src/index.ts), and the Playwright fixture (src/playwright/index.ts: `cors-lens/playwright`, whose
// @playwright/test is the user's own). Node only: built-ins and playwright-core stay imports, everything else is bundled,
// so the installed package needs no TypeScript, tsx or devDependency at run time. Types come from tsc
// (scripts/build-cli.ts).
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'lib',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: { cli: 'src/cli/main.ts', index: 'src/index.ts', playwright: 'src/playwright/index.ts' },
      external: ['playwright-core', '@playwright/test', /^node:/, ...builtinModules],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
