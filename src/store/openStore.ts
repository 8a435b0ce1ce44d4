// Opens the store once at start: creates it from the demo data when missing, refuses a corrupt one, and
// folds into the snapshot any changes the journal holds from a run that did not stop cleanly.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JournaledFile } from './journaledFile.ts';
import type { StoreData } from './schema.ts';
import { validateStore } from './validateStore.ts';
import { shareRepeatedStrings } from './sharedStrings.ts';

const DEMO_FILE = new URL('../../data/demo.json', import.meta.url);

async function demoData(): Promise<StoreData> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as StoreData;
}

function problemsMessage(file: string, problems: string[], wayForward = ''): string {
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return `Store file ${file} has the wrong shape: ${shown}${more}${wayForward}`;
}

/**
 * The store, read into memory: the snapshot `file` with its journal `file.journal` replayed. A missing
 * file is created from `seed` (default: data/demo.json). An unreadable or malformed file or journal
 * throws, naming it, and neither is changed.
 */
export async function openStore(file: string, seed?: StoreData): Promise<Low<StoreData>> {
  const adapter = new JournaledFile(file);
  const stored = await adapter.load();
  if (stored === undefined) {
    const data = structuredClone(seed ?? (await demoData()));
    const problems = validateStore(data);
    if (problems.length > 0) throw new Error(problemsMessage(seed ? 'seed' : DEMO_FILE.pathname, problems));
    await mkdir(dirname(file), { recursive: true });
    const db = new Low<StoreData>(adapter, data);
    await db.write();
    return db;
  }
  return trusted(file, adapter, stored.data);
}

/**
 * For the operator's practice command: the store as openStore reads it, except that a missing file is
 * not made from the demo data. It is then an empty store (`exists` false), first written when a practice
 * is registered.
 */
export async function openStoreForSetup(file: string): Promise<{ db: Low<StoreData>; exists: boolean }> {
  const adapter = new JournaledFile(file);
  const stored = await adapter.load();
  if (stored === undefined) {
    await mkdir(dirname(file), { recursive: true });
    return { db: new Low<StoreData>(adapter, { schemaVersion: 1, practices: [] }), exists: false };
  }
  return { db: await trusted(file, adapter, stored.data), exists: true };
}

/** The data read, once checked; with the journal's changes folded into the snapshot. */
async function trusted(file: string, adapter: JournaledFile, data: unknown): Promise<Low<StoreData>> {
  const problems = validateStore(data);
  const replayed = adapter.replayed > 0 ? ` (with the ${adapter.replayed} change(s) of ${adapter.journalFile} replayed)` : '';
  const wayForward = `. The files were left as they are: restore ${file} from a backup, or remove it and ${adapter.journalFile} to start again from the demo data`;
  if (problems.length > 0) throw new Error(problemsMessage(`${file}${replayed}`, problems, wayForward));
  shareRepeatedStrings(data as StoreData);
  const db = new Low<StoreData>(adapter, data as StoreData);
  // Compaction: the journal's changes go into the snapshot, so the next start has nothing to replay.
  if (adapter.replayed > 0) await db.write();
  return db;
}
