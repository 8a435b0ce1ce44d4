// The PostgreSQL schema, as numbered migrations applied in order at start (src/storage/postgres/postgresStorage.ts).
// A migration, once released, is never edited: a change to the schema is a new one at the end of the list.
import type { Pool } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'practices, their records and changes; documents',
    // `json`, not `jsonb`: a record is read back exactly as written (jsonb would reorder its keys).
    sql: `
      CREATE TABLE practices (
        id text PRIMARY KEY,
        name text NOT NULL,
        tenant_id text NOT NULL,
        -- The number of the last change committed: an instance commits only on the practice as it knows it.
        seq bigint NOT NULL DEFAULT 0,
        position bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE SEQUENCE practice_record_position;
      -- One row per item of a practice's lists (colleagues, companies, customRoles, grants, invitations, audit),
      -- in the list's order (position).
      CREATE TABLE practice_records (
        practice_id text NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        list text NOT NULL,
        id text NOT NULL,
        position bigint NOT NULL DEFAULT nextval('practice_record_position'),
        doc json NOT NULL,
        PRIMARY KEY (practice_id, list, id)
      );
      CREATE INDEX practice_records_in_order ON practice_records (practice_id, list, position);
      -- What each commit did, for the other instances to catch up with; pruned after a day.
      CREATE TABLE practice_changes (
        practice_id text NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        ops json NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, seq)
      );
      CREATE SEQUENCE document_writes;
      -- The conversations and the references to reach colleagues, by collection and key.
      CREATE TABLE documents (
        collection text NOT NULL,
        key text NOT NULL,
        version text NOT NULL,
        doc json NOT NULL,
        -- The order of writes: beyond a collection's cap, the documents written longest ago are forgotten.
        written bigint NOT NULL DEFAULT nextval('document_writes'),
        PRIMARY KEY (collection, key)
      );
      CREATE INDEX documents_by_write ON documents (collection, written);
    `,
  },
];

/** Two instances starting together: one migrates, the other waits for it (a lock of the schema's own). */
const MIGRATION_LOCK = 7_306_190_101;

/**
 * Brings the database's schema up to the last migration, each in a transaction of its own; refuses a database
 * migrated by a newer version of the assistant. Returns the versions applied now.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    if (newest > known) {
      throw new Error(`the database's schema is at version ${newest}, newer than this assistant knows (${known}): run the newer version, or another database`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`could not apply migration ${migration.version} (${migration.name}): ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
