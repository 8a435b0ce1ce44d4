// The PostgreSQL test support itself (test/support/postgres.ts): a throw-away cluster that stops and
// starts again under load and leaves nothing behind, even when its process is killed; fresh databases.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, postgresBinForTests, postgresForTests, startCluster, type Cluster } from './postgres.ts';

const binaries = postgresBinForTests();
const server = postgresForTests();

async function query<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The postmaster's process id, from its pid file. */
function postmasterPid(cluster: { dir: string }): number {
  return Number(readFileSync(`${cluster.dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
}

/** Whether the process runs (a zombie waiting for its parent to reap it has stopped). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  for (const start = Date.now(); !check(); await sleep(50)) {
    if (Date.now() - start > ms) throw new Error(`still not true after ${ms} ms: ${what}`);
  }
}

if ('skip' in binaries) {
  it.skip(binaries.skip, () => {});
} else {
  describe('startCluster', () => {
    const clusters: Cluster[] = [];
    afterAll(() => Promise.all(clusters.map((cluster) => cluster.destroy())));

    it('answers, refuses connections while stopped under load, answers again on the same port once started, and leaves nothing once destroyed', async () => {
      const cluster = await startCluster();
      clusters.push(cluster);
      expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
      expect(await query(cluster.url, 'show fsync')).toEqual([{ fsync: 'off' }]);

      // Eight clients querying in a loop while the server stops and starts again.
      const pool = new pg.Pool({ connectionString: cluster.url, max: 8, connectionTimeoutMillis: 2_000 });
      pool.on('error', () => {});
      const tally = { answered: 0, failed: 0 };
      let loading = true;
      const load = Array.from({ length: 8 }, async () => {
        while (loading) {
          await pool.query('select pg_sleep(0.01)').then(() => tally.answered++, () => tally.failed++);
          if (tally.failed) await sleep(10);
        }
      });
      await eventually(() => tally.answered >= 40, 'the load is answered');

      await cluster.stop();
      await expect(query(cluster.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
      await eventually(() => tally.failed > 0, 'the clients see the server gone');
      await cluster.stop();

      await cluster.start();
      expect(await query(cluster.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      const answeredBefore = tally.answered;
      await eventually(() => tally.answered > answeredBefore + 40, 'the clients are answered again');
      loading = false;
      await Promise.all(load);
      await pool.end();

      const pid = postmasterPid(cluster);
      await cluster.destroy();
      expect(existsSync(cluster.dir)).toBe(false);
      expect(running(pid)).toBe(false);
      await expect(cluster.start()).rejects.toThrow(/destroyed/);
    });

    it('is stopped and removed when the process that started it dies without destroying it', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
        const { startCluster } = await import('./test/support/postgres.ts');
        const cluster = await startCluster();
        console.log(JSON.stringify({ dir: cluster.dir }));
        setInterval(() => {}, 1_000);
      `], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
          child.once('exit', (code) => reject(new Error(`the child exited (${code}) before its cluster started`)));
        });
        const { dir } = JSON.parse(line) as { dir: string };
        const pid = postmasterPid({ dir });
        expect(running(pid)).toBe(true);

        child.kill('SIGKILL');
        await eventually(() => !running(pid) && !existsSync(dir), `the server ${pid} stopped and ${dir} removed`);
      } finally {
        child.kill('SIGKILL');
      }
    });
  });
}

if ('skip' in server) {
  it.skip(server.skip, () => {});
} else {
  describe('freshDatabase', () => {
    it('creates an empty database of its own, named after the label, and drops it even with a session open', async () => {
      const first = await freshDatabase(server.url, 'Support: fresh DB!');
      const second = await freshDatabase(server.url, 'Support: fresh DB!');
      const name = new URL(first.url).pathname.slice(1);
      expect(name).toMatch(/^test_support_fresh_db_[0-9a-f]{10}$/);
      expect(new URL(second.url).pathname.slice(1)).not.toBe(name);

      expect(await query(first.url, 'select current_database() as name')).toEqual([{ name }]);
      expect(await query(first.url, "select tablename from pg_tables where schemaname = 'public'")).toEqual([]);
      await query(first.url, 'create table grants (id int primary key)');
      expect(await query(second.url, "select tablename from pg_tables where schemaname = 'public'")).toEqual([]);

      const session = new pg.Client({ connectionString: first.url });
      session.on('error', () => {});
      await session.connect();
      await first.drop();
      await second.drop();
      await session.end().catch(() => {});
      const left = await query(server.url, 'select datname from pg_database where datname = any($1)', [[name, new URL(second.url).pathname.slice(1)]]);
      expect(left).toEqual([]);
    });

    it('makes a valid name from any label', async () => {
      const database = await freshDatabase(server.url, `${'é'.repeat(10)}${'Long label '.repeat(20)}`);
      try {
        const name = new URL(database.url).pathname.slice(1);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(await query(database.url, 'select current_database() as name')).toEqual([{ name }]);
      } finally {
        await database.drop();
      }
    });
  });
}
