import { accessSync, constants } from 'node:fs';

/** Debian's Chromium, or the one CHROMIUM_PATH names; playwright-core never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';

export function chromiumAvailable(path = CHROMIUM): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
