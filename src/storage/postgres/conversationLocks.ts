// A conversation's turns one at a time across instances: a PostgreSQL advisory lock per conversation, all of an
// instance's held on one connection of its own. The instance's own queue (src/bot/turnQueue.ts) already runs one
// turn per conversation at a time, so the lock is only ever contended by another instance: it is tried, not waited
// on (a wait would hold the shared connection for everyone), and tried again shortly until the turn's wait is over.
import pg from 'pg';

/** Between two tries of a lock another instance holds: doubling from the first, to the last. */
const FIRST_RETRY_MS = 5;
const LAST_RETRY_MS = 100;

/** A turn that waited longer than DATABASE_TURN_WAIT_MS for the same conversation's turn on another instance. */
export class ConversationBusy extends Error {
  constructor(waitedMs: number) {
    super(`the conversation's previous turn was still running on another instance after ${waitedMs} ms`);
  }
}

export class ConversationLocks {
  #client: Promise<pg.Client> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: pg.ClientConfig, private readonly waitMs: number, private readonly log: (message: string) => void) {}

  async oneAtATime<T>(key: string, turn: () => Promise<T>): Promise<T> {
    await this.#take(key);
    try {
      return await turn();
    } finally {
      // Not waited for: the reply need not wait a round trip. The next turn of this conversation here is sent on the
      // same connection after it, so it finds the lock free; another instance's tries again. A connection lost
      // meanwhile took the lock with it: nothing left to release.
      this.#query('lock-release', 'SELECT pg_advisory_unlock(hashtextextended($1, 0))', key).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client) await (await client.catch(() => undefined))?.end().catch(() => undefined);
  }

  async #take(key: string): Promise<void> {
    const started = Date.now();
    for (let retryMs = FIRST_RETRY_MS; ; retryMs = Math.min(LAST_RETRY_MS, retryMs * 2)) {
      const { rows } = await this.#query('lock-try', 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken', key);
      if (rows[0]?.taken === true) return;
      const waited = Date.now() - started;
      if (waited >= this.waitMs) throw new ConversationBusy(waited);
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, this.waitMs - waited)));
    }
  }

  /**
   * On the instance's lock connection, made (again) when there is none: a lost one is replaced at the next turn.
   * Named, so PostgreSQL parses and plans each of the two statements once per connection (turns' p95).
   */
  async #query(name: string, text: string, key: string): Promise<pg.QueryResult<{ taken?: boolean }>> {
    this.#client ??= this.#connect();
    const client = this.#client;
    // One at a time, in call order (node-postgres no longer queues a client's queries for its caller): a lock let go
    // goes before the next try.
    const run = this.#queue.then(async () => (await client).query<{ taken?: boolean }>({ name, text, values: [key] }));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    const forget = (error?: Error) => {
      if (error) this.log(`the conversations' lock connection was lost (their locks with it): ${error.message}`);
      if (this.#client === connecting) this.#client = undefined;
    };
    client.on('error', forget);
    client.on('end', () => forget());
    const connecting = client.connect().then(() => client, (error: unknown) => {
      forget();
      throw error;
    });
    return connecting;
  }
}
