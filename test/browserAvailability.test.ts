import { accessSync, constants } from 'node:fs';
import { expect, it } from 'vitest';

// Part of `npm test`: says whether the browser tests (a separate suite, `npm run test:browser`) can run
// on this machine, so a missing Chromium shows up as a skipped test rather than as silence.

const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';

function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (runnable(CHROMIUM)) {
  it(`browser tests: Chromium found at ${CHROMIUM}; they run with npm run test:browser`, () => {
    expect(runnable(CHROMIUM)).toBe(true);
  });
} else {
  const message =
    `browser tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH to use another). ` +
    'To run them: apt-get install -y chromium && npm run test:browser';
  console.warn(message);
  it.skip(message, () => {});
}
