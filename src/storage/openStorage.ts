// Where the storage engine is chosen and opened: the JSON files named by the settings (DATA_FILE,
// CONVERSATIONS_FILE, REACH_FILE). A missing store starts from the demo data (data/demo.json), or from `seed`.
import { readFile } from 'node:fs/promises';
import type { PracticeStore, Storage } from './engine.ts';
import { openJsonStorage, type JsonFiles } from './json/jsonStorage.ts';
import { JsonPractices } from './json/practiceFile.ts';
import type { StoreData } from '../domain/schema.ts';

export type StorageSettings = JsonFiles;

const DEMO_FILE = new URL('../../data/demo.json', import.meta.url);

export function openStorage(settings: StorageSettings, seed?: StoreData): Promise<Storage> {
  return openJsonStorage(settings, async () => (seed ? structuredClone(seed) : (JSON.parse(await readFile(DEMO_FILE, 'utf8')) as StoreData)));
}

/**
 * For the operator's practice command: the practices alone, except that a missing store is not made from the
 * demo data. It is then empty (`exists` false), first written when a practice is registered.
 */
export async function openPracticesForSetup(settings: Pick<StorageSettings, 'dataFile'>): Promise<{ practices: PracticeStore; exists: boolean }> {
  const practices = await JsonPractices.open(settings.dataFile);
  return { practices, exists: practices.exists };
}
