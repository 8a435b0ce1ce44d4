// Opens the store file once at start: creates it from the demo data when missing, refuses a corrupt one.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { validateStore, type StoreData } from './schema.ts';

const DEMO_FILE = new URL('../../data/demo.json', import.meta.url);

async function demoData(): Promise<StoreData> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as StoreData;
}

async function readExisting(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Store file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function problemsMessage(file: string, problems: string[]): string {
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return `Store file ${file} has the wrong shape: ${shown}${more}`;
}

/**
 * The store, read into memory. A missing file is created from `seed` (default: data/demo.json).
 * An unreadable or malformed file throws, naming the file, and is never overwritten.
 */
export async function openStore(file: string, seed?: StoreData): Promise<Low<StoreData>> {
  // Compact JSON: the file is for the program; data/demo.json is the readable copy.
  const adapter = new DataFile<StoreData>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) });
  const text = await readExisting(file);
  if (text === undefined) {
    const data = structuredClone(seed ?? (await demoData()));
    const problems = validateStore(data);
    if (problems.length > 0) throw new Error(problemsMessage(seed ? 'seed' : DEMO_FILE.pathname, problems));
    await mkdir(dirname(file), { recursive: true });
    const db = new Low<StoreData>(adapter, data);
    await db.write();
    return db;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Store file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const problems = validateStore(data);
  if (problems.length > 0) throw new Error(problemsMessage(file, problems));
  return new Low<StoreData>(adapter, data as StoreData);
}
