// The practices in PostgreSQL: one row per practice (with the number of its last change), one row per item of its
// lists, and a log of the changes for the other instances to catch up with (schema: migrations.ts). Each instance
// holds the practices it serves in memory, as the repository's model, and commits each change as one statement:
// the change is written only if the practice is still at the number this instance knows, so two instances never
// lose each other's updates (the later one is Overtaken, catches up, and its rules are checked again).
import type { Pool, PoolClient } from 'pg';
import { NotWritten, Overtaken, type PracticeCommit, type PracticeNews, type PracticeStore } from '../engine.ts';
import { CHANGEABLE_LISTS, type ChangeableList, type StoreOp } from '../../domain/practiceChange.ts';
import type { Practice, StoreData } from '../../domain/schema.ts';
import { validateStore } from '../../domain/validateStore.ts';
import { shareRepeatedStrings } from '../sharedStrings.ts';

/** An operation as it stood when committed: a put's item already in JSON (it may change again in memory). */
interface TakenDown {
  op: 'put' | 'delete';
  list: ChangeableList;
  id: string;
  json?: string;
}

interface Queued {
  ops: TakenDown[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The number an instance that is not sure where a practice stands (after a failed write) commits on: none is. */
const UNSURE = -1;
/** Rows written at a time when practices are inserted. */
const PAGE = 5_000;
/** Records read at a time when a practice is loaded (a page of grants is some six megabytes of JSON). */
const LOAD_PAGE = 25_000;
/** Changes are kept a day for instances catching up; a practice's log is pruned every this many commits. */
const PRUNE_EVERY = 500;

const COMMIT = `
  WITH bumped AS (
    UPDATE practices SET seq = seq + 1 WHERE id = $1 AND seq = $2 RETURNING seq
  ), put AS (
    INSERT INTO practice_records (practice_id, list, id, doc)
    SELECT $1, u.list, u.id, u.doc::json FROM unnest($3::text[], $4::text[], $5::text[]) AS u (list, id, doc)
    WHERE EXISTS (SELECT 1 FROM bumped)
    ON CONFLICT (practice_id, list, id) DO UPDATE SET doc = EXCLUDED.doc,
      position = CASE WHEN practice_records.list || ':' || practice_records.id = ANY($9::text[]) THEN EXCLUDED.position ELSE practice_records.position END
  ), removed AS (
    DELETE FROM practice_records r USING unnest($6::text[], $7::text[]) AS u (list, id)
    WHERE EXISTS (SELECT 1 FROM bumped) AND r.practice_id = $1 AND r.list = u.list AND r.id = u.id
  ), logged AS (
    INSERT INTO practice_changes (practice_id, seq, ops) SELECT $1, seq, $8::json FROM bumped
  )
  SELECT seq FROM bumped`;

export class PostgresPractices implements PracticeStore {
  readonly data: StoreData;
  /** For each practice held: the number of the last change its data here reflects. */
  readonly #seq = new Map<string, number>();
  readonly #queued = new Map<string, Queued[]>();
  readonly #writing = new Set<string>();
  #catching: Promise<void> | undefined;
  #nextCatchUp: Promise<void> | undefined;

  private constructor(private readonly pool: Pool, practices: Array<{ practice: Practice; seq: number }>) {
    this.data = { schemaVersion: 1, practices: practices.map(({ practice }) => practice) };
    for (const { practice, seq } of practices) this.#seq.set(practice.id, seq);
  }

  /**
   * The practices as the database holds them, read into memory; an empty database is first given `seed`'s
   * (the demo data), checked as a store file is. Refuses, naming the problems, data that fails the checks.
   */
  static async open(pool: Pool, { seed }: { seed?: () => Promise<StoreData> } = {}): Promise<PostgresPractices> {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM practices ORDER BY position');
    if (rows.length === 0 && seed) {
      const data = await seed();
      const problems = validateStore(data);
      if (problems.length > 0) throw new Error(`the seed data has the wrong shape: ${problems.slice(0, 5).join('; ')}`);
      // Two instances starting on an empty database: the second finds the first's.
      await insertPractices(pool, data.practices).catch((error: { code?: string }) => {
        if (error?.code !== '23505') throw error;
      });
      return PostgresPractices.open(pool);
    }
    const loaded = [];
    for (const { id } of rows) loaded.push(await loadPractice(pool, id));
    const data: StoreData = { schemaVersion: 1, practices: loaded.map(({ practice }) => practice) };
    if (loaded.length > 0) {
      const problems = validateStore(data);
      if (problems.length > 0) {
        throw new Error(`the database's practices fail the store's checks: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
      }
    }
    shareRepeatedStrings(data);
    return new PostgresPractices(pool, loaded);
  }

  commit({ practiceId, ops }: PracticeCommit): Promise<void> {
    // Taken down now: the records it names may change again before it is written.
    const takenDown = ops.map((op): TakenDown => (op.op === 'put'
      ? { op: 'put', list: op.list, id: op.item.id, json: JSON.stringify(op.item) }
      : { op: 'delete', list: op.list, id: op.id }));
    return new Promise<void>((resolve, reject) => {
      const queue = this.#queued.get(practiceId);
      if (queue) queue.push({ ops: takenDown, resolve, reject });
      else this.#queued.set(practiceId, [{ ops: takenDown, resolve, reject }]);
      void this.#write(practiceId);
    });
  }

  /** One practice's commits, in order: those that arrive while one is on its way are written together, in one statement. */
  async #write(practiceId: string): Promise<void> {
    if (this.#writing.has(practiceId)) return;
    this.#writing.add(practiceId);
    try {
      for (let batch = this.#queued.get(practiceId); batch?.length; batch = this.#queued.get(practiceId)) {
        this.#queued.delete(practiceId);
        try {
          await this.#commitBatch(practiceId, batch);
        } catch (error) {
          // The first is refused with why; the others of the batch and those queued behind it were not written.
          const behind = [...batch.slice(1), ...(this.#queued.get(practiceId) ?? [])];
          this.#queued.delete(practiceId);
          batch[0].reject(error);
          const notWritten = error instanceof Overtaken ? new NotWritten(error) : error instanceof NotWritten ? error : new NotWritten(error);
          for (const each of behind) each.reject(notWritten);
          continue;
        }
        for (const each of batch) each.resolve();
      }
    } finally {
      this.#writing.delete(practiceId);
    }
  }

  async #commitBatch(practiceId: string, batch: Queued[]): Promise<void> {
    const known = this.#seq.get(practiceId) ?? UNSURE;
    // The last operation on an item is the one that stands (the log keeps them all, in order). An item deleted
    // and put again is added again, at the end, as the log's reader (applyNews) and the JSON engine have it.
    const last = new Map<string, TakenDown>();
    const readded = new Set<string>();
    const logged: string[] = [];
    for (const { ops } of batch) {
      for (const op of ops) {
        const key = `${op.list}:${op.id}`;
        if (op.op === 'put' && last.get(key)?.op === 'delete') {
          last.delete(key);
          readded.add(key);
        }
        last.set(key, op);
        logged.push(op.op === 'put' ? `{"op":"put","list":${JSON.stringify(op.list)},"item":${op.json}}` : JSON.stringify({ op: 'delete', list: op.list, id: op.id }));
      }
    }
    const puts = [...last.values()].filter((op) => op.op === 'put');
    const deletes = [...last.values()].filter((op) => op.op === 'delete');
    let seq: number;
    try {
      const { rows } = await this.pool.query<{ seq: string }>({ name: 'practice-commit', text: COMMIT, values: [
        practiceId, known,
        puts.map((op) => op.list), puts.map((op) => op.id), puts.map((op) => op.json!),
        deletes.map((op) => op.list), deletes.map((op) => op.id),
        `[${logged.join(',')}]`,
        puts.map((op) => `${op.list}:${op.id}`).filter((key) => readded.has(key)),
      ] });
      if (rows.length === 0) {
        const found = (await this.#news(practiceId, known)) ?? (await this.#news(practiceId, known, true))!;
        this.#seq.set(practiceId, found.seq);
        throw new Overtaken(found.news);
      }
      seq = Number(rows[0].seq);
    } catch (error) {
      // Did it land? A connection lost at the wrong moment cannot say: the next commit finds out (Overtaken).
      if (!(error instanceof Overtaken)) this.#seq.set(practiceId, UNSURE);
      throw error;
    }
    this.#seq.set(practiceId, seq);
    if (seq % PRUNE_EVERY === 0) {
      this.pool.query("DELETE FROM practice_changes WHERE practice_id = $1 AND seq <= $2 AND committed_at < now() - interval '1 day'", [practiceId, seq - PRUNE_EVERY])
        .catch(() => undefined);
    }
  }

  /**
   * Hands `apply` what other instances committed since this one last looked, practice by practice, skipping a
   * practice with a commit of this instance on its way (it catches up when that commit is written or overtaken).
   * Calls made while one is under way share the next one.
   */
  catchUp(apply: (news: PracticeNews) => void): Promise<void> {
    if (!this.#catching) {
      const run = this.#catchUpNow(apply).finally(() => {
        if (this.#catching === run) this.#catching = undefined;
      });
      this.#catching = run;
      return run;
    }
    this.#nextCatchUp ??= this.#catching.catch(() => undefined).then(() => {
      this.#nextCatchUp = undefined;
      return this.catchUp(apply);
    });
    return this.#nextCatchUp;
  }

  async #catchUpNow(apply: (news: PracticeNews) => void): Promise<void> {
    const { rows } = await this.pool.query<{ id: string; seq: string }>({ name: 'practice-numbers', text: 'SELECT id, seq FROM practices ORDER BY position' });
    for (const row of rows) {
      const seq = Number(row.seq);
      const known = this.#seq.get(row.id);
      if (known === seq) continue;
      if (known === undefined) {
        // A practice the operator added since: held from now on.
        const { practice, seq: loadedAt } = await loadPractice(this.pool, row.id);
        if (this.#seq.has(row.id)) continue;
        shareRepeatedStrings({ schemaVersion: 1, practices: [practice] });
        this.data.practices.push(practice);
        this.#seq.set(row.id, loadedAt);
        apply({ practiceId: row.id, practice });
        continue;
      }
      if (this.#busy(row.id)) continue;
      const news = await this.#news(row.id, known);
      // Only if nothing moved here meanwhile (a commit of this instance, or another catch-up).
      if (!news || this.#busy(row.id) || this.#seq.get(row.id) !== known) continue;
      this.#seq.set(row.id, news.seq);
      apply(news.news);
    }
  }

  /**
   * What other instances did to the practice since `known`: its changes (none: undefined), or, when they are no
   * longer all kept or this instance is unsure where it stands (`whole`), the practice as it now is.
   */
  async #news(practiceId: string, known: number, whole = known === UNSURE): Promise<{ news: PracticeNews; seq: number } | undefined> {
    if (!whole) {
      const { rows } = await this.pool.query<{ seq: string; ops: StoreOp[] }>(
        'SELECT seq, ops FROM practice_changes WHERE practice_id = $1 AND seq > $2 ORDER BY seq', [practiceId, known]);
      if (rows.length === 0) return undefined;
      if (Number(rows[0].seq) === known + 1) return { news: { practiceId, ops: rows.flatMap((row) => row.ops) }, seq: Number(rows[rows.length - 1].seq) };
    }
    const { practice, seq } = await loadPractice(this.pool, practiceId);
    shareRepeatedStrings({ schemaVersion: 1, practices: [practice] });
    return { news: { practiceId, practice }, seq };
  }

  #busy(practiceId: string): boolean {
    return this.#writing.has(practiceId) || (this.#queued.get(practiceId)?.length ?? 0) > 0;
  }

  /** A practice new to the database (the operator's command), with everything in it, in one transaction. */
  async addPractice(practice: Practice): Promise<void> {
    await insertPractices(this.pool, [practice]);
    this.data.practices.push(practice);
    this.#seq.set(practice.id, 0);
  }

  /** Every commit is in the database once acknowledged: nothing to fold. */
  async compact(): Promise<void> {}
}

/** Practices written whole, in one transaction; refused whole if one is already there. */
export async function insertPractices(pool: Pool, practices: readonly Practice[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    for (const practice of practices) {
      await client.query('INSERT INTO practices (id, name, tenant_id) VALUES ($1, $2, $3)', [practice.id, practice.name, practice.tenantId]);
      for (const list of CHANGEABLE_LISTS) {
        const items = practice[list] as Array<{ id: string }>;
        for (let from = 0; from < items.length; from += PAGE) {
          const page = items.slice(from, from + PAGE);
          await client.query(
            `INSERT INTO practice_records (practice_id, list, id, doc)
             SELECT $1, $2, u.id, u.doc::json FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS u (id, doc, n) ORDER BY u.n`,
            [practice.id, list, page.map((item) => item.id), page.map((item) => JSON.stringify(item))],
          );
        }
      }
    }
  });
}

/** A practice's lists in the order the store's schema gives them (src/domain/schema.ts), as a store file writes them. */
const LISTS_IN_ORDER: readonly ChangeableList[] = ['colleagues', 'companies', 'customRoles', 'grants', 'invitations', 'audit'];

/** One practice as the database holds it, with the number of its last change, read in one snapshot. */
export async function loadPractice(pool: Pool, practiceId: string): Promise<{ practice: Practice; seq: number }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ name: string; tenant_id: string; seq: string }>('SELECT name, tenant_id, seq FROM practices WHERE id = $1', [practiceId]);
    if (rows.length === 0) throw new Error(`no practice ${practiceId} in the database`);
    const practice: Record<string, unknown> = { id: practiceId, name: rows[0].name, tenantId: rows[0].tenant_id };
    for (const list of LISTS_IN_ORDER) {
      const items: unknown[] = [];
      // By pages, in the list's order: node-postgres parses each record's JSON as it reads it (measured quicker than
      // one json_agg text per page, whose making costs the database more than the parse saves).
      for (let after = -1; ;) {
        const page = await client.query<{ position: string; doc: unknown }>(
          'SELECT position, doc FROM practice_records WHERE practice_id = $1 AND list = $2 AND position > $3 ORDER BY position LIMIT $4',
          [practiceId, list, after, LOAD_PAGE],
        );
        for (const row of page.rows) items.push(row.doc);
        if (page.rows.length < LOAD_PAGE) break;
        after = Number(page.rows[page.rows.length - 1].position);
      }
      practice[list] = items;
    }
    return { practice: practice as Practice, seq: Number(rows[0].seq) };
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not even roll back is not given to anyone else.
    client.release(broken as Error | undefined);
  }
}
