import { defineConfig } from 'vitest/config';

/** The suites that run a second time on PostgreSQL (TEST_ENGINE=postgres): every conversation, through the same door. */
const ON_BOTH_ENGINES = ['test/conversation/**/*.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/support/fastCheckSeed.ts'],
    // One PostgreSQL for the run (a throw-away cluster, or TEST_DATABASE_URL), or why the suites skip.
    globalSetup: ['test/support/postgresSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'json', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/browser/**'] },
      },
      {
        extends: true,
        test: { name: 'postgres', include: ON_BOTH_ENGINES, env: { TEST_ENGINE: 'postgres' } },
      },
    ],
  },
});
