// The PostgreSQL engine (DATABASE_URL): the practices, the conversations and the references in one database that
// several instances of the assistant share. Opening it migrates the schema (migrations.ts) and seeds an empty
// database with the demo practices, as the JSON store does.
import pg from 'pg';
import type { Storage } from '../engine.ts';
import type { StoreData } from '../../domain/schema.ts';
import { migrate } from './migrations.ts';
import { PostgresDocuments } from './postgresDocuments.ts';
import { PostgresPractices } from './postgresPractices.ts';

export interface DatabaseSettings {
  databaseUrl: string;
  /** Connections for queries, and as many again for holding conversations' turns (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** How long to wait for a connection, and for a statement to finish (DATABASE_TIMEOUT_MS). */
  timeoutMs: number;
  /** How long a turn waits for the same conversation's turn on another instance (DATABASE_TURN_WAIT_MS). */
  turnWaitMs: number;
  maxConversations: number;
}

export async function openPostgresStorage(settings: DatabaseSettings, seed?: () => Promise<StoreData>, log = logToConsole): Promise<Storage> {
  const queries = openPool(settings, {}, log);
  // Turns hold a connection of their own while they run, so they never wait for one their own queries need.
  const turns = openPool(settings, { lock_timeout: settings.turnWaitMs, statement_timeout: settings.turnWaitMs + settings.timeoutMs }, log);
  try {
    await migrate(queries);
    const practices = await PostgresPractices.open(queries, { seed });
    const conversations = await PostgresDocuments.open(queries, 'conversations', { maxItems: settings.maxConversations });
    const references = await PostgresDocuments.open(queries, 'references');
    return {
      practices,
      conversations,
      references,
      exclusive: (key, turn) => oneAtATime(turns, key, turn),
      problem: () => queries.query('SELECT 1').then(() => undefined, (error: Error) => `the database does not answer: ${error.message}`),
      async close() {
        await Promise.all([queries.end(), turns.end()]);
      },
    };
  } catch (error) {
    await Promise.all([queries.end(), turns.end()]).catch(() => undefined);
    throw new Error(`could not open the database at ${redacted(settings.databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
}

/** The practices alone, for the operator's commands (no seeding: an empty database stays empty until one is registered). */
export async function openPostgresPractices(settings: Omit<DatabaseSettings, 'maxConversations'>): Promise<{ practices: PostgresPractices; close(): Promise<void> }> {
  const pool = openPool({ ...settings, maxConversations: 0 }, {}, logToConsole);
  try {
    await migrate(pool);
    return { practices: await PostgresPractices.open(pool), close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`could not open the database at ${redacted(settings.databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
}

function openPool(settings: DatabaseSettings, extra: pg.PoolConfig, log: typeof logToConsole): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.databaseUrl,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.timeoutMs,
    statement_timeout: settings.timeoutMs,
    // A server gone without a word (a cable, a frozen machine) is noticed here rather than never.
    query_timeout: (extra.statement_timeout as number | undefined ?? settings.timeoutMs) + 1_000,
    idleTimeoutMillis: 30_000,
    application_name: 'access-assistant',
    ...extra,
  });
  // An idle connection the server dropped (a restart): the pool replaces it; the next query reconnects.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  return pool;
}

/** Runs `turn` holding the conversation's lock: another instance's turn in it waits for this one. */
async function oneAtATime<T>(pool: pg.Pool, key: string, turn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The connection sits idle while the turn runs. The server closing it then (a restart) is an 'error' event on the
  // client, which the pool stops listening to once it hands the client out: unheard, it would be an uncaught exception.
  let broken: Error | undefined;
  const lost = (error: Error) => (broken ??= error);
  client.on('error', lost);
  const release = () => {
    client.off('error', lost);
    client.release(broken);
  };
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  } catch (error) {
    broken ??= error as Error;
    release();
    throw error;
  }
  try {
    return await turn();
  } finally {
    // A connection that cannot say unlock is closed instead, which releases the lock as well.
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch((error: Error) => (broken ??= error));
    release();
  }
}

/** The URL as it may be shown: without its password. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (not a URL)';
  }
}

function logToConsole(message: string): void {
  console.error(message);
}
