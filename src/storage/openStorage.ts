// Where the storage engine is chosen and opened: PostgreSQL when DATABASE_URL is set (src/storage/postgres/),
// else the JSON files named by the settings (DATA_FILE, CONVERSATIONS_FILE, REACH_FILE). A missing store, or an
// empty database, starts from the demo data (data/demo.json), or from `seed`.
import { readFile } from 'node:fs/promises';
import type { PracticeStore, Storage } from './engine.ts';
import { openJsonStorage, type JsonFiles } from './json/jsonStorage.ts';
import { JsonPractices } from './json/practiceFile.ts';
import { openPostgresPractices, openPostgresStorage, redacted, type DatabaseSettings } from './postgres/postgresStorage.ts';
import type { StoreData } from '../domain/schema.ts';

export type StorageSettings = JsonFiles & { database?: Omit<DatabaseSettings, 'maxConversations'> };

const DEMO_FILE = new URL('../../data/demo.json', import.meta.url);

export function openStorage(settings: StorageSettings, seed?: StoreData): Promise<Storage> {
  const seeded = async () => (seed ? structuredClone(seed) : (JSON.parse(await readFile(DEMO_FILE, 'utf8')) as StoreData));
  if (settings.database) return openPostgresStorage({ ...settings.database, maxConversations: settings.maxConversations }, seeded);
  return openJsonStorage(settings, seeded);
}

/**
 * For the operator's practice command: the practices alone, except that a missing store is not made from the
 * demo data. It is then empty (`exists` false), first written when a practice is registered. `where` names the
 * store in messages; `close` lets the command end.
 */
export async function openPracticesForSetup(settings: Pick<StorageSettings, 'dataFile' | 'database'>): Promise<{ practices: PracticeStore; exists: boolean; where: string; close(): Promise<void> }> {
  if (settings.database) {
    const { practices, close } = await openPostgresPractices(settings.database);
    return { practices, exists: practices.data.practices.length > 0, where: `PostgreSQL (${redacted(settings.database.databaseUrl)})`, close };
  }
  const practices = await JsonPractices.open(settings.dataFile);
  return { practices, exists: practices.exists, where: settings.dataFile, close: async () => undefined };
}
