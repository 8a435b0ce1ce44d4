// The PostgreSQL engine (DATABASE_URL): the practices, the conversations and the references in one database that
// several instances of the assistant share. Opening it migrates the schema (migrations.ts) and seeds an empty
// database with the demo practices, as the JSON store does.
import pg from 'pg';
import type { Storage } from '../engine.ts';
import type { StoreData } from '../../domain/schema.ts';
import { ConversationLocks } from './conversationLocks.ts';
import { migrate } from './migrations.ts';
import { PostgresDocuments } from './postgresDocuments.ts';
import { PostgresPractices } from './postgresPractices.ts';

export interface DatabaseSettings {
  databaseUrl: string;
  /** Connections for queries (DATABASE_POOL_SIZE); one more holds the conversations' locks. */
  poolSize: number;
  /** How long to wait for a connection, and for a statement to finish (DATABASE_TIMEOUT_MS). */
  timeoutMs: number;
  /** How long a turn waits for the same conversation's turn on another instance (DATABASE_TURN_WAIT_MS). */
  turnWaitMs: number;
  maxConversations: number;
}

export async function openPostgresStorage(settings: DatabaseSettings, seed?: () => Promise<StoreData>, log = logToConsole): Promise<Storage> {
  const queries = openPool(settings, {}, log);
  const documents = openPool(settings, {}, log);
  // Where each person is in their flow (and how to reach them) is not a change to anyone's access: its writes do not
  // wait for the database's own flush to disk (one fewer flush per turn). A crash of the database server, not of an
  // instance, may lose the last moments of them (a person is shown the step before); never a committed change.
  documents.on('connect', (client) => {
    client.query('SET synchronous_commit TO off').catch(() => undefined);
  });
  const locks = new ConversationLocks(connectionOf(settings), settings.turnWaitMs, log);
  try {
    await migrate(queries);
    const practices = await PostgresPractices.open(queries, { seed });
    const conversations = await PostgresDocuments.open(documents, 'conversations', { maxItems: settings.maxConversations });
    const references = await PostgresDocuments.open(documents, 'references');
    return {
      practices,
      conversations,
      references,
      exclusive: (key, turn) => locks.oneAtATime(key, turn),
      problem: () => queries.query('SELECT 1').then(() => undefined, (error: Error) => `the database does not answer: ${error.message}`),
      async close() {
        await Promise.all([queries.end(), documents.end(), locks.close()]);
      },
    };
  } catch (error) {
    await Promise.all([queries.end(), documents.end(), locks.close()]).catch(() => undefined);
    throw new Error(`could not open the database at ${redacted(settings.databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
}

/** The practices alone, for the operator's commands (no seeding: an empty database stays empty until one is registered). */
export async function openPostgresPractices(settings: Omit<DatabaseSettings, 'maxConversations'>): Promise<{ practices: PostgresPractices; close(): Promise<void> }> {
  const pool = openPool(settings, {}, logToConsole);
  try {
    await migrate(pool);
    return { practices: await PostgresPractices.open(pool), close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`could not open the database at ${redacted(settings.databaseUrl)}: ${(error as Error).message}`, { cause: error });
  }
}

/** How every connection is made: the URL, its timeouts, a name the database's operator sees. */
function connectionOf(settings: Omit<DatabaseSettings, 'maxConversations'>): pg.ClientConfig {
  return {
    connectionString: settings.databaseUrl,
    connectionTimeoutMillis: settings.timeoutMs,
    statement_timeout: settings.timeoutMs,
    // A server gone without a word (a cable, a frozen machine) is noticed here rather than never.
    query_timeout: settings.timeoutMs + 1_000,
    application_name: 'access-assistant',
  };
}

function openPool(settings: Omit<DatabaseSettings, 'maxConversations'>, extra: pg.PoolConfig, log: typeof logToConsole): pg.Pool {
  const pool = new pg.Pool({ ...connectionOf(settings), max: settings.poolSize, idleTimeoutMillis: 30_000, ...extra });
  // An idle connection the server dropped (a restart): the pool replaces it; the next query reconnects.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  return pool;
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
