import pg from 'pg';
import { expect, it } from 'vitest';
import { postgresForTests } from './support/postgres.ts';

// Part of `npm test`: says whether the PostgreSQL suites can run on this machine, so a missing server
// shows up as a skipped test rather than as silence (and as a failure in CI, which sets REQUIRE_POSTGRES=1).
const postgres = postgresForTests();

if ('url' in postgres) {
  it('PostgreSQL suites: a server answers for them (a throw-away cluster, or TEST_DATABASE_URL)', async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await client.end();
    }
  });
} else {
  console.warn(postgres.skip);
  it.skip(postgres.skip, () => {});
}
