// Unit and component tests. Separate from vite.config.ts so crxjs never runs under vitest (docs/development.md#build).
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'panel/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/support/vitest-setup.ts'],
  },
});
