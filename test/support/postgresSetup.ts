// vitest globalSetup: one PostgreSQL for the whole run. TEST_DATABASE_URL as it is, else a throw-away
// cluster of the machine's server binaries (torn down at the end), else why there is none.
// The test files read what is provided through postgresForTests() (test/support/postgres.ts).
import type { TestProject } from 'vitest/node';
import { findPostgresBin, missingPostgres, startCluster } from './postgres.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgres', { url: given });
    return undefined;
  }
  if (!findPostgresBin()) {
    project.provide('postgres', { missing: missingPostgres() });
    return undefined;
  }
  try {
    const cluster = await startCluster();
    project.provide('postgres', { url: cluster.url });
    return () => cluster.destroy();
  } catch (error) {
    // The server is installed but would not start: the PostgreSQL suites fail with this, the rest still run.
    project.provide('postgres', { error: `PostgreSQL suites failed: the test cluster did not start: ${(error as Error).message}` });
    return undefined;
  }
}
