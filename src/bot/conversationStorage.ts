import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';

/** An item as kept in memory: its JSON text (what the file holds, and what a read parses) and its eTag. */
interface Kept {
  json: string;
  eTag: string;
}
type Items = Record<string, Kept>;

/**
 * Bot Framework conversation state in its own lowdb file. Each write or delete is applied to
 * memory at once, in call order, and resolves when a disk write containing it has finished;
 * changes that arrive while the file is being written go out together in the next write.
 * Items are kept as JSON text: a read is one parse, a write one stringify, and the file is the texts
 * put together, so what is read back now is exactly what will be read back after a restart.
 */
export class JsonConversationStorage implements Storage {
  private writing: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;

  private constructor(private readonly db: Low<Items>) {}

  /** Opens (or creates) the file; refuses, without touching it, one that is not a JSON object. */
  static async open(file: string): Promise<JsonConversationStorage> {
    const db = new Low<Items>(
      new DataFile<Items>(file, { parse: (text) => parseItems(file, text), stringify: fileText }),
      Object.create(null) as Items,
    );
    const isNew = !existsSync(file);
    await db.read();
    if (isNew) {
      await mkdir(dirname(file), { recursive: true });
      await db.write();
    }
    return new JsonConversationStorage(db);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = Object.create(null);
    for (const key of keys) {
      if (Object.hasOwn(this.db.data, key)) found[key] = JSON.parse(this.db.data[key].json) as StoreItem;
    }
    return found;
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
    for (const [key, text] of texts) this.db.data[key] = text;
    await this.persist();
  }

  async delete(keys: string[]): Promise<void> {
    const known = keys.filter((key) => Object.hasOwn(this.db.data, key));
    if (known.length === 0) return;
    for (const key of known) delete this.db.data[key];
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
      if (next === undefined) delete this.db.data[key];
      else if (JSON.stringify(next) !== json) this.db.data[key] = kept({ ...checkedItem(key, next), eTag: randomUUID() });
      else continue;
      swept++;
    }
    if (swept > 0) await this.persist();
    return swept;
  }

  /** Resolves once everything written so far is on disk. */
  flush(): Promise<void> {
    return this.persist();
  }

  /**
   * One disk write at a time. A failed write rejects for the changes it carried; they stay in
   * memory and go out with the next write rather than being rolled back under later changes.
   */
  private persist(): Promise<void> {
    if (!this.nextWrite) {
      const next = this.writing.then(() => {
        this.nextWrite = undefined;
        return this.db.write();
      });
      this.nextWrite = next;
      this.writing = next.catch(() => undefined);
    }
    return this.nextWrite;
  }
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
