// lowdb's adapter for the store: the JSON file (lowdb's DataFile) is a snapshot, and the journal beside it
// holds the changes made since. Reading replays the journal onto the snapshot; writing the whole data
// (lowdb's write()) is compaction: a new snapshot, flushed, then an empty journal. Between the two, a
// change costs one short line appended and flushed, however large the practice.
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { readJournal, syncFile, writing, JournalWriter } from './journal.ts';
import { replay, type JournalRecord } from './practiceChange.ts';
import type { StoreData } from './schema.ts';

export class JournaledFile implements Adapter<StoreData> {
  readonly file: string;
  readonly journalFile: string;
  /** lowdb's text file: written whole to a temporary file, then renamed over the old one. */
  readonly #snapshot: TextFile;
  #writer: Promise<JournalWriter> | undefined;
  #validBytes = 0;
  /** Bytes of changes in the journal, not yet in the snapshot. */
  #journalBytes = 0;
  /** Journal operations run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** How many changes the last read found in the journal (a start after an unclean stop). */
  replayed = 0;

  constructor(file: string) {
    this.file = file;
    this.journalFile = `${file}.journal`;
    this.#snapshot = new TextFile(file);
  }

  /** The snapshot with the journal replayed onto it; null when there is no snapshot (and no journal). */
  async read(): Promise<StoreData | null> {
    const found = await this.load();
    return found ? (found.data as StoreData) : null;
  }

  /**
   * Like read(), but tells a missing file (undefined) from one holding JSON null, so the caller can
   * refuse the latter with the rest of its checks. Changes are replayed only onto an object.
   */
  async load(): Promise<{ data: unknown } | undefined> {
    let text: string | null;
    try {
      text = await this.#snapshot.read();
    } catch (error) {
      throw new Error(`Store file ${this.file} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    const journal = await readJournal(this.journalFile);
    this.#validBytes = journal.validBytes;
    this.#journalBytes = journal.validBytes;
    this.replayed = journal.records.length;
    if (text === null) {
      if (journal.records.length > 0) throw new Error(`Store journal ${this.journalFile} holds changes but the store file ${this.file} is missing; the files were left as they are`);
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`Store file ${this.file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const practices = (data as Partial<StoreData> | null)?.practices;
    if (journal.records.length > 0 && Array.isArray(practices)) {
      try {
        replay(data as StoreData, journal.records);
      } catch (error) {
        throw new Error(`Store journal ${this.journalFile} cannot be replayed: ${(error as Error).message}; the files were left as they are`, { cause: error });
      }
    }
    return { data };
  }

  /** Compaction: the whole data as the new snapshot, flushed, then the journal emptied. */
  write(data: StoreData): Promise<void> {
    return this.#enqueue(async () => {
      const writer = await this.#openWriter();
      // Compact JSON: the file is for the program; data/demo.json is the readable copy.
      await writing(this.file, async () => {
        await this.#snapshot.write(JSON.stringify(data));
        await syncFile(this.file);
      });
      // A crash before this line replays the journal onto a snapshot that already holds it: no harm.
      await writer.clear();
      this.#journalBytes = 0;
    });
  }

  /** True when the journal holds changes the snapshot does not: compaction has something to do. */
  get hasChanges(): boolean {
    return this.#journalBytes > 0;
  }

  /**
   * Writes committed changes down (lines made with journalLine), in one write and one flush; resolves
   * once they are on disk. On failure none of them is: the journal is cut back to where it was.
   */
  append(lines: Buffer[]): Promise<void> {
    const batch = lines.length === 1 ? lines[0] : Buffer.concat(lines);
    return this.#enqueue(async () => {
      await (await this.#openWriter()).append(batch);
      this.#journalBytes += batch.length;
    });
  }

  #openWriter(): Promise<JournalWriter> {
    this.#writer ??= JournalWriter.open(this.journalFile, this.#validBytes).catch((error: unknown) => {
      this.#writer = undefined;
      throw error;
    });
    return this.#writer;
  }

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(step);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** One change as a journal line, made when the change is applied: the objects it names may change again. */
export function journalLine(record: JournalRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record)}\n`);
}

/** True for a lowdb adapter that keeps a journal (the store's own); other adapters get the whole data each time. */
export function isJournaled(adapter: Adapter<StoreData>): adapter is JournaledFile {
  return adapter instanceof JournaledFile;
}
