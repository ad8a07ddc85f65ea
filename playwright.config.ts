// End-to-end tests: the built extension in Debian Chromium, against fixture servers on loopback.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  retries: 0, // retries hide flakes
  timeout: 90_000,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/global-setup.ts',
});
