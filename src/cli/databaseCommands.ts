// The copies between a JSON store and PostgreSQL, for the operator's commands (src/cli/database.ts) and the tests.
import type pg from 'pg';
import type { StoreData } from '../domain/schema.ts';
import { validateStore } from '../domain/validateStore.ts';
import { JsonPractices } from '../storage/json/practiceFile.ts';
import { writeWhole } from '../storage/json/journalWriter.ts';
import { migrate } from '../storage/postgres/migrations.ts';
import { insertPractices, loadPractice } from '../storage/postgres/postgresPractices.ts';

/** A copy refused, with why; nothing was changed. */
export class Refused extends Error {}

/** Copies the practices of the JSON store `file` into the database, all or none; refuses a practice already there. */
export async function importStore(pool: pg.Pool, file: string): Promise<string[]> {
  const data = await JsonPractices.onDisk(file).catch((error: Error) => {
    throw new Refused(`could not read ${file}: ${error.message}`);
  });
  if (!data) throw new Refused(`there is no store at ${file}`);
  const problems = validateStore(data);
  if (problems.length > 0) throw new Refused(`${file} fails the store's checks, nothing was copied: ${problems.slice(0, 5).join('; ')}`);
  await migrate(pool);
  const ids = data.practices.map((practice) => practice.id);
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM practices WHERE id = ANY($1::text[]) OR tenant_id = ANY($2::text[])',
    [ids, data.practices.map((practice) => practice.tenantId)]);
  if (rows.length > 0) throw new Refused(`the database already holds practice ${rows.map((row) => row.id).join(', ')} (or its tenant): nothing was copied`);
  await insertPractices(pool, data.practices);
  return ids;
}

/** Writes every practice of the database to `file` as a JSON store (compact, as the server writes it). */
export async function exportStore(pool: pg.Pool, file: string): Promise<number> {
  await migrate(pool);
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM practices ORDER BY position');
  if (rows.length === 0) throw new Refused('the database holds no practice: nothing to write');
  const practices = [];
  for (const { id } of rows) practices.push((await loadPractice(pool, id)).practice);
  const data: StoreData = { schemaVersion: 1, practices };
  await writeWhole(file, storePieces(data));
  return practices.length;
}

/** The store's JSON a practice at a time, as JSON.stringify(data) would write it whole. */
function* storePieces(data: StoreData): Generator<string> {
  yield `{"schemaVersion":${data.schemaVersion},"practices":[`;
  for (const [n, practice] of data.practices.entries()) yield `${n > 0 ? ',' : ''}${JSON.stringify(practice)}`;
  yield ']}';
}
