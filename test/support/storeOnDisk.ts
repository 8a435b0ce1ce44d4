// What a restart would read from the store's files: the snapshot with its journal of later changes
// replayed (src/storage/json/journaledFile.ts). Tests that check "what is on disk" read it through this.
import { readFile } from 'node:fs/promises';
import { JsonPractices } from '../../src/storage/json/practiceFile.ts';
import type { StoreData } from '../../src/domain/schema.ts';

export async function storeOnDisk(file: string): Promise<StoreData> {
  const data = await JsonPractices.onDisk(file);
  if (!data) throw new Error(`no store at ${file}`);
  return data;
}

/** The store's files as bytes (snapshot, then journal), to check that nothing at all was written. */
export async function storeBytes(file: string): Promise<string> {
  const journal = await readFile(`${file}.journal`, 'utf8').catch(() => '');
  return `${await readFile(file, 'utf8')}\n--- journal ---\n${journal}`;
}
