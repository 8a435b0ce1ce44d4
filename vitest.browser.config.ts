import { defineConfig } from 'vitest/config';

// The browser tests (npm run test:browser): the real server and the local chat page in Debian's Chromium.
// Kept out of `npm test` (see vitest.config.ts); test/browserAvailability.test.ts says there whether they can run.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    // One server and one browser for the whole suite; the tests in it run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
