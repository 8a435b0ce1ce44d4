import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { JournalWriter, readJournalLines, syncFile, writing } from '../store/journal.ts';

/** An item as kept in memory: its JSON text (what the files hold, and what a read parses) and its eTag. */
interface Kept {
  json: string;
  eTag: string;
}
type Items = Record<string, Kept>;

/** A line of the journal: an item put (its JSON) or deleted. */
type JournalLine = { k: string; v: StoreItem } | { k: string; d: 1 };

/** The journal is folded into the file once it is this large and larger than the file itself. */
const FOLD_AT_BYTES = 4 * 1024 * 1024;

/**
 * Bot Framework conversation state in its own lowdb file, with a journal beside it. Each write or
 * delete is applied to memory at once, in call order, and resolves when it is on disk: the changed
 * items are appended to `<file>.journal` as JSON lines and flushed, so a turn costs the same with ten
 * conversations stored or ten thousand. Changes that arrive while an append is on its way go out
 * together in the next. The journal is folded into the file (lowdb's write: a new file, renamed over
 * the old) when the storage opens, when it is flushed at shutdown, and when it has grown large.
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
    private readonly db: Low<Items>,
    private readonly journal: JournalWriter,
  ) {}

  /**
   * Opens (or creates) the file, replays its journal and folds it in; refuses, without touching
   * either, a file that is not a JSON object of items or a journal line that is not a change.
   */
  static async open(file: string): Promise<JsonConversationStorage> {
    const db = new Low<Items>(
      new DataFile<Items>(file, { parse: (text) => parseItems(file, text), stringify: fileText }),
      Object.create(null) as Items,
    );
    const isNew = !existsSync(file);
    await db.read();
    const journalFile = `${file}.journal`;
    const { lines, validBytes, tornBytes } = await readJournalLines(journalFile, 'Conversations journal', journalLineProblem);
    if (isNew && lines.length > 0) throw new Error(`Conversations journal ${journalFile} holds changes but ${file} is missing; the files were left as they are`);
    replay(db.data, lines as JournalLine[]);
    if (isNew) await mkdir(dirname(file), { recursive: true });
    const storage = new JsonConversationStorage(file, db, await JournalWriter.open(journalFile, validBytes));
    if (isNew || lines.length > 0 || tornBytes > 0) await storage.fold();
    return storage;
  }

  /** What is on disk (the file with its journal replayed), read without changing either. */
  static async onDisk(file: string): Promise<StoreItems> {
    const items = parseItems(file, await readFile(file, 'utf8'));
    const { lines } = await readJournalLines(`${file}.journal`, 'Conversations journal', journalLineProblem);
    replay(items, lines as JournalLine[]);
    return Object.fromEntries(Object.entries(items).map(([key, { json }]) => [key, JSON.parse(json) as StoreItem]));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = Object.create(null);
    for (const key of keys) {
      if (Object.hasOwn(this.db.data, key)) found[key] = JSON.parse(this.db.data[key].json) as StoreItem;
    }
    return found;
  }

  /** The eTag of the item stored under `key` (new on every write), without reading the item. */
  version(key: string): string | undefined {
    return (Object.hasOwn(this.db.data, key) && this.db.data[key].eTag) || undefined;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => [key, checkedItem(key, item)] as const);
    // Check the whole batch before changing anything, so a refused batch writes nothing.
    for (const [key, item] of entries) {
      const stored = this.db.data[key];
      if (stored && item.eTag && item.eTag !== '*' && item.eTag !== stored.eTag) {
        throw new Error(`Storage: not writing "${key}": it changed since it was read (eTag conflict)`);
      }
    }
    if (entries.length === 0) return;
    // Every text made before any is kept: an item that cannot be written as JSON changes nothing.
    const texts = entries.map(([key, item]) => [key, kept({ ...item, eTag: randomUUID() })] as const);
    for (const [key, text] of texts) this.change(key, text);
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    const known = keys.filter((key) => Object.hasOwn(this.db.data, key));
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
  async sweepIdle(olderThan: Date, replace: (item: StoreItem) => StoreItem | undefined): Promise<number> {
    let swept = 0;
    for (const key of Object.keys(this.db.data)) {
      const { json } = this.db.data[key];
      const lastActive = (JSON.parse(json) as StoreItem).lastActive;
      if (typeof lastActive !== 'string' || !(Date.parse(lastActive) < olderThan.getTime())) continue;
      const next = replace(JSON.parse(json) as StoreItem);
      if (next === undefined) this.change(key, null);
      else if (JSON.stringify(next) !== json) this.change(key, kept({ ...checkedItem(key, next), eTag: randomUUID() }));
      else continue;
      swept++;
    }
    if (swept > 0) await this.persist();
    return swept;
  }

  /** Resolves once everything written so far is on disk, folded into the file (at shutdown). */
  async flush(): Promise<void> {
    await this.persist();
    await this.queue(() => this.fold());
  }

  private change(key: string, text: Kept | null): void {
    if (text) this.db.data[key] = text;
    else delete this.db.data[key];
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

  /** The file written whole from memory and flushed, then the journal emptied. */
  private async fold(): Promise<void> {
    await writing(this.file, async () => {
      await this.db.write();
      this.fileBytes = await syncFile(this.file);
    });
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
    if ('d' in line) delete items[line.k];
    else items[line.k] = kept(line.v);
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
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); it was left as it is`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const found = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    throw new Error(`${file} should hold a JSON object of conversation items, found ${found}; it was left as it is`);
  }
  // A prototype-free map, so keys such as "__proto__" or "constructor" are plain keys.
  const items = Object.create(null) as Items;
  for (const [key, item] of Object.entries(parsed)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new Error(`${file}: item "${key}" is not an object; the file was left as it is`);
    }
    items[key] = kept(item as StoreItem);
  }
  return items;
}

/** The file: the items' texts put together, nothing stringified again. */
function fileText(items: Items): string {
  const parts: string[] = [];
  for (const key of Object.keys(items)) parts.push(`${JSON.stringify(key)}:${items[key].json}`);
  return `{${parts.join(',')}}`;
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
