import { expect, it } from 'vitest';
import { CHROMIUM, chromiumAvailable } from './support/chromium.ts';

// Part of `npm test`: says whether the browser tests (a separate suite, `npm run test:browser`) can run
// on this machine, so a missing Chromium shows up as a skipped test rather than as silence.



if (chromiumAvailable()) {
  it(`browser tests: Chromium found at ${CHROMIUM}; they run with npm run test:browser`, () => {
    expect(chromiumAvailable()).toBe(true);
  });
} else {
  const message =
    `browser tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH to use another). ` +
    'To run them: apt-get install -y chromium && npm run test:browser';
  console.warn(message);
  it.skip(message, () => {});
}
