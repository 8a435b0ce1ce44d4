// `npm run db:import` and `npm run db:export` as the operator runs them, on a real PostgreSQL: a JSON store
// copied into the database and written out again is the same store, and the refusals change nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePractice } from '../bench/generatePractice.ts';
import { freshDatabase, postgresForTests } from '../support/postgres.ts';
import { runDatabaseCommand } from '../support/practiceCommand.ts';

const postgres = postgresForTests();
const DEMO = new URL('../../data/demo.json', import.meta.url);

describe.skipIf('skip' in postgres)(`npm run db:import / db:export${'skip' in postgres ? ` (${postgres.skip})` : ''}`, () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  const env = () => ({ DATABASE_URL: database.url });
  const count = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql)).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'access-db-command-'));
    database = await freshDatabase((postgres as { url: string }).url, 'db_command');
  });
  afterEach(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('copies a store in and writes the same store out, byte for byte; its journal is replayed first', async () => {
    const data = generatePractice({ companies: 300, colleagues: 40, grants: 2_000, admins: 3 }, 7);
    const compact = JSON.stringify(data);
    const store = join(dir, 'store.json');
    // A change still in the journal (a server stopped hard) is part of the store.
    const practice = data.practices[0];
    const moved = { ...practice.companies[0], name: 'Renamed in the journal' };
    await writeFile(store, JSON.stringify({ ...data, practices: [{ ...practice, companies: practice.companies }] }));
    await writeFile(`${store}.journal`, `${JSON.stringify({ practiceId: practice.id, ops: [{ op: 'put', list: 'companies', item: moved }] })}\n`);

    const copied = await runDatabaseCommand(['import', store], env());
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(`Copied 1 practice(s) (${practice.id})`);
    expect(await count("SELECT count(*) AS n FROM practice_records WHERE list = 'grants'")).toBe(practice.grants.length);

    const out = join(dir, 'out.json');
    const written = await runDatabaseCommand(['export', out], env());
    expect(written.code).toBe(0);
    const expected = JSON.parse(compact);
    expected.practices[0].companies[0] = moved;
    expect(await readFile(out, 'utf8')).toBe(JSON.stringify(expected));
  });

  it('refuses a practice the database already holds, and a file that fails the checks, changing nothing', async () => {
    const demo = join(dir, 'demo.json');
    await writeFile(demo, await readFile(DEMO, 'utf8'));
    expect((await runDatabaseCommand(['import', demo], env())).code).toBe(0);
    const grants = await count("SELECT count(*) AS n FROM practice_records WHERE list = 'grants'");

    const again = await runDatabaseCommand(['import', demo], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds practice demo, north');

    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ schemaVersion: 1, practices: [{ id: 'x' }] }));
    const refused = await runDatabaseCommand(['import', broken], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/fails the store's checks, nothing was copied/);
    expect(await count("SELECT count(*) AS n FROM practice_records WHERE list = 'grants'")).toBe(grants);
    expect(await count('SELECT count(*) AS n FROM practices')).toBe(2);
  });

  it('does not write over a file unless told to (--force), and says when the database holds nothing', async () => {
    const out = join(dir, 'out.json');
    const empty = await runDatabaseCommand(['export', out], env());
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('holds no practice');

    const demo = join(dir, 'demo.json');
    await writeFile(demo, await readFile(DEMO, 'utf8'));
    await runDatabaseCommand(['import', demo], env());
    await writeFile(out, 'keep me');
    const kept = await runDatabaseCommand(['export', out], env());
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('add --force');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect((await runDatabaseCommand(['export', out, '--force'], env())).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(JSON.parse(await readFile(DEMO, 'utf8')));
  });

  it('says what it needs without DATABASE_URL', async () => {
    const run = await runDatabaseCommand(['export', join(dir, 'x.json')], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL is not set');
  });
});
