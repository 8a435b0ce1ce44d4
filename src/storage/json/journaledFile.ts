// The JSON engine's one way of keeping data: a snapshot file, and beside it (`<file>.journal`) the changes made
// since, one JSON line each. Reading replays the journal onto the snapshot; a change costs one short line appended
// and flushed, however large the data; folding writes a new snapshot from memory, then empties the journal.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NotWritten } from '../engine.ts';
import { JournalWriter, readJournalLines, writeWhole, writing } from './journalWriter.ts';

/** What one kind of file holds, and how its journal's lines change it. */
export interface JournalFormat<State> {
  /** What the files are called in messages: "store", "conversations". */
  name: string;
  /** The state a snapshot's JSON holds; throws, naming the file and what is wrong, when it holds none. */
  parse(json: unknown, file: string): State;
  /** Why a journal line cannot be replayed, or undefined when it can. */
  lineProblem(value: unknown): string | undefined;
  /** Applies journal lines to the state, in order; lines the state already holds change nothing. */
  replay(state: State, lines: unknown[]): void;
  /** The snapshot's text, piece by piece, from the state in memory. */
  snapshot(state: State): Iterable<string>;
}

/** Lines appended together, and what their write resolves to. */
interface Group {
  lines: string[];
  done: Promise<void>;
  /** The write before this one failed: nothing of this one is written. */
  aborted?: unknown;
}

export class JournaledFile<State> {
  readonly journalFile: string;
  /** How many journal lines the open replayed (a start after an unclean stop). */
  replayed = 0;
  /** Bytes of a torn last line the open found (cut off at the first write). */
  tornBytes = 0;
  #state: State | undefined;
  #writer: Promise<JournalWriter> | undefined;
  #validBytes = 0;
  /** Bytes of changes in the journal, not yet in the snapshot. */
  #journalBytes = 0;
  #snapshotBytes = 0;
  /** Writes run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Writes asked for and not yet done. */
  #running = 0;
  /** The lines gathering for the next append, while one is on its way. */
  #gathering: Group | undefined;

  private constructor(
    readonly file: string,
    private readonly format: JournalFormat<State>,
    private readonly foldAtBytes: number,
  ) {
    this.journalFile = `${file}.journal`;
  }

  /**
   * The snapshot with its journal replayed, changing neither; `state` is undefined when there is no snapshot.
   * The journal is folded in when it has grown past `foldAtBytes` and past the snapshot itself.
   */
  static async open<State>(file: string, format: JournalFormat<State>, { foldAtBytes = Infinity } = {}): Promise<JournaledFile<State>> {
    const journaled = new JournaledFile(file, format, foldAtBytes);
    await journaled.#read();
    return journaled;
  }

  async #read(): Promise<void> {
    const { name, parse, lineProblem, replay } = this.format;
    let text: string | undefined;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`The ${name} file ${this.file} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    const journal = await readJournalLines(this.journalFile, `The ${name} journal`, lineProblem);
    this.#validBytes = this.#journalBytes = journal.validBytes;
    this.tornBytes = journal.tornBytes;
    this.replayed = journal.lines.length;
    if (text === undefined) {
      if (this.replayed > 0) throw new Error(`The ${name} journal ${this.journalFile} holds changes but the ${name} file ${this.file} is missing; the files were left as they are`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`The ${name} file ${this.file} is not valid JSON (${(error as Error).message}); the files were left as they are`, { cause: error });
    }
    const state = parse(json, this.file);
    try {
      replay(state, journal.lines);
    } catch (error) {
      throw new Error(`The ${name} journal ${this.journalFile} cannot be replayed: ${(error as Error).message}; the files were left as they are`, { cause: error });
    }
    this.#state = state;
    this.#snapshotBytes = Buffer.byteLength(text);
  }

  get state(): State | undefined {
    return this.#state;
  }

  /** The state of a file that did not exist, first written by the next fold. */
  set state(state: State) {
    this.#state = state;
  }

  /** True when the journal holds changes the snapshot does not: a fold has something to do. */
  get hasChanges(): boolean {
    return this.#journalBytes > 0;
  }

  /**
   * Writes lines (each ending with a newline) down, with every line appended while the write before is on its
   * way, in one append and one flush; resolves once they are on disk. When a write fails, its lines are not in
   * the journal and those gathered behind it are not written either (they reject with NotWritten).
   */
  append(line: string): Promise<void> {
    if (this.#gathering) {
      this.#gathering.lines.push(line);
      return this.#gathering.done;
    }
    const group: Group = { lines: [line], done: Promise.resolve() };
    this.#gathering = group;
    // With nothing on its way, the write starts now: a lone change does not wait for company.
    group.done = this.#enqueue(() => this.#write(group));
    return group.done;
  }

  async #write(group: Group): Promise<void> {
    if (this.#gathering === group) this.#gathering = undefined;
    if (group.aborted !== undefined) throw new NotWritten(group.aborted);
    try {
      await this.appendBatch(Buffer.from(group.lines.join('')));
    } catch (error) {
      if (this.#gathering) this.#gathering.aborted = error;
      this.#gathering = undefined;
      throw error;
    }
    if (this.#journalBytes > this.foldAtBytes && this.#journalBytes > this.#snapshotBytes) {
      // The lines are on disk whatever becomes of the fold; one that fails is tried again after the next write.
      this.#enqueue(() => this.#fold()).catch(() => undefined);
    }
  }

  /** One append and one flush; on failure the journal is cut back to where it was. */
  async appendBatch(bytes: Buffer): Promise<void> {
    await (await this.#openWriter()).append(bytes);
    this.#journalBytes += bytes.length;
  }

  /** A new snapshot from memory, flushed, then the journal emptied: after the writes already asked for. */
  fold(): Promise<void> {
    return this.#enqueue(() => this.#fold());
  }

  /** Folds when the journal holds anything (or a torn line to cut off): at open and at a graceful stop. */
  foldIfChanged(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#journalBytes > 0 || this.tornBytes > 0) await this.#fold();
    });
  }

  async #fold(): Promise<void> {
    if (this.#state === undefined) throw new Error(`nothing to write to ${this.file}`);
    const writer = await this.#openWriter();
    await writing(this.file, async () => {
      await mkdir(dirname(this.file), { recursive: true });
      this.#snapshotBytes = await writeWhole(this.file, this.format.snapshot(this.#state!));
    });
    // A crash before this line replays the journal onto a snapshot that already holds it: no harm.
    await writer.clear();
    this.#journalBytes = 0;
    this.tornBytes = 0;
  }

  #openWriter(): Promise<JournalWriter> {
    this.#writer ??= (async () => {
      await mkdir(dirname(this.file), { recursive: true });
      return JournalWriter.open(this.journalFile, this.#validBytes);
    })().catch((error: unknown) => {
      this.#writer = undefined;
      throw error;
    });
    return this.#writer;
  }

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    this.#running += 1;
    const run = (this.#running === 1 ? step() : this.#queue.then(step)).finally(() => {
      this.#running -= 1;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
