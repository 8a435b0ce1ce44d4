// A collection of documents (the conversations, the references to reach colleagues) in PostgreSQL's `documents`
// table, one row per key with its version. Every write is one statement, durable once it resolves.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { KeyedQueue } from '../../keyedQueue.ts';
import { VersionConflict, type DocumentCollection, type Versioned } from '../engine.ts';

/** Beyond the cap, the documents written longest ago are forgotten: checked every this many writes, and at open. */
const TRIM_EVERY = 100;
/** Documents read at a time by a sweep. */
const SWEEP_PAGE = 500;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class PostgresDocuments implements DocumentCollection {
  #writes = 0;
  /**
   * Each query may go out on another of the pool's connections: one not waiting for the operation called before
   * it on the same key could overtake it (engine.ts promises call order: a read just after a write sees it).
   */
  readonly #inOrder = new KeyedQueue();

  private constructor(private readonly pool: Pool, private readonly collection: string, private readonly maxItems: number) {}

  static async open(pool: Pool, collection: string, { maxItems = Infinity }: { maxItems?: number } = {}): Promise<PostgresDocuments> {
    const documents = new PostgresDocuments(pool, collection, maxItems);
    await documents.#trim();
    return documents;
  }

  get(key: string): Promise<Versioned<object> | undefined> {
    return this.#inOrder.run(key, () => this.#get(key));
  }

  put(key: string, value: object, options: { expectedVersion?: string } = {}): Promise<string> {
    return this.#inOrder.run(key, () => this.#put(key, value, options));
  }

  delete(key: string): Promise<void> {
    return this.#inOrder.run(key, () => this.#delete(key));
  }

  // The statements every turn makes are named, so each connection has PostgreSQL parse and plan them once rather
  // than at every turn (the database's CPU shares the machine with the instances: it buys turns' p95).
  async #get(key: string): Promise<Versioned<object> | undefined> {
    const { rows } = await this.pool.query<{ doc: object; version: string }>({
      name: 'document-get', text: 'SELECT doc, version FROM documents WHERE collection = $1 AND key = $2', values: [this.collection, key] });
    return rows[0] && { value: rows[0].doc, version: rows[0].version };
  }

  async #put(key: string, value: object, { expectedVersion }: { expectedVersion?: string }): Promise<string> {
    if (!isObject(value)) throw new Error(`not writing "${key}": a document must be an object`);
    const version = randomUUID();
    const doc = JSON.stringify(value);
    if (expectedVersion === undefined) {
      await this.pool.query({
        name: 'document-put',
        text: `INSERT INTO documents (collection, key, version, doc) VALUES ($1, $2, $3, $4::json)
               ON CONFLICT (collection, key) DO UPDATE SET version = EXCLUDED.version, doc = EXCLUDED.doc, written = nextval('document_writes')`,
        values: [this.collection, key, version, doc],
      });
    } else {
      const { rowCount } = await this.pool.query({
        name: 'document-put-on-version',
        text: `UPDATE documents SET version = $3, doc = $4::json, written = nextval('document_writes')
               WHERE collection = $1 AND key = $2 AND version = $5`,
        values: [this.collection, key, version, doc, expectedVersion],
      });
      if (rowCount === 0) throw new VersionConflict(key);
    }
    if (Number.isFinite(this.maxItems) && ++this.#writes % TRIM_EVERY === 0) await this.#trim();
    return version;
  }

  async #delete(key: string): Promise<void> {
    await this.pool.query('DELETE FROM documents WHERE collection = $1 AND key = $2', [this.collection, key]);
  }

  /** Page by page in key order; a document changed by someone else since it was read is left to them. */
  async sweep(visit: (key: string, value: object) => object | null | undefined): Promise<number> {
    let changed = 0;
    for (let after = ''; ;) {
      const { rows } = await this.pool.query<{ key: string; doc: object; version: string }>(
        'SELECT key, doc, version FROM documents WHERE collection = $1 AND key > $2 ORDER BY key LIMIT $3', [this.collection, after, SWEEP_PAGE]);
      for (const { key, doc, version } of rows) {
        const next = visit(key, doc);
        if (next === undefined) continue;
        if (next === null) {
          const { rowCount } = await this.pool.query('DELETE FROM documents WHERE collection = $1 AND key = $2 AND version = $3', [this.collection, key, version]);
          changed += rowCount ?? 0;
        } else if (JSON.stringify(next) !== JSON.stringify(doc)) {
          // Kept in its place among the writes: a replacement is no recent write.
          const { rowCount } = await this.pool.query('UPDATE documents SET doc = $4::json, version = $5 WHERE collection = $1 AND key = $2 AND version = $3',
            [this.collection, key, version, JSON.stringify(next), randomUUID()]);
          changed += rowCount ?? 0;
        }
      }
      if (rows.length < SWEEP_PAGE) return changed;
      after = rows[rows.length - 1].key;
    }
  }

  /** Every write is committed when it resolves. */
  async flush(): Promise<void> {}

  async #trim(): Promise<void> {
    if (!Number.isFinite(this.maxItems)) return;
    await this.pool.query(
      `DELETE FROM documents WHERE collection = $1 AND written <= (
         SELECT written FROM documents WHERE collection = $1 ORDER BY written DESC OFFSET $2 LIMIT 1)`,
      [this.collection, this.maxItems]);
  }
}
