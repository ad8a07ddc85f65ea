// Unit and component tests. Separate from vite.config.ts so crxjs never runs under vitest (docs/development.md#build).
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'panel/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/support/vitest-setup.ts'],
    // A hang guard, not a speed check: the fuzz slice, the audit against real servers and the parse checks take
    // several seconds on 2 busy cores, past vitest's 5 s default (speed goals live in `npm run bench*`).
    testTimeout: 30_000,
  },
});
