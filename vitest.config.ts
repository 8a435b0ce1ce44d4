import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/browser/**'],
    setupFiles: ['test/support/fastCheckSeed.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
