import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/browser/**'],
    setupFiles: ['test/support/fastCheckSeed.ts'],
    // One PostgreSQL for the run (a throw-away cluster, or TEST_DATABASE_URL), or why the suites skip.
    globalSetup: ['test/support/postgresSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
