// The storage engines as the contract suite (test/store/storageContract.test.ts) opens them, each over a place of
// its own (temporary files, or a fresh database), opened and reopened as the server opens it, seeded with the
// demo data. A place closes what was opened over it and is removed at the end of its test.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreData } from '../../src/domain/schema.ts';
import type { Storage } from '../../src/storage/engine.ts';
import { openJsonStorage } from '../../src/storage/json/jsonStorage.ts';
import { openPostgresStorage } from '../../src/storage/postgres/postgresStorage.ts';
import { freshDatabase, postgresForTests } from './postgres.ts';

export const DEMO: StoreData = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;

const seed = async () => structuredClone(DEMO);

/** Where one test's data lives: every storage opened over it shares it. */
export interface Place {
  /** Opens the storage (a new place is given the demo data); `maxConversations` is the conversations' cap. */
  open(options?: { maxConversations?: number }): Promise<Storage>;
  /** Closes the storages still open over the place, then removes it. */
  remove(): Promise<void>;
}

export type Engine =
  | { name: string; skip: string }
  | {
    name: string;
    /**
     * How far beyond the cap the conversations may grow while open; exact at open. PostgreSQL trims every 100
     * writes (TRIM_EVERY, src/storage/postgres/postgresDocuments.ts); the JSON files at each write.
     */
    capSlack: number;
    place(label: string): Promise<Place>;
  };

/** The JSON files, and PostgreSQL when the tests have a server (else why not). */
export function storageEngines(): Engine[] {
  const postgres = postgresForTests();
  return [
    { name: 'JSON files', capSlack: 0, place: () => jsonPlace() },
    'url' in postgres
      ? { name: 'PostgreSQL', capSlack: 100, place: (label: string) => postgresPlace(postgres.url, label) }
      : { name: 'PostgreSQL', skip: postgres.skip },
  ];
}

async function jsonPlace(): Promise<Place> {
  const dir = await mkdtemp(join(tmpdir(), 'storage-contract-'));
  const storages = closingAll();
  return {
    open: ({ maxConversations = 1_000 } = {}) => storages.track(openJsonStorage({
      dataFile: join(dir, 'store.json'), conversationsFile: join(dir, 'conversations.json'), reachFile: join(dir, 'reach.json'), maxConversations,
    }, seed)),
    async remove() {
      await storages.closeAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server at `serverUrl`, named after `label`; every storage opened over it shares it. */
export async function postgresPlace(serverUrl: string, label: string): Promise<Place> {
  const database = await freshDatabase(serverUrl, label);
  const storages = closingAll();
  return {
    open: ({ maxConversations = 1_000 } = {}) => storages.track(openPostgresStorage({
      databaseUrl: database.url, poolSize: 4, timeoutMs: 10_000, turnWaitMs: 5_000, maxConversations,
    }, seed)),
    async remove() {
      await storages.closeAll();
      await database.drop();
    },
  };
}

/** The storages opened, each closed once whoever asks first (the test, or the place's removal). */
function closingAll() {
  const open = new Set<Storage>();
  return {
    async track(opening: Promise<Storage>): Promise<Storage> {
      const storage = await opening;
      const close = storage.close.bind(storage);
      let closing: Promise<void> | undefined;
      storage.close = () => (closing ??= close().finally(() => open.delete(storage)));
      open.add(storage);
      return storage;
    },
    closeAll: () => Promise.all([...open].map((storage) => storage.close())),
  };
}
