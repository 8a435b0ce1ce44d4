// One process per store file: the server, or the operator's practice command, holds `<store>.lock` (its
// pid) while it runs. Two writers would each append to the journal from their own copy in memory.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type StoreHolder = 'server' | 'practice command';

interface LockContent {
  pid: number;
  holder: StoreHolder;
  since: string;
}

export class StoreInUse extends Error {
  constructor(readonly file: string, readonly lock: string, readonly holder: LockContent) {
    const by = holder.holder === 'server' ? `the server (pid ${holder.pid}); stop it first` : `the practice command (pid ${holder.pid}); wait for it to finish`;
    super(`The store ${file} is in use by ${by}, then try again. If that process is not running, remove ${lock}.`);
  }
}

function readLock(lock: string): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockContent>;
    return Number.isInteger(content.pid) ? (content as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 checks a process exists without touching it; EPERM means it exists but is someone else's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Takes the store's lock for this process, until it exits; throws StoreInUse while another live process
 * holds it. A lock left by a process that is gone (killed, or a pid now ours after a container restart)
 * is taken over.
 */
export function holdStore(file: string, holder: StoreHolder): void {
  const lock = `${file}.lock`;
  const mine: LockContent = { pid: process.pid, holder, since: new Date().toISOString() };
  mkdirSync(dirname(lock), { recursive: true });
  // Written whole beside it, then linked into place: the lock never exists half-written, and link
  // fails if it exists, so of two processes starting at once only one gets it.
  const draft = `${lock}.${process.pid}`;
  writeFileSync(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        linkSync(draft, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const current = readLock(lock);
      if (current && current.pid !== process.pid && isAlive(current.pid)) throw new StoreInUse(file, lock, current);
      removeIfThere(lock);
    }
  } finally {
    unlinkSync(draft);
  }
  process.once('exit', () => {
    if (readLock(lock)?.pid === process.pid) removeIfThere(lock);
  });
}
