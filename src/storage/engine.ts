// What the assistant asks of a storage engine: the practices' data, and keyed collections of documents (the
// conversations, the references to reach colleagues). The JSON files (src/storage/json/) are one engine; another
// (PostgreSQL) is a folder of its own implementing these interfaces, chosen in src/storage/openStorage.ts.
import type { StoreOp } from '../domain/practiceChange.ts';
import type { Practice, StoreData } from '../domain/schema.ts';

export type { StoreOp };

/** A document as stored, with its version: new on every write, so a writer can tell whether it changed since read. */
export interface Versioned<T> {
  value: T;
  version: string;
}

/**
 * Documents (JSON objects) by key. A write is applied at once, in call order (a read just after it sees it), and
 * resolves once durable; writes that arrive while one is on its way are written together.
 */
export interface DocumentCollection<T extends object = object> {
  get(key: string): Promise<Versioned<T> | undefined>;
  /** Stores `value` under `key` and returns its new version; refused (VersionConflict) when `expectedVersion` is not the stored one. */
  put(key: string, value: T, options?: { expectedVersion?: string }): Promise<string>;
  delete(key: string): Promise<void>;
  /**
   * Visits every document: `visit` returns undefined to keep it, null to delete it, or a document to put in its
   * place (not counted as a recent write for the cap on the documents kept). Returns how many changed.
   */
  sweep(visit: (key: string, value: T) => T | null | undefined): Promise<number>;
  /** Resolves once everything written so far is durable (and, for a file, folded into it). */
  flush(): Promise<void>;
}

/** What one change did to one practice: the records put (whole) and deleted, list by list. */
export interface PracticeCommit {
  practiceId: string;
  ops: readonly StoreOp[];
}

/**
 * The practices' data. Read whole at open (`data`), it is the repository's model in memory: the repository
 * changes it, then commits what it changed. A commit is taken down as it stands when called (its records may
 * change again), written with the commits that arrive while the previous write is on its way, and resolves once
 * durable. When a write fails it rejects its commits with the error, and those queued behind it with NotWritten:
 * nothing of them is written, so their caller can take them back and make them again.
 */
export interface PracticeStore {
  readonly data: StoreData;
  commit(change: PracticeCommit): Promise<void>;
  /** A practice new to the store (the operator's command): in `data.practices` once durable, or not at all. */
  addPractice(practice: Practice): Promise<void>;
  /** Folds what was committed since open into the engine's resting form (a file's snapshot); nothing to do for some. */
  compact(): Promise<void>;
  /**
   * For an engine shared by several instances: what the others committed since this one last looked, for each
   * practice with no commit of this instance on its way, handed to `apply` (which applies it to `data`) and
   * counted as seen. A practice whose changes are no longer all kept comes whole, to take the held one's place.
   */
  catchUp?(apply: (news: PracticeNews) => void): Promise<void>;
}

/** What other instances did to one practice: its changes in order, or the practice as it now stands. */
export type PracticeNews = { practiceId: string; ops: readonly StoreOp[] } | { practiceId: string; practice: Practice };

/** Everything the assistant keeps, from one engine. */
export interface Storage {
  practices: PracticeStore;
  /** Conversation records, bounded: the documents written longest ago are forgotten beyond the cap. */
  conversations: DocumentCollection;
  /** How to reach each colleague later; never forgotten by a cap. */
  references: DocumentCollection;
  /** At a graceful stop, after the last write: everything folded and released. */
  close(): Promise<void>;
  /**
   * Runs `turn` while no other instance runs one under the same key (a conversation's turns, one at a time
   * across instances). Absent for an engine only one process uses: the process's own queue is enough.
   */
  exclusive?<T>(key: string, turn: () => Promise<T>): Promise<T>;
  /** Whether the engine answers now (the operator's health check): undefined when all is well, or why not. */
  problem?(): Promise<string | undefined>;
}

/** A put whose expected version is not the stored one: nothing was written. */
export class VersionConflict extends Error {
  constructor(readonly key: string) {
    super(`not writing "${key}": it changed since it was read (version conflict)`);
  }
}

/** A commit queued behind a write that failed: nothing of it was written; it may be made again. */
export class NotWritten extends Error {
  constructor(cause: unknown, message = 'not written: a write before it failed') {
    super(message, { cause });
  }
}

/**
 * A commit made on data another instance had changed since: nothing of it was written. `news` is what the other
 * instances did, to apply once this instance's own unwritten changes are taken back; then the commit may be made
 * again, on the data as it now stands (and its rules checked again).
 */
export class Overtaken extends NotWritten {
  constructor(readonly news: PracticeNews) {
    super(undefined, `not written: practice ${news.practiceId} was changed by another instance`);
  }
}
