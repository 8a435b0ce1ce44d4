// The JSON engine's collection of documents (src/storage/json/documentFile.ts), through the engine's interface
// (src/storage/engine.ts): versions, the file, its journal, a cap on the documents kept, what a stop writes.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VersionConflict } from '../../src/storage/engine.ts';
import { conversationRecords } from '../../src/conversation/conversationRecords.ts';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'documents-'));
  file = join(dir, 'db.conversations.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = (maxItems?: number) => JsonDocuments.open(file, { name: 'conversations', maxItems });
/** The documents stored under `keys`, those there. */
async function read(documents: JsonDocuments, keys: string[]): Promise<Record<string, any>> {
  const found: Record<string, any> = Object.create(null);
  for (const key of keys) {
    const stored = await documents.get(key);
    if (stored) found[key] = stored.value;
  }
  return found;
}
/** The file's documents without the version each holds as `eTag`. */
const withoutETags = (items: Record<string, { eTag?: string }>) => Object.fromEntries(Object.entries(items).map(([key, { eTag: _, ...value }]) => [key, value]));
const putAll = (documents: JsonDocuments, items: Record<string, object>) => Promise.all(Object.entries(items).map(([key, value]) => documents.put(key, value)));

describe('JsonDocuments: documents and their versions', () => {
  it('reads unknown keys as absent', async () => {
    const documents = await open();
    expect(Object.keys(await read(documents, ['nobody', 'constructor', '__proto__']))).toEqual([]);
  });

  it('gives each written document a new version on every change', async () => {
    const documents = await open();
    const first = await documents.put('a', { count: 1 });
    expect(await documents.get('a')).toEqual({ value: { count: 1 }, version: first });
    const second = await documents.put('a', { count: 2 });
    expect(second).not.toBe(first);
    expect((await documents.get('a'))?.version).toBe(second);
  });

  it('applies a write at once, before it is on disk: a read just after it sees it', async () => {
    const documents = await open();
    const writing = documents.put('a', { v: 1 });
    const read = documents.get('a');
    expect(await read).toEqual({ value: { v: 1 }, version: await writing });
  });

  it('refuses a stale expected version and leaves the stored value unchanged', async () => {
    const documents = await open();
    const stale = await documents.put('a', { v: 'original' });
    const current = await documents.put('a', { v: 'newer' }, { expectedVersion: stale });
    await expect(documents.put('a', { v: 'lost update' }, { expectedVersion: stale })).rejects.toThrow(VersionConflict);
    expect(await documents.get('a')).toEqual({ value: { v: 'newer' }, version: current });
    const reopened = await open();
    expect(await reopened.get('a')).toEqual({ value: { v: 'newer' }, version: current });
  });

  it('lets only one of two writers expecting the same version win', async () => {
    const documents = await open();
    const version = await documents.put('a', { v: 0 });
    const results = await Promise.allSettled([
      documents.put('a', { v: 'first' }, { expectedVersion: version }),
      documents.put('a', { v: 'second' }, { expectedVersion: version }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((await documents.get('a'))?.value).toEqual({ v: 'first' });
  });

  it('writes nothing of a document that cannot be written as JSON', async () => {
    const documents = await open();
    await documents.put('a', { v: 1 });
    await expect(documents.put('a', { v: 10n })).rejects.toThrow(/BigInt/);
    expect(await read(documents, ['a'])).toEqual({ a: { v: 1 } });
    expect(await read(await open(), ['a'])).toEqual({ a: { v: 1 } });
  });

  it('deletes known and unknown keys', async () => {
    const documents = await open();
    await putAll(documents, { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    await Promise.all(['a', 'b', 'never-written'].map((key) => documents.delete(key)));
    expect(Object.keys(await read(documents, ['a', 'b', 'c']))).toEqual(['c']);
  });

  it('deep-copies on write and on read', async () => {
    const documents = await open();
    const mine = { nested: { list: [1, 2] } };
    await documents.put('a', mine);
    mine.nested.list.push(3);
    const { a } = await read(documents, ['a']);
    expect(a.nested.list).toEqual([1, 2]);
    a.nested.list.push(99);
    expect((await read(documents, ['a'])).a.nested.list).toEqual([1, 2]);
    expect(mine).not.toHaveProperty('eTag');
  });

  it('keeps awkward keys as plain keys', async () => {
    const documents = await open();
    const keys = ['__proto__', 'constructor', 'msteams/19:abc@thread.v2/conversations/x', 'ü ñ 🙂'];
    await Promise.all(keys.map((key, i) => documents.put(key, { i })));
    const items = await read(await open(), keys);
    expect(keys.map((key) => Object.hasOwn(items, key) && items[key].i)).toEqual([0, 1, 2, 3]);
    expect(({} as Record<string, unknown>).i).toBeUndefined();
  });

  it('refuses a document that is not an object', async () => {
    const documents = await open();
    await expect(documents.put('a', null as never)).rejects.toThrow(/"a".*must be an object/);
    await expect(documents.put('a', [1])).rejects.toThrow(/must be an object/);
  });

  it('sweeps: keeps, replaces in place or deletes each document as asked, and counts the changes', async () => {
    const documents = await open();
    await putAll(documents, { old: { lastActive: '2024-01-01' }, recent: { lastActive: '2024-03-01' }, same: { v: 1 } });
    const swept = await documents.sweep((key, value) => (key === 'old' ? null : key === 'recent' ? { ...value, seen: true } : key === 'same' ? { v: 1 } : undefined));
    expect(swept).toBe(2);
    expect(await read(await open(), ['old', 'recent', 'same'])).toEqual({ recent: { lastActive: '2024-03-01', seen: true }, same: { v: 1 } });
  });
});

describe('JsonDocuments: the file', () => {
  it('creates a missing file (and folder) holding an empty object', async () => {
    const nested = join(dir, 'deeper', 'conversations.json');
    await JsonDocuments.open(nested, { name: 'conversations' });
    expect(await readFile(nested, 'utf8')).toBe('{}');
  });

  it('persists across reopening, as compact JSON, with the eTags', async () => {
    const documents = await open();
    await putAll(documents, { a: { v: 1 }, b: { v: 2 } });
    await documents.delete('b');
    const written = (await read(documents, ['a'])).a;
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/\n|": /);
    const reopened = await open();
    expect(await read(reopened, ['a', 'b'])).toEqual({ a: written });
  });

  it('keeps every change of concurrent writes, each applied whole', async () => {
    const documents = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => putAll(documents, { [`k${i}`]: { i }, shared: { last: i } })));
    await documents.flush();
    const reopened = await open();
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const items = await read(reopened, [...keys, 'shared']);
    expect(keys.every((key, i) => items[key]?.i === i)).toBe(true);
    expect(items.shared.last).toBe(49);
  });

  it('removes, for housekeeping, records idle since before a date, and only those', async () => {
    const documents = await open();
    await putAll(documents, {
      old: { lastActive: '2024-01-01T00:00:00.000Z' },
      recent: { lastActive: '2024-03-01T00:00:00.000Z' },
      undated: { v: 1 },
      unreadable: { lastActive: 'yesterday' },
    });
    expect(await conversationRecords(documents).sweepIdle(new Date('2024-02-01T00:00:00.000Z'), () => undefined)).toBe(1);
    const left = await read(await open(), ['old', 'recent', 'undated', 'unreadable']);
    expect(Object.keys(left).sort()).toEqual(['recent', 'undated', 'unreadable']);
  });

  it.each([
    ['not valid JSON', '{"a": {', /is not valid JSON/],
    ['an array', '[{"a": 1}]', /should hold a JSON object.*found an array/],
    ['a number', '42', /found a number/],
    ['null', 'null', /found null/],
    ['an item that is not an object', '{"a": 3}', /item "a" is not an object/],
    ['empty', '', /is not valid JSON/],
  ])('refuses a file that is %s, naming it, without overwriting it', async (_, content, problem) => {
    await writeFile(file, content);
    const opening = open();
    await expect(opening).rejects.toThrow(problem);
    await expect(opening).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('JsonDocuments: the journal', () => {
  const journal = () => `${file}.journal`;

  it('appends each change to the journal and leaves the file as it is; reopening replays it and folds it in', async () => {
    const documents = await open();
    const fileBefore = await readFile(file, 'utf8');
    await documents.put('a', { v: 1 });
    await documents.put('b', { v: 2 });
    await documents.delete('a');
    expect(await readFile(file, 'utf8')).toBe(fileBefore);
    const lines = (await readFile(journal(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([{ k: 'a', v: expect.objectContaining({ v: 1 }) }, { k: 'b', v: expect.objectContaining({ v: 2 }) }, { k: 'a', d: 1 }]);

    const written = await read(documents, ['a', 'b']);
    const reopened = await open();
    expect(await read(reopened, ['a', 'b'])).toEqual(written);
    expect(await readFile(journal(), 'utf8')).toBe('');
    expect(withoutETags(JSON.parse(await readFile(file, 'utf8')))).toEqual(written);
  });

  it('folds the journal into the file when flushed (at shutdown)', async () => {
    const documents = await open();
    await documents.put('a', { v: 1 });
    await documents.flush();
    expect(await readFile(journal(), 'utf8')).toBe('');
    expect(withoutETags(JSON.parse(await readFile(file, 'utf8')))).toEqual(await read(documents, ['a']));
  });

  it('costs one short line per change however many conversations are stored', async () => {
    const documents = await open();
    await putAll(documents, Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`idle-${i}`, { v: 'x'.repeat(500) }])));
    await documents.flush();
    const fileBytes = (await readFile(file)).length;
    await documents.put('busy', { v: 1 });
    expect((await readFile(file)).length).toBe(fileBytes);
    expect((await readFile(journal())).length).toBeLessThan(200);
  });

  it('leaves out a last line torn by a crash, and cuts it off', async () => {
    const documents = await open();
    await documents.put('a', { v: 1 });
    await writeFile(journal(), `${await readFile(journal(), 'utf8')}{"k":"b","v":{"v":`);
    const reopened = await open();
    expect(Object.keys(await read(reopened, ['a', 'b']))).toEqual(['a']);
    expect(await readFile(journal(), 'utf8')).toBe('');
  });

  it.each([
    ['not JSON', 'nonsense\n', /line 2, is not valid JSON/],
    ['not a change', '{"k":"a","v":3}\n', /line 2: item "a" is not an object/],
    ['without a key', '{"v":{}}\n', /line 2: no item key/],
  ])('refuses a journal line that is %s, naming the journal, and leaves both files as they are', async (_, line, problem) => {
    const documents = await open();
    await documents.put('a', { v: 1 });
    const fileText = await readFile(file, 'utf8');
    const journalText = `${await readFile(journal(), 'utf8')}${line}`;
    await writeFile(journal(), journalText);
    const opening = open();
    await expect(opening).rejects.toThrow(problem);
    await expect(opening).rejects.toThrow(journal());
    expect(await readFile(file, 'utf8')).toBe(fileText);
    expect(await readFile(journal(), 'utf8')).toBe(journalText);
  });

  it('refuses a journal whose file is missing', async () => {
    await writeFile(journal(), '{"k":"a","v":{}}\n');
    await expect(open()).rejects.toThrow(/holds changes but .* is missing/);
  });
});

describe('JsonDocuments: a cap on the documents kept', () => {
  const journalLines = async () => (await readFile(`${file}.journal`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

  it('forgets the items written longest ago beyond the cap, as deletions a reopening agrees with', async () => {
    const documents = await open(3);
    for (const key of ['a', 'b', 'c']) await documents.put(key, { key });
    await documents.put('a', { key: 'a', again: true }); // a is now the most recent
    await read(documents, ['b']); // a read does not count
    await documents.put('d', { key: 'd' });
    expect(Object.keys(await read(documents, ['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
    expect(await journalLines()).toContainEqual({ k: 'b', d: 1 });

    expect(Object.keys(await JsonDocuments.onDisk(file)).sort()).toEqual(['a', 'c', 'd']);
    const reopened = await open(3);
    expect(await read(reopened, ['a', 'b', 'c', 'd'])).toEqual(await read(documents, ['a', 'c', 'd']));
    // The order of writes survives the reopening: c, written before a was written again, goes first.
    await reopened.put('e', { key: 'e' });
    expect(Object.keys(await read(reopened, ['a', 'c', 'd', 'e'])).sort()).toEqual(['a', 'd', 'e']);
  });

  it('forgets the oldest at opening when the cap was lowered, folding them out of the file', async () => {
    const documents = await open();
    for (const key of ['a', 'b', 'c', 'd']) await documents.put(key, { key });
    const reopened = await open(2);
    expect(Object.keys(await read(reopened, ['a', 'b', 'c', 'd'])).sort()).toEqual(['c', 'd']);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8'))).sort()).toEqual(['c', 'd']);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
  });

  it('does not count an expiry note left by housekeeping as a recent write', async () => {
    const documents = await open(2);
    await documents.put('idle', { lastActive: '2024-01-01T00:00:00.000Z' });
    await documents.put('busy', { lastActive: '2024-03-01T00:00:00.000Z' });
    await documents.sweep((key, item) => (key === 'idle' ? { ...item, expired: true } : undefined));
    await documents.put('next', { lastActive: '2024-03-02T00:00:00.000Z' });
    expect(Object.keys(await read(documents, ['idle', 'busy', 'next'])).sort()).toEqual(['busy', 'next']);
  });
});

describe('JsonDocuments: what a stop writes', () => {
  it('leaves the file untouched when nothing changed since it was last folded', async () => {
    const documents = await open();
    await documents.put('a', { v: 1 });
    await documents.flush();
    const folded = await stat(file);
    await documents.flush();
    await read(documents, ['a']);
    await documents.flush();
    const reopened = await open();
    await reopened.flush();
    const after = await stat(file);
    expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({ ino: folded.ino, mtimeMs: folded.mtimeMs });
  });

  it('writes a store larger than one chunk whole, leaving no temporary file', async () => {
    const documents = await open();
    const keys = Array.from({ length: 3_000 }, (_, i) => `flow/test/${i}/é 🙂`);
    await putAll(documents, Object.fromEntries(keys.map((key, i) => [key, { i, text: 'ü'.repeat(300) }])));
    await documents.put('last', { v: 1 });
    await documents.flush();
    const text = await readFile(file, 'utf8');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(withoutETags(JSON.parse(text))).toEqual(await read(documents, [...keys, 'last']));
    expect((await stat(file)).size).toBe(Buffer.byteLength(text));
    await expect(stat(join(dir, `.${'db.conversations.json'}.tmp`))).rejects.toThrow(/ENOENT/);
  });
});
