// A real PostgreSQL for the tests: a throw-away cluster of the machine's server binaries (Debian's
// postgresql package), or the server TEST_DATABASE_URL names, and a fresh database per suite.
// Nothing here reaches the network: the cluster listens on 127.0.0.1 and in its own directory.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** What test/support/postgresSetup.ts hands the test files: a server, why there is none, or why it failed. */
export type ProvidedPostgres = { url: string } | { missing: string } | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  readonly url: string;
  readonly port: number;
  /** The cluster's own directory: data/, server.log and the unix socket. */
  readonly dir: string;
  /** Stops the server (`pg_ctl stop -m fast`: open sessions are cut); the directory is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** Stops it if running and removes its directory. */
  destroy(): Promise<void>;
}

const DEBIAN_VERSIONS = '/usr/lib/postgresql';
const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'];
// Speed over durability (the data is thrown away), and room for tests that open many connections.
const SETTINGS = { listen_addresses: '127.0.0.1', fsync: 'off', full_page_writes: 'off', synchronous_commit: 'on', max_connections: '200' };

/** The newest /usr/lib/postgresql/N/bin with the server's tools, or PG_BIN when it is set. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BIN?.trim();
  return (fromEnv ? [fromEnv] : debianBins()).find(hasServerTools);
}

/** Why there is no PostgreSQL for the tests, and how to have one. */
export function missingPostgres(): string {
  const fromEnv = process.env.PG_BIN?.trim();
  const why = fromEnv ? `PG_BIN=${fromEnv} has no ${SERVER_TOOLS.join(', ')}` : 'no PostgreSQL on this machine';
  return `${why} (apt-get install -y postgresql, or set TEST_DATABASE_URL to a server you own)`;
}

/** The server the global setup provided, or why the suites are skipped; throws when it failed or CI requires one. */
export function postgresForTests(): { url: string } | { skip: string } {
  const provided = inject('postgres');
  if (!provided) return unavailable('test/support/postgresSetup.ts is not in this vitest config\'s globalSetup');
  if ('error' in provided) throw new Error(provided.error);
  return 'missing' in provided ? unavailable(provided.missing) : provided;
}

/** The server binaries for tests that start clusters of their own, with the same skip and CI rule. */
export function postgresBinForTests(): { bin: string } | { skip: string } {
  const bin = findPostgresBin();
  return bin ? { bin } : unavailable(missingPostgres());
}

// CI sets REQUIRE_POSTGRES=1 so that a machine without PostgreSQL fails the suites instead of skipping them.
function unavailable(why: string): { skip: string } {
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL suites cannot run, and REQUIRE_POSTGRES=1 says they must: ${why}`);
  return { skip: `PostgreSQL suites skipped: ${why}` };
}

/** `settings` are added to the cluster's postgresql.conf after the tests' own (e.g. the benchmark's fsync = on). */
export async function startCluster({ settings = {} }: { settings?: Record<string, string> } = {}): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(missingPostgres());
  const dir = await mkdtemp(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  const release = guard(bin, dir);
  const server = new Server(bin, dir, data);
  try {
    if (asRoot()) await chown(dir, ...(await postgresUser()));
    await server.run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    const lines = Object.entries({ ...SETTINGS, ...settings, unix_socket_directories: dir }).map(([name, value]) => `${name} = '${value}'`);
    await appendFile(join(data, 'postgresql.conf'), `\n# test/support/postgres.ts\n${lines.join('\n')}\n`);
    await server.startOnFreePort();
  } catch (error) {
    await release();
    throw error;
  }
  let running = true;
  let destroyed = false;
  // One step at a time: a test may call stop() while a start() is still under way.
  let last: Promise<unknown> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = last.then(step);
    last = next.catch(() => {});
    return next;
  };
  const notDestroyed = () => {
    if (destroyed) throw new Error(`the cluster in ${dir} was destroyed`);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${server.port}/postgres`,
    port: server.port,
    dir,
    stop: () => serial(async () => {
      notDestroyed();
      if (running) await server.stop();
      running = false;
    }),
    start: () => serial(async () => {
      notDestroyed();
      if (!running) await server.start();
      running = true;
    }),
    destroy: () => serial(async () => {
      if (destroyed) return;
      destroyed = true;
      try {
        if (running) await server.stop();
      } finally {
        await release();
        await rm(dir, { recursive: true, force: true });
      }
    }),
  };
}

/** A new, empty database on the server at baseUrl, named after label; drop() removes it even with sessions open. */
export async function freshDatabase(baseUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  const name = `test_${slug || 'db'}_${randomBytes(5).toString('hex')}`;
  await onServer(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** One cluster's server binaries, run as the postgres user when we are root (initdb refuses root). */
class Server {
  port = 0;

  constructor(private readonly bin: string, private readonly dir: string, private readonly data: string) {}

  async startOnFreePort(): Promise<void> {
    // Another process may take the port between finding it free and binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      await appendFile(join(this.data, 'postgresql.conf'), `port = ${this.port}\n`);
      try {
        return await this.start();
      } catch (error) {
        if (attempt === 3 || !/could not bind|already in use/i.test(String(error))) throw error;
      }
    }
  }

  async start(): Promise<void> {
    const log = join(this.dir, 'server.log');
    try {
      await this.run('pg_ctl', ['start', '-w', '-s', '-D', this.data, '-l', log]);
    } catch (error) {
      const tail = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-15).join('\n');
      throw new Error(`${(error as Error).message}\n${log}:\n${tail}`, { cause: error });
    }
  }

  stop(): Promise<string> {
    return this.run('pg_ctl', ['stop', '-w', '-s', '-D', this.data, '-m', 'fast']);
  }

  run(tool: string, args: string[]): Promise<string> {
    const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args]] : [join(this.bin, tool), args];
    return new Promise((resolve, reject) => {
      execFile(file, argv, { cwd: this.dir, env: serverEnv(), timeout: 120_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${tool} ${args.join(' ')} failed (${error.code ?? error.signal}): ${stderr.trim() || error.message}`));
        else resolve(stdout);
      });
    });
  }
}

// A watchdog for the directory: a detached shell that waits for its stdin to close. We close it in
// destroy(); the kernel closes it when this process dies (Ctrl-C, a killed worker, vitest's own
// process.exit on SIGINT, which skips global teardown). Either way it stops the server and removes the directory.
const GUARD = `cat >/dev/null
if [ -f "$2/data/postmaster.pid" ]; then $3 "$1/pg_ctl" stop -s -D "$2/data" -m immediate >/dev/null 2>&1; fi
rm -rf "$2"`;

function guard(bin: string, dir: string): () => Promise<void> {
  const watchdog = spawn('sh', ['-c', GUARD, 'postgres-test-guard', bin, dir, asRoot() ? 'runuser -u postgres --' : ''], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  watchdog.on('error', () => {});
  watchdog.stdin?.on('error', () => {});
  const exited = new Promise<void>((resolve) => watchdog.once('close', () => resolve()));
  return async () => {
    watchdog.ref();
    watchdog.stdin?.end();
    await exited;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function debianBins(): string[] {
  try {
    return readdirSync(DEBIAN_VERSIONS)
      .filter((version) => /^\d+(\.\d+)?$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(DEBIAN_VERSIONS, version, 'bin'));
  } catch {
    return [];
  }
}

function hasServerTools(bin: string): boolean {
  try {
    for (const tool of SERVER_TOOLS) accessSync(join(bin, tool), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function asRoot(): boolean {
  return process.getuid?.() === 0;
}

async function postgresUser(): Promise<[number, number]> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (error, stdout, stderr) =>
        error ? reject(new Error(`running as root needs a postgres user: ${stderr.trim() || error.message}`)) : resolve(Number(stdout))));
  return [await id('-u'), await id('-g')];
}

// The server's tools read PGDATA, PGPORT and the like; ours are given on the command line and in postgresql.conf.
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}
