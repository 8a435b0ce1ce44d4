import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { JournalWriter, readJournalLines, syncDirectory, writing } from '../store/journal.ts';

/** An item as kept in memory: its JSON text (what the files hold, and what a read parses) and its eTag. */
interface Kept {
  json: string;
  eTag: string;
}
/** By key, least recently written first: a Map keeps insertion order, and a write inserts again. */
type Items = Map<string, Kept>;

/** A line of the journal: an item put (its JSON) or deleted. */
type JournalLine = { k: string; v: StoreItem } | { k: string; d: 1 };

/** The journal is folded into the file once it is this large and larger than the file itself. */
const FOLD_AT_BYTES = 4 * 1024 * 1024;
/** A fold writes the file this many characters at a time: its memory stays small however many items there are. */
const FOLD_CHUNK_CHARS = 256 * 1024;

/**
 * Bot Framework conversation state in its own JSON file, with a journal beside it. Each write or
 * delete is applied to memory at once, in call order, and resolves when it is on disk: the changed
 * items are appended to `<file>.journal` as JSON lines and flushed, so a turn costs the same with ten
 * conversations stored or ten thousand. Changes that arrive while an append is on its way go out
 * together in the next. The journal is folded into the file (a new file written a chunk at a time,
 * then renamed over the old) when the storage opens, when it is flushed at shutdown with changes
 * since the last fold, and when it has grown large.
 * At most `maxItems` are kept: a write beyond that forgets the items written longest ago, as
 * deletions in the journal, so memory stays bounded however many conversations come and go.
 * Items are kept as JSON text: a read is one parse, a write one stringify, so what is read back now is
 * exactly what will be read back after a restart.
 */
export class JsonConversationStorage implements Storage {
  /** Changes not yet on their way to the journal: the item's new text, or null for a deletion. */
  private readonly pending = new Map<string, Kept | null>();
  private writing: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;
  /** The file's size when last written whole. */
  private fileBytes = 0;

  private constructor(
    private readonly file: string,
    private readonly items: Items,
    private readonly journal: JournalWriter,
    private readonly maxItems: number,
  ) {}

  /**
   * Opens (or creates) the file, replays its journal and folds it in, forgetting the items written
   * longest ago beyond `maxItems`; refuses, without touching either, a file that is not a JSON object
   * of items or a journal line that is not a change.
   */
  static async open(file: string, { maxItems = Infinity }: { maxItems?: number } = {}): Promise<JsonConversationStorage> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const isNew = text === undefined;
    const items = isNew ? new Map<string, Kept>() : parseItems(file, text);
    const journalFile = `${file}.journal`;
    const { lines, validBytes, tornBytes } = await readJournalLines(journalFile, 'Conversations journal', journalLineProblem);
    if (isNew && lines.length > 0) throw new Error(`Conversations journal ${journalFile} holds changes but ${file} is missing; the files were left as they are`);
    replay(items, lines as JournalLine[]);
    const over = Math.max(0, items.size - maxItems);
    for (const key of [...keysUpTo(items, over)]) items.delete(key);
    if (isNew) await mkdir(dirname(file), { recursive: true });
    const storage = new JsonConversationStorage(file, items, await JournalWriter.open(journalFile, validBytes), maxItems);
    if (isNew || lines.length > 0 || tornBytes > 0 || over > 0) await storage.fold();
    return storage;
  }

  /** What is on disk (the file with its journal replayed), read without changing either. */
  static async onDisk(file: string): Promise<StoreItems> {
    const items = parseItems(file, await readFile(file, 'utf8'));
    const { lines } = await readJournalLines(`${file}.journal`, 'Conversations journal', journalLineProblem);
    replay(items, lines as JournalLine[]);
    const found: StoreItems = Object.create(null);
    for (const [key, { json }] of items) found[key] = JSON.parse(json) as StoreItem;
    return found;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = Object.create(null);
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = JSON.parse(item.json) as StoreItem;
    }
    return found;
  }

  /** The keys of the items stored, least recently written first. */
  keys(): string[] {
    return [...this.items.keys()];
  }

  /** The eTag of the item stored under `key` (new on every write), without reading the item. */
  version(key: string): string | undefined {
    return this.items.get(key)?.eTag || undefined;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => [key, checkedItem(key, item)] as const);
    // Check the whole batch before changing anything, so a refused batch writes nothing.
    for (const [key, item] of entries) {
      const stored = this.items.get(key);
      if (stored && item.eTag && item.eTag !== '*' && item.eTag !== stored.eTag) {
        throw new Error(`Storage: not writing "${key}": it changed since it was read (eTag conflict)`);
      }
    }
    if (entries.length === 0) return;
    // Every text made before any is kept: an item that cannot be written as JSON changes nothing.
    const texts = entries.map(([key, item]) => [key, kept({ ...item, eTag: randomUUID() })] as const);
    for (const [key, text] of texts) this.change(key, text);
    // The batch's items were written last, so the ones forgotten are others, written longest ago.
    const over = Math.min(this.items.size - this.maxItems, this.items.size - texts.length);
    if (over > 0) for (const key of [...keysUpTo(this.items, over)]) this.change(key, null);
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    const known = keys.filter((key) => this.items.has(key));
    if (known.length === 0) return;
    for (const key of known) this.change(key, null);
    await this.persist();
  }

  /** Deletes items whose `lastActive` (ISO date) is before `olderThan`; returns how many. */
  async removeIdle(olderThan: Date): Promise<number> {
    return this.sweepIdle(olderThan, () => undefined);
  }

  /**
   * For each item whose `lastActive` (ISO date) is before `olderThan`: keep what `replace` returns
   * in its place (a smaller item, e.g. a note that it expired), or delete it when that is undefined.
   * Returns how many items were replaced or deleted.
   */
  async sweepIdle<T extends object>(olderThan: Date, replace: (item: T) => T | undefined): Promise<number> {
    let swept = 0;
    for (const [key, { json }] of this.items) {
      const lastActive = (JSON.parse(json) as StoreItem).lastActive;
      if (typeof lastActive !== 'string' || !(Date.parse(lastActive) < olderThan.getTime())) continue;
      const next = replace(JSON.parse(json) as T);
      if (next === undefined) this.change(key, null);
      // Kept in its place: a note left for an idle item does not make it recent.
      else if (JSON.stringify(next) !== json) this.change(key, kept({ ...checkedItem(key, next as StoreItem), eTag: randomUUID() }), false);
      else continue;
      swept++;
    }
    if (swept > 0) await this.persist();
    return swept;
  }

  /** Resolves once everything written so far is on disk, folded into the file (at shutdown) unless it already is. */
  async flush(): Promise<void> {
    await this.persist();
    await this.queue(async () => {
      if (this.journal.size > 0) await this.fold();
    });
  }

  /** An item changed in memory, noted for the journal; a write makes it the most recent (`recent`). */
  private change(key: string, text: Kept | null, recent = true): void {
    if (!text || recent) this.items.delete(key);
    if (text) this.items.set(key, text);
    // In the journal in the order made, so a replay leaves the items in the same order.
    this.pending.delete(key);
    this.pending.set(key, text);
  }

  /**
   * One append at a time, carrying every change made until it starts. A failed append rejects for
   * the changes it carried; they stay in memory and go out with the next one (unless changed again
   * meanwhile) rather than being rolled back under later changes.
   */
  private persist(): Promise<void> {
    this.nextWrite ??= this.queue(async () => {
      this.nextWrite = undefined;
      const batch = new Map(this.pending);
      this.pending.clear();
      if (batch.size === 0) return;
      const lines = [...batch].map(([key, text]) => `{"k":${JSON.stringify(key)},${text ? `"v":${text.json}` : '"d":1'}}\n`);
      try {
        await this.journal.append(Buffer.from(lines.join('')));
      } catch (error) {
        for (const [key, text] of batch) if (!this.pending.has(key)) this.pending.set(key, text);
        throw error;
      }
      if (this.journal.size > FOLD_AT_BYTES && this.journal.size > this.fileBytes) await this.fold();
    });
    return this.nextWrite;
  }

  /**
   * The file written whole from memory and flushed, then the journal emptied. An item changed while
   * the file is being written is also in a later journal line (the append waits for the fold), so the
   * file and its journal still replay to what memory holds.
   */
  private async fold(): Promise<void> {
    this.fileBytes = await writing(this.file, () => writeWhole(this.file, fileText(this.items, [...this.items.keys()])));
    // A crash before this line replays the journal onto a file that already holds it: no harm.
    await this.journal.clear();
  }

  private queue(step: () => Promise<void>): Promise<void> {
    const run = this.writing.then(step);
    this.writing = run.catch(() => undefined);
    return run;
  }
}

function replay(items: Items, lines: JournalLine[]): void {
  for (const line of lines) {
    items.delete(line.k);
    if (!('d' in line)) items.set(line.k, kept(line.v));
  }
}

function* keysUpTo(items: Items, count: number): Generator<string> {
  for (const key of items.keys()) {
    if (count-- <= 0) return;
    yield key;
  }
}

function journalLineProblem(value: unknown): string | undefined {
  const line = value as Partial<{ k: unknown; v: unknown; d: unknown }> | null;
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return 'not a JSON object';
  if (typeof line.k !== 'string') return 'no item key ("k")';
  if (line.d === 1 && !('v' in line)) return undefined;
  if (typeof line.v !== 'object' || line.v === null || Array.isArray(line.v)) return `item "${line.k}" is not an object`;
  return undefined;
}

function parseItems(file: string, text: string): Items {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); it was left as it is`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const found = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    throw new Error(`${file} should hold a JSON object of conversation items, found ${found}; it was left as it is`);
  }
  const items: Items = new Map();
  for (const [key, item] of Object.entries(parsed)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(`${file}: item "${key}" is not an object; the file was left as it is`);
    }
    items.set(key, kept(item as StoreItem));
  }
  return items;
}

/**
 * The file, piece by piece: the items' texts put together, nothing stringified again. Each item is
 * taken as it is when its turn comes; one deleted meanwhile is left out.
 */
function* fileText(items: Items, keys: string[]): Generator<string> {
  let separator = '{';
  for (const key of keys) {
    const item = items.get(key);
    if (!item) continue;
    yield `${separator}${JSON.stringify(key)}:${item.json}`;
    separator = ',';
  }
  yield separator === '{' ? '{}' : '}';
}

/**
 * Writes a file whole, as lowdb does (a temporary file beside it, renamed over it), but a chunk at a
 * time rather than from one string the size of the file; flushes it and its folder; returns its size.
 */
async function writeWhole(file: string, pieces: Iterable<string>): Promise<number> {
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    const writeAll = async (text: string) => {
      const buffer = Buffer.from(text);
      for (let written = 0; written < buffer.length;) written += (await handle.write(buffer, written)).bytesWritten;
      bytes += buffer.length;
    };
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < FOLD_CHUNK_CHARS) continue;
      await writeAll(chunk);
      chunk = '';
    }
    await writeAll(chunk);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await renameRetried(temporary, file);
  await syncDirectory(dirname(file));
  return bytes;
}

/** Windows can refuse a rename for a moment while something reads the file: lowdb's writer tries ten times. */
async function renameRetried(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function kept(item: StoreItem): Kept {
  return { json: JSON.stringify(item), eTag: typeof item.eTag === 'string' ? item.eTag : '' };
}

function checkedItem(key: string, item: unknown): StoreItem {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new Error(`Storage: not writing "${key}": the item must be an object`);
  }
  return item as StoreItem;
}
