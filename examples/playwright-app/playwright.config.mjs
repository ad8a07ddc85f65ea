// The sample app's own Playwright suite, as a team would have it, with CORS Lens's fixture (tests/*.spec.mjs import
// `test` from 'cors-lens/playwright'). CORS_LENS_MODE=annotate shows the annotate option.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  globalSetup: './global-setup.mjs',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    corsLensMode: process.env.CORS_LENS_MODE === 'annotate' ? 'annotate' : 'fail',
  },
});
