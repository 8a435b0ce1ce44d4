// The stores over temporary JSON files, opened as the server opens them (src/storage/openStorage.ts): the
// practices (a missing file made from the demo data, or from `seed`) and a collection of documents.
import { readFile } from 'node:fs/promises';
import { conversationRecords } from '../../src/conversation/conversationRecords.ts';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';
import { JsonPractices } from '../../src/storage/json/practiceFile.ts';
import type { StoreData } from '../../src/domain/schema.ts';

const DEMO = new URL('../../data/demo.json', import.meta.url);

export function openStore(file: string, seed?: StoreData): Promise<JsonPractices> {
  return JsonPractices.open(file, { seed: async () => structuredClone(seed ?? (JSON.parse(await readFile(DEMO, 'utf8')) as StoreData)) });
}

/** The conversations as the turn reads and writes them, in a file of their own. */
export async function openConversations(file: string, maxItems?: number) {
  return conversationRecords(await JsonDocuments.open(file, { name: 'conversations', maxItems }));
}

/** Makes the store's next journal write fail with `error`, as a full disk would; the write after it goes through. */
export function failNextWrite(store: JsonPractices, error = new Error('ENOSPC: no space left on device')): void {
  const journaled = store.journaled;
  const appendBatch = journaled.appendBatch.bind(journaled);
  journaled.appendBatch = async () => {
    journaled.appendBatch = appendBatch;
    throw error;
  };
}
