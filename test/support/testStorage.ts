// The storage engine a test's assistant runs on: the JSON files, or PostgreSQL when the run says so
// (TEST_ENGINE=postgres: vitest.config.ts's `postgres` project runs the conversation suites again on it).
// On PostgreSQL each assistant has a schema of its own in one database per test file, dropped at its end.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, afterEach, expect } from 'vitest';
import type { StoreData } from '../../src/domain/schema.ts';
import type { DocumentCollection, PracticeStore, Storage } from '../../src/storage/engine.ts';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';
import { loadPractice } from '../../src/storage/postgres/postgresPractices.ts';
import { openPostgresStorage } from '../../src/storage/postgres/postgresStorage.ts';
import { tempFile } from '../store/helpers.ts';
import { openStore } from './openStore.ts';
import { freshDatabase, postgresForTests } from './postgres.ts';
import { storeOnDisk } from './storeOnDisk.ts';

export const TEST_ENGINE: 'json' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'json';

const DEMO = new URL('../../data/demo.json', import.meta.url);

export interface TestStorage {
  practices: PracticeStore;
  conversations: DocumentCollection;
  exclusive?: Storage['exclusive'];
  /** What a restart would read. */
  storeOnDisk(): Promise<StoreData>;
  conversationsOnDisk(): Promise<Record<string, Record<string, unknown>>>;
  /** The JSON engine's files (undefined on PostgreSQL). */
  storeFile?: string;
  conversationsFile?: string;
}

export async function openTestStorage(seed?: StoreData): Promise<TestStorage> {
  if (TEST_ENGINE === 'postgres') return openPostgresTestStorage(seed);
  const storeFile = await tempFile('store.json');
  const conversationsFile = await tempFile('conversations.json');
  const practices = await openStore(storeFile, seed);
  const conversations = await JsonDocuments.open(conversationsFile, { name: 'conversations' });
  return {
    practices,
    conversations,
    storeFile,
    conversationsFile,
    storeOnDisk: () => storeOnDisk(storeFile),
    conversationsOnDisk: async () => (await JsonDocuments.onDisk(conversationsFile)) as Record<string, Record<string, unknown>>,
  };
}

let database: Promise<{ url: string; drop(): Promise<void> }> | undefined;
/** Closed after the test that opened them (or after the file, for those opened outside a test). */
const openInTest: Array<() => Promise<void>> = [];
const openInFile: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(openInTest.splice(0).map((close) => close()));
});
afterAll(async () => {
  await Promise.all(openInFile.splice(0).map((close) => close()));
  const opened = database;
  database = undefined;
  if (opened) await (await opened).drop();
});

async function openPostgresTestStorage(seed?: StoreData): Promise<TestStorage> {
  const postgres = postgresForTests();
  if ('skip' in postgres) throw new Error(postgres.skip);
  database ??= freshDatabase(postgres.url, 'conversations');
  const { url } = await database;
  const schema = `a_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const inSchema = new URL(url);
  inSchema.searchParams.set('options', `-c search_path=${schema}`);
  const settings = { databaseUrl: inSchema.toString(), poolSize: 3, timeoutMs: 10_000, turnWaitMs: 10_000, maxConversations: 20_000 };
  const storage = await openPostgresStorage(settings, async () => structuredClone(seed ?? (JSON.parse(await readFile(DEMO, 'utf8')) as StoreData)));
  const reader = new pg.Pool({ connectionString: settings.databaseUrl, max: 1 });
  const close = async () => {
    await Promise.all([storage.close(), reader.end()]);
  };
  (expect.getState().currentTestName ? openInTest : openInFile).push(close);
  return {
    practices: storage.practices,
    conversations: storage.conversations,
    exclusive: storage.exclusive,
    async storeOnDisk() {
      const { rows } = await reader.query<{ id: string }>('SELECT id FROM practices ORDER BY position');
      const practices = [];
      for (const { id } of rows) practices.push((await loadPractice(reader, id)).practice);
      return { schemaVersion: 1, practices };
    },
    async conversationsOnDisk() {
      const { rows } = await reader.query<{ key: string; doc: Record<string, unknown>; version: string }>(
        "SELECT key, doc, version FROM documents WHERE collection = 'conversations' ORDER BY written");
      return Object.fromEntries(rows.map(({ key, doc, version }) => [key, { ...doc, eTag: version }]));
    },
  };
}
