// The operator's copies between the JSON store and PostgreSQL (DATABASE_URL):
//   npm run db:import -- <store file>   the practices of a JSON store (its journal replayed) into the database
//   npm run db:export -- <store file>   the database's practices into a JSON store file, in the same format
// A composition root of its own: settings → database (migrated) → the copy.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { exportStore, importStore, Refused } from './databaseCommands.ts';
import { redacted } from '../storage/postgres/postgresStorage.ts';

const USAGE = `Usage (DATABASE_URL set, as for npm start):
  npm run db:import -- <store file>            copies a JSON store's practices into the database
  npm run db:export -- <store file> [--force]  writes the database's practices to a JSON store file`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { force: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true });
  const [command, file, ...extra] = positionals;
  if (values.help || !['import', 'export'].includes(command) || !file || extra.length > 0) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const { database } = loadConfig(process.env);
  if (!database) throw new Refused('DATABASE_URL is not set: set it to the database to copy to or from');
  const target = resolve(file);
  if (command === 'export' && existsSync(target) && !values.force) throw new Refused(`${target} exists: add --force to write over it`);
  const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2, connectionTimeoutMillis: database.timeoutMs });
  try {
    if (command === 'import') {
      const ids = await importStore(pool, target);
      console.log(`Copied ${ids.length} practice(s) (${ids.join(', ')}) from ${target} into ${redacted(database.databaseUrl)}.`);
    } else {
      const count = await exportStore(pool, target);
      console.log(`Wrote ${count} practice(s) from ${redacted(database.databaseUrl)} to ${target}.`);
    }
  } finally {
    await pool.end();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`db:${process.argv[2] ?? ''}: ${(error as Error).message}`);
  process.exitCode = 1;
}
