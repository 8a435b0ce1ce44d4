// The database side of `npm run bench -- --engine=postgres`: a PostgreSQL server to measure on, a practice and
// its stored conversations copied into a fresh database before the assistant starts (the import, timed apart
// from the start-up), and the check, afterwards, that every flow's change is stored exactly once.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StoreData } from '../../src/domain/schema.ts';
import { migrate } from '../../src/storage/postgres/migrations.ts';
import { insertPractices } from '../../src/storage/postgres/postgresPractices.ts';
import { freshDatabase, startCluster } from '../support/postgres.ts';
import type { AddUserPlan } from './loadDriver.ts';

/** Stored conversations written at a time. */
const PAGE = 5_000;
/** PostgreSQL's defaults, not the test clusters' speed settings: commits are on disk, as the JSON store's journal is. */
const DURABLE = { fsync: 'on', full_page_writes: 'on' };

export interface DatabaseServer {
  /** Where the databases are: a throw-away cluster, or BENCH_DATABASE_URL's server. */
  where: string;
  /** The server's fsync setting, printed beside the figures: without it a commit costs no disk flush. */
  fsync: string;
  fresh(label: string): Promise<{ url: string }>;
  /** Drops the databases made, and stops and removes the cluster if it is the benchmark's own. */
  close(): Promise<void>;
}

/** BENCH_DATABASE_URL's server (the test suite's), or a cluster of the machine's PostgreSQL of the benchmark's own. */
export async function databaseServer(given = process.env.BENCH_DATABASE_URL?.trim()): Promise<DatabaseServer> {
  const cluster = given ? undefined : await startCluster({ settings: DURABLE });
  const base = given ?? cluster!.url;
  const made: Array<{ drop(): Promise<void> }> = [];
  try {
    const fsync = await onDatabase(base, async (client) => (await client.query<{ fsync: string }>('SHOW fsync')).rows[0].fsync);
    return {
      where: cluster ? `a throw-away cluster on 127.0.0.1:${cluster.port}` : 'BENCH_DATABASE_URL',
      fsync,
      async fresh(label) {
        const database = await freshDatabase(base, label);
        made.push(database);
        return database;
      },
      async close() {
        try {
          if (!cluster) for (const database of made) await database.drop();
        } finally {
          await cluster?.destroy();
        }
      },
    };
  } catch (error) {
    await cluster?.destroy();
    throw error;
  }
}

export interface ImportFigures {
  /** The practices, migrated and inserted as db:import does (insertPractices, one transaction). */
  practiceMs: number;
  /** The stored conversations into `documents`. */
  conversationsMs: number;
  conversations: number;
  databaseMb: number;
}

/** Copies the store's practices and the stored conversations (key → record) into the empty database at `url`. */
export async function importPractice(url: string, data: StoreData, conversations: Record<string, unknown>): Promise<ImportFigures> {
  return onDatabase(url, async (client, pool) => {
    let started = performance.now();
    await migrate(pool);
    await insertPractices(pool, data.practices);
    const practiceMs = performance.now() - started;
    started = performance.now();
    const entries = Object.entries(conversations);
    for (let from = 0; from < entries.length; from += PAGE) {
      const page = entries.slice(from, from + PAGE);
      await client.query(
        `INSERT INTO documents (collection, key, version, doc)
         SELECT 'conversations', u.key, u.version, u.doc::json FROM unnest($1::text[], $2::text[], $3::text[]) AS u (key, version, doc)`,
        [page.map(([key]) => key), page.map(() => randomUUID()), page.map(([, record]) => JSON.stringify(record))],
      );
    }
    const conversationsMs = performance.now() - started;
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return { practiceMs, conversationsMs, conversations: entries.length, databaseMb: Math.round(Number(rows[0].bytes) / 1024 / 102.4) / 10 };
  });
}

export interface StoredOnce {
  /** Flows that added an AutoEntry role (the assistant said done), whose pairs were asked after. */
  confirmed: number;
  /** Of them, those with exactly one AutoEntry grant, of the planned role, and exactly one audit entry "grant-added, done". */
  exactlyOnce: number;
  /** "grant-added, done" AutoEntry audit entries in all (the generated practice has none): as many as confirmed flows. */
  auditedInAll: number;
  /** Pairs not stored exactly once, with what the database holds for them; and audit entries beyond the confirmed flows'. */
  problems: string[];
}

const AUTOENTRY_ADDED = `list = 'audit' AND doc->>'action' = 'grant-added' AND doc->>'outcome' = 'done' AND doc->>'product' = 'autoentry'`;

/** Per planned pair ($2–$4): its AutoEntry grants (with their roles) and "grant-added, done" audit entries, one scan of each list. */
const PER_PAIR = `
  WITH planned AS (
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS p (company, colleague, role)
  ), granted AS (
    SELECT doc->>'companyId' AS company, doc->>'colleagueId' AS colleague, count(*)::int AS n, array_agg(doc->>'roleId') AS roles
    FROM practice_records WHERE practice_id = $1 AND list = 'grants' AND doc->>'product' = 'autoentry' GROUP BY 1, 2
  ), audited AS (
    SELECT doc->>'companyId' AS company, doc->>'colleagueId' AS colleague, count(*)::int AS n
    FROM practice_records WHERE practice_id = $1 AND ${AUTOENTRY_ADDED} GROUP BY 1, 2
  )
  SELECT p.company, p.colleague, p.role, coalesce(g.n, 0) AS grants, g.roles, coalesce(a.n, 0) AS audited
  FROM planned p
  LEFT JOIN granted g ON g.company = p.company AND g.colleague = p.colleague
  LEFT JOIN audited a ON a.company = p.company AND a.colleague = p.colleague`;

interface PairStored {
  company: string;
  colleague: string;
  role: string;
  grants: number;
  roles: string[] | null;
  audited: number;
}

/** What the database holds for each confirmed flow's company–colleague pair, and the audit entries of added AutoEntry roles in all. */
export async function storedOnce(url: string, practiceId: string, plans: AddUserPlan[]): Promise<StoredOnce> {
  const { rows, auditedInAll } = await onDatabase(url, async (client) => {
    const pairs = [plans.map((p) => p.companyId), plans.map((p) => p.colleagueId), plans.map((p) => p.roleId)];
    const perPair = await client.query<PairStored>(PER_PAIR, [practiceId, ...pairs]);
    const all = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM practice_records WHERE practice_id = $1 AND ${AUTOENTRY_ADDED}`, [practiceId]);
    return { rows: perPair.rows, auditedInAll: all.rows[0].n };
  });
  const problems = rows
    .filter((row) => !(row.grants === 1 && row.roles?.[0] === row.role && row.audited === 1))
    .map((row) => `${row.company} / ${row.colleague}: ${row.grants} grant(s)${row.roles ? ` (${row.roles.join(', ')}; planned ${row.role})` : ''}, ${row.audited} audit entr${row.audited === 1 ? 'y' : 'ies'}`);
  const exactlyOnce = rows.length - problems.length;
  if (auditedInAll !== plans.length) problems.push(`${auditedInAll} AutoEntry grant-added audit entries in all, for ${plans.length} confirmed flows`);
  return { confirmed: plans.length, exactlyOnce, auditedInAll, problems };
}

async function onDatabase<T>(url: string, work: (client: pg.PoolClient, pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const client = await pool.connect();
    try {
      return await work(client, pool);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
