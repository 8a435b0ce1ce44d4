// A collection of documents in a JSON file of its own, `{ key: document }`, each document holding its version
// as `eTag` (the Bot Framework's word, which the files have used from the start), with a journal beside it of
// `{"k":key,"v":document}` and `{"k":key,"d":1}` lines (src/storage/json/journaledFile.ts).
import { randomUUID } from 'node:crypto';
import { VersionConflict, type DocumentCollection, type Versioned } from '../engine.ts';
import { JournaledFile, type JournalFormat } from './journaledFile.ts';

/** A document as kept in memory: its JSON text with its eTag (what the files hold, and what a read parses). */
interface Kept {
  json: string;
  version: string;
}
/** By key, least recently written first: a Map keeps insertion order, and a write inserts again. */
type Items = Map<string, Kept>;
type Line = { k: string; v: object } | { k: string; d: 1 };

/** The journal is folded into the file once it is this large and larger than the file itself. */
const FOLD_AT_BYTES = 4 * 1024 * 1024;

const format = (name: string): JournalFormat<Items> => ({
  name,
  parse: parseItems,
  lineProblem,
  replay(items, lines) {
    for (const line of lines as Line[]) {
      items.delete(line.k);
      if (!('d' in line)) items.set(line.k, kept(line.v));
    }
  },
  *snapshot(items) {
    // Each item is taken as it is when its turn comes: nothing stringified again.
    let separator = '{';
    for (const [key, item] of items) {
      yield `${separator}${JSON.stringify(key)}:${item.json}`;
      separator = ',';
    }
    yield separator === '{' ? '{}' : '}';
  },
});

/**
 * Each change is applied to memory at once, in call order, and resolves when its journal line is on disk; a read
 * is one parse, a write one stringify, so what is read back now is what a restart reads back. The journal is
 * folded into the file at open, at flush (a graceful stop) and when it has grown large. At most `maxItems` are
 * kept: a write beyond that forgets the documents written longest ago, as deletions in the journal.
 */
export class JsonDocuments implements DocumentCollection {
  /** Keys whose last change could not be written: written again with the next change. */
  readonly #unsaved = new Set<string>();

  private constructor(private readonly journaled: JournaledFile<Items>, private readonly items: Items, private readonly maxItems: number) {}

  /**
   * Opens (or creates) the file, replays its journal and folds it in, forgetting those written longest ago
   * beyond `maxItems`; refuses, without touching either, a file that is not a JSON object of documents or a
   * journal line that is not a change. `name` names the files in messages.
   */
  static async open(file: string, { name, maxItems = Infinity }: { name: string; maxItems?: number }): Promise<JsonDocuments> {
    const journaled = await JournaledFile.open(file, format(name), { foldAtBytes: FOLD_AT_BYTES });
    const isNew = journaled.state === undefined;
    if (isNew) journaled.state = new Map();
    const items = journaled.state!;
    const over = Math.max(0, items.size - maxItems);
    for (const key of [...keysUpTo(items, over)]) items.delete(key);
    const documents = new JsonDocuments(journaled, items, maxItems);
    if (isNew || over > 0) await journaled.fold();
    else await journaled.foldIfChanged();
    return documents;
  }

  /** What is on disk (the file with its journal replayed, eTags included), read without changing either. */
  static async onDisk(file: string): Promise<Record<string, Record<string, unknown>>> {
    const { state } = await JournaledFile.open(file, format('documents'));
    if (!state) throw new Error(`no documents at ${file}`);
    const found: Record<string, Record<string, unknown>> = Object.create(null);
    for (const [key, { json }] of state) found[key] = JSON.parse(json) as Record<string, unknown>;
    return found;
  }

  async get(key: string): Promise<Versioned<object> | undefined> {
    const item = this.items.get(key);
    if (!item) return undefined;
    const { eTag: _eTag, ...value } = JSON.parse(item.json) as Record<string, unknown>;
    return { value, version: item.version };
  }

  put(key: string, value: object, { expectedVersion }: { expectedVersion?: string } = {}): Promise<string> {
    const stored = this.items.get(key);
    if (expectedVersion !== undefined && expectedVersion !== stored?.version) return Promise.reject(new VersionConflict(key));
    let item: Kept;
    try {
      item = withVersion(key, value, randomUUID());
    } catch (error) {
      return Promise.reject(error);
    }
    this.items.delete(key);
    this.items.set(key, item);
    const changed = [key];
    // The document just written is the most recent: the ones forgotten are others, written longest ago.
    const over = Math.min(this.items.size - this.maxItems, this.items.size - 1);
    for (const old of [...keysUpTo(this.items, over)]) {
      this.items.delete(old);
      changed.push(old);
    }
    return this.#write(changed).then(() => item.version);
  }

  async delete(key: string): Promise<void> {
    if (!this.items.delete(key)) return;
    await this.#write([key]);
  }

  async sweep(visit: (key: string, value: object) => object | null | undefined): Promise<number> {
    const changed: string[] = [];
    for (const [key, item] of this.items) {
      const { eTag: _eTag, ...value } = JSON.parse(item.json) as Record<string, unknown>;
      const next = visit(key, value);
      if (next === undefined) continue;
      if (next === null) this.items.delete(key);
      // Kept in its place: a replacement is no recent write. One the same as the document is no change.
      else if (JSON.stringify(next) !== JSON.stringify(value)) this.items.set(key, withVersion(key, next, randomUUID()));
      else continue;
      changed.push(key);
    }
    if (changed.length > 0) await this.#write(changed);
    return changed.length;
  }

  /** Resolves once everything written so far is on disk, folded into the file unless it already is. */
  async flush(): Promise<void> {
    if (this.#unsaved.size === 0) return this.journaled.foldIfChanged();
    // Changes whose journal write failed are in memory: the new file takes them.
    const unsaved = [...this.#unsaved];
    await this.journaled.fold();
    for (const key of unsaved) this.#unsaved.delete(key);
  }

  /** The keys' journal lines as they stand now, with those of earlier changes that could not be written. */
  #write(keys: string[]): Promise<void> {
    const all = this.#unsaved.size === 0 ? keys : [...new Set([...this.#unsaved, ...keys])];
    this.#unsaved.clear();
    const lines = all.map((key) => {
      const item = this.items.get(key);
      return `{"k":${JSON.stringify(key)},${item ? `"v":${item.json}` : '"d":1'}}\n`;
    });
    return this.journaled.append(lines.join('')).catch((error: unknown) => {
      for (const key of all) this.#unsaved.add(key);
      throw error;
    });
  }
}

function* keysUpTo(items: Items, count: number): Generator<string> {
  for (const key of items.keys()) {
    if (count-- <= 0) return;
    yield key;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function lineProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value.k !== 'string') return 'no item key ("k")';
  if (value.d === 1 && !('v' in value)) return undefined;
  if (!isObject(value.v)) return `item "${value.k}" is not an object`;
  return undefined;
}

function parseItems(parsed: unknown, file: string): Items {
  if (!isObject(parsed)) {
    const found = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    throw new Error(`${file} should hold a JSON object of documents, found ${found}; it was left as it is`);
  }
  const items: Items = new Map();
  for (const [key, item] of Object.entries(parsed)) {
    if (!isObject(item)) throw new Error(`${file}: item "${key}" is not an object; the file was left as it is`);
    items.set(key, kept(item));
  }
  return items;
}

/** A document read from the files; one without an eTag (written by hand) is given one. */
function kept(item: object): Kept {
  const { eTag } = item as { eTag?: unknown };
  return { json: JSON.stringify(item), version: typeof eTag === 'string' && eTag ? eTag : randomUUID() };
}

/** The document's text with its version as `eTag`, as the files hold it. */
function withVersion(key: string, value: unknown, version: string): Kept {
  if (!isObject(value)) throw new Error(`not writing "${key}": a document must be an object`);
  return { json: JSON.stringify({ ...value, eTag: version }), version };
}
