// The practices in one JSON file (the store: `{ schemaVersion, practices }`), with a journal beside it of one
// line per committed change, `{ practiceId, ops }` (src/storage/json/journaledFile.ts). Folded into the file at
// open, at a graceful stop, and when a practice is added.
import { Low, type Adapter } from 'lowdb';
import type { PracticeCommit, PracticeStore } from '../engine.ts';
import { CHANGEABLE_LISTS, type ChangeableList, type StoreOp } from '../../domain/practiceChange.ts';
import type { Practice, StoreData } from '../../domain/schema.ts';
import { validateStore } from '../../domain/validateStore.ts';
import { shareRepeatedStrings } from '../sharedStrings.ts';
import { JournaledFile, type JournalFormat } from './journaledFile.ts';

type Item = { id: string };
const listOf = (practice: Practice, list: ChangeableList) => practice[list] as Item[];

const FORMAT: JournalFormat<StoreData> = {
  name: 'store',
  // The shape is checked once the journal is replayed (validateStore), with the rest of the checks.
  parse: (json) => json as StoreData,
  lineProblem: commitProblem,
  replay(data, lines) {
    if (lines.length > 0 && Array.isArray((data as Partial<StoreData> | null)?.practices)) replay(data, lines as PracticeCommit[]);
  },
  // Compact JSON: the file is for the program; data/demo.json is the readable copy.
  snapshot: (data) => [JSON.stringify(data)],
};

/**
 * lowdb's door to the store file: what it reads is the snapshot with its journal replayed (at open), and
 * writing the whole data, lowdb's write(), is a fold: a new snapshot, then an empty journal. Between folds a
 * change costs one journal line (commit), however large the practices.
 */
class FoldingAdapter implements Adapter<StoreData> {
  constructor(private readonly journaled: JournaledFile<StoreData>) {}
  async read(): Promise<StoreData | null> {
    return this.journaled.state ?? null;
  }
  async write(data: StoreData): Promise<void> {
    this.journaled.state = data;
    await this.journaled.fold();
  }
}

/** The practices held by lowdb (the project's embedded JSON store), over one journaled file. */
export class JsonPractices implements PracticeStore {
  private readonly db: Low<StoreData>;

  private constructor(readonly journaled: JournaledFile<StoreData>, data: StoreData, readonly exists: boolean) {
    this.db = new Low<StoreData>(new FoldingAdapter(journaled), data);
  }

  get data(): StoreData {
    return this.db.data;
  }

  /**
   * The store, read into memory: the snapshot `file` with its journal replayed and folded in. A missing file is
   * created from `seed`, or, without one, is an empty store (`exists` false) first written when a practice is
   * added. An unreadable or malformed file or journal throws, naming it, and neither is changed.
   */
  static async open(file: string, { seed }: { seed?: () => Promise<StoreData> } = {}): Promise<JsonPractices> {
    const journaled = await JournaledFile.open(file, FORMAT);
    const { state } = journaled;
    if (state === undefined) {
      if (!seed) return new JsonPractices(journaled, (journaled.state = { schemaVersion: 1, practices: [] }), false);
      const data = await seed();
      const problems = validateStore(data);
      if (problems.length > 0) throw new Error(problemsMessage('the seed data', problems));
      const practices = new JsonPractices(journaled, data, true);
      await practices.db.write();
      return practices;
    }
    const replayed = journaled.replayed > 0 ? ` (with the ${journaled.replayed} change(s) of ${journaled.journalFile} replayed)` : '';
    const wayForward = `. The files were left as they are: restore ${file} from a backup, or remove it and ${journaled.journalFile} to start again from the demo data`;
    const problems = validateStore(state);
    if (problems.length > 0) throw new Error(problemsMessage(`${file}${replayed}`, problems, wayForward));
    shareRepeatedStrings(state);
    const practices = new JsonPractices(journaled, state, true);
    // The journal's changes go into the snapshot, so the next start has nothing to replay.
    if (journaled.replayed > 0) await practices.db.write();
    return practices;
  }

  /** What is on disk (the snapshot with its journal replayed), read without changing either; undefined when missing. */
  static async onDisk(file: string): Promise<StoreData | undefined> {
    return (await JournaledFile.open(file, FORMAT)).state;
  }

  commit({ practiceId, ops }: PracticeCommit): Promise<void> {
    // The line is made now: the records it names may change again before it is written.
    return this.journaled.append(`${JSON.stringify({ practiceId, ops })}\n`);
  }

  /** A new practice is no change the journal can hold: the whole store is written as a new snapshot. */
  async addPractice(practice: Practice): Promise<void> {
    this.data.practices.push(practice);
    try {
      await this.db.write();
    } catch (error) {
      this.data.practices.splice(this.data.practices.indexOf(practice), 1);
      throw error;
    }
  }

  /** Nothing committed since the last fold: writing the whole store again would only cost memory. */
  compact(): Promise<void> {
    return this.journaled.foldIfChanged();
  }
}

function problemsMessage(file: string, problems: string[], wayForward = ''): string {
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return `Store file ${file} has the wrong shape: ${shown}${more}${wayForward}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a journal line cannot be replayed, or undefined when it can. */
function commitProblem(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.practiceId !== 'string' || !Array.isArray(value.ops)) return 'expected { practiceId, ops }';
  for (const op of value.ops as unknown[]) {
    if (!isRecord(op) || !(CHANGEABLE_LISTS as readonly unknown[]).includes(op.list)) return 'an operation names no known list';
    if (op.op === 'put' && isRecord(op.item) && typeof op.item.id === 'string') continue;
    if (op.op === 'delete' && typeof op.id === 'string') continue;
    return 'an operation is neither a put of an item with an id nor a delete by id';
  }
  return undefined;
}

/**
 * Applies journal lines to the data read from the snapshot, in order. Putting an item that is already there,
 * or deleting one that is gone, changes nothing new: replaying a journal already folded into the snapshot (a
 * crash between the two steps of a fold) gives the same data.
 */
function replay(data: StoreData, commits: PracticeCommit[]): void {
  const practices = new Map(data.practices.map((practice) => [practice.id, practice]));
  const touched = new Map<string, { practice: Practice; list: ChangeableList; byId: Map<string, Item> }>();
  for (const commit of commits) {
    const practice = practices.get(commit.practiceId);
    if (!practice) throw new Error(`a change names practice ${commit.practiceId}, which the store does not hold`);
    for (const op of commit.ops as StoreOp[]) {
      const key = `${practice.id}\u0000${op.list}`;
      let entry = touched.get(key);
      if (!entry) {
        entry = { practice, list: op.list, byId: new Map(listOf(practice, op.list).map((item) => [item.id, item])) };
        touched.set(key, entry);
      }
      if (op.op === 'put') entry.byId.set(op.item.id, op.item);
      else entry.byId.delete(op.id);
    }
  }
  for (const { practice, list, byId } of touched.values()) (practice[list] as Item[]) = [...byId.values()];
}
