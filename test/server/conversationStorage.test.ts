import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonConversationStorage } from '../../src/bot/conversationStorage.ts';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conversations-'));
  file = join(dir, 'db.conversations.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('JsonConversationStorage: the botbuilder Storage contract', () => {
  it('reads unknown keys as absent', async () => {
    const storage = await JsonConversationStorage.open(file);
    const items = await storage.read(['nobody', 'constructor', '__proto__']);
    expect(Object.keys(items)).toEqual([]);
    expect(items.nobody).toBeUndefined();
  });

  it('gives each written item a new string eTag on every change', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { count: 1 } });
    const first = (await storage.read(['a'])).a;
    expect(first).toMatchObject({ count: 1, eTag: expect.any(String) });
    await storage.write({ a: { ...first, count: 2 } });
    const second = (await storage.read(['a'])).a;
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('refuses a stale eTag and leaves the stored value unchanged', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 'original' } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { ...stale, v: 'newer' } });
    const current = (await storage.read(['a'])).a;

    await expect(storage.write({ a: { ...stale, v: 'lost update' } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a).toEqual(current);
    const reopened = await JsonConversationStorage.open(file);
    expect((await reopened.read(['a'])).a).toEqual(current);
  });

  it('writes nothing of a batch when one of its items is stale', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    const before = await storage.read(['a', 'b']);
    await expect(
      storage.write({ a: { v: 2, eTag: before.a.eTag }, b: { v: 2, eTag: 'stale' }, c: { v: 2 } }),
    ).rejects.toThrow(/"b"/);
    expect(await storage.read(['a', 'b', 'c'])).toEqual(before);
  });

  it('writes nothing of a batch when one of its items cannot be written as JSON', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    const before = await storage.read(['a', 'b']);
    await expect(storage.write({ a: { v: 2 }, b: { v: 10n } })).rejects.toThrow(/BigInt/);
    expect(await storage.read(['a', 'b'])).toEqual(before);
    const reopened = await JsonConversationStorage.open(file);
    expect(await reopened.read(['a', 'b'])).toEqual(before);
  });

  it("always writes with '*', with no eTag, and with the current eTag", async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    await storage.write({ a: { v: 2, eTag: '*' } });
    await storage.write({ a: { v: 3 } });
    const { a } = await storage.read(['a']);
    expect(a.v).toBe(3);
    await storage.write({ a: { v: 4, eTag: a.eTag } });
    expect((await storage.read(['a'])).a.v).toBe(4);
  });

  it('deletes known and unknown keys, in batches', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    await storage.delete(['a', 'b', 'never-written']);
    await storage.delete(['never-written']);
    expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['c']);
  });

  it('deep-copies on write and on read', async () => {
    const storage = await JsonConversationStorage.open(file);
    const mine = { nested: { list: [1, 2] } };
    await storage.write({ a: mine });
    mine.nested.list.push(3);
    const read = (await storage.read(['a'])).a;
    expect(read.nested.list).toEqual([1, 2]);
    read.nested.list.push(99);
    expect((await storage.read(['a'])).a.nested.list).toEqual([1, 2]);
    expect(mine).not.toHaveProperty('eTag');
  });

  it('keeps awkward keys as plain keys', async () => {
    const storage = await JsonConversationStorage.open(file);
    const keys = ['__proto__', 'constructor', 'msteams/19:abc@thread.v2/conversations/x', 'ü ñ 🙂'];
    await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
    const reopened = await JsonConversationStorage.open(file);
    const items = await reopened.read(keys);
    expect(keys.map((key) => Object.hasOwn(items, key) && items[key].i)).toEqual([0, 1, 2, 3]);
    expect(({} as Record<string, unknown>).i).toBeUndefined();
  });

  it('refuses an item that is not an object', async () => {
    const storage = await JsonConversationStorage.open(file);
    await expect(storage.write({ a: null })).rejects.toThrow(/"a".*must be an object/);
    await expect(storage.write({ a: [1] })).rejects.toThrow(/must be an object/);
  });
});

describe('JsonConversationStorage: the file', () => {
  it('creates a missing file (and folder) holding an empty object', async () => {
    const nested = join(dir, 'deeper', 'conversations.json');
    await JsonConversationStorage.open(nested);
    expect(await readFile(nested, 'utf8')).toBe('{}');
  });

  it('persists across reopening, as compact JSON, with the eTags', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['b']);
    const written = (await storage.read(['a'])).a;
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/\n|": /);
    const reopened = await JsonConversationStorage.open(file);
    expect(await reopened.read(['a', 'b'])).toEqual({ a: written });
  });

  it('keeps every change of concurrent writes, each applied whole', async () => {
    const storage = await JsonConversationStorage.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.write({ [`k${i}`]: { i }, shared: { last: i } })));
    await storage.flush();
    const reopened = await JsonConversationStorage.open(file);
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const items = await reopened.read([...keys, 'shared']);
    expect(keys.every((key, i) => items[key]?.i === i)).toBe(true);
    expect(items.shared.last).toBe(49);
  });

  it('lets only one of two writers holding the same eTag win', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 0 } });
    const { eTag } = (await storage.read(['a'])).a;
    const results = await Promise.allSettled([
      storage.write({ a: { v: 'first', eTag } }),
      storage.write({ a: { v: 'second', eTag } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((await storage.read(['a'])).a.v).toBe('first');
  });

  it('removes items idle since before a date, and only those', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({
      old: { lastActive: '2024-01-01T00:00:00.000Z' },
      recent: { lastActive: '2024-03-01T00:00:00.000Z' },
      undated: { v: 1 },
      unreadable: { lastActive: 'yesterday' },
    });
    expect(await storage.removeIdle(new Date('2024-02-01T00:00:00.000Z'))).toBe(1);
    const reopened = await JsonConversationStorage.open(file);
    const left = await reopened.read(['old', 'recent', 'undated', 'unreadable']);
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
    const opening = JsonConversationStorage.open(file);
    await expect(opening).rejects.toThrow(problem);
    await expect(opening).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('JsonConversationStorage: the journal', () => {
  const journal = () => `${file}.journal`;

  it('appends each change to the journal and leaves the file as it is; reopening replays it and folds it in', async () => {
    const storage = await JsonConversationStorage.open(file);
    const fileBefore = await readFile(file, 'utf8');
    await storage.write({ a: { v: 1 } });
    await storage.write({ b: { v: 2 } });
    await storage.delete(['a']);
    expect(await readFile(file, 'utf8')).toBe(fileBefore);
    const lines = (await readFile(journal(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([{ k: 'a', v: expect.objectContaining({ v: 1 }) }, { k: 'b', v: expect.objectContaining({ v: 2 }) }, { k: 'a', d: 1 }]);

    const written = await storage.read(['a', 'b']);
    const reopened = await JsonConversationStorage.open(file);
    expect(await reopened.read(['a', 'b'])).toEqual(written);
    expect(await readFile(journal(), 'utf8')).toBe('');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(written);
  });

  it('folds the journal into the file when flushed (at shutdown)', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    await storage.flush();
    expect(await readFile(journal(), 'utf8')).toBe('');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(await storage.read(['a']));
  });

  it('costs one short line per change however many conversations are stored', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`idle-${i}`, { v: 'x'.repeat(500) }])));
    await storage.flush();
    const fileBytes = (await readFile(file)).length;
    await storage.write({ busy: { v: 1 } });
    expect((await readFile(file)).length).toBe(fileBytes);
    expect((await readFile(journal())).length).toBeLessThan(200);
  });

  it('leaves out a last line torn by a crash, and cuts it off', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    await writeFile(journal(), `${await readFile(journal(), 'utf8')}{"k":"b","v":{"v":`);
    const reopened = await JsonConversationStorage.open(file);
    expect(Object.keys(await reopened.read(['a', 'b']))).toEqual(['a']);
    expect(await readFile(journal(), 'utf8')).toBe('');
  });

  it.each([
    ['not JSON', 'nonsense\n', /line 2, is not valid JSON/],
    ['not a change', '{"k":"a","v":3}\n', /line 2: item "a" is not an object/],
    ['without a key', '{"v":{}}\n', /line 2: no item key/],
  ])('refuses a journal line that is %s, naming the journal, and leaves both files as they are', async (_, line, problem) => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    const fileText = await readFile(file, 'utf8');
    const journalText = `${await readFile(journal(), 'utf8')}${line}`;
    await writeFile(journal(), journalText);
    const opening = JsonConversationStorage.open(file);
    await expect(opening).rejects.toThrow(problem);
    await expect(opening).rejects.toThrow(journal());
    expect(await readFile(file, 'utf8')).toBe(fileText);
    expect(await readFile(journal(), 'utf8')).toBe(journalText);
  });

  it('refuses a journal whose file is missing', async () => {
    await writeFile(journal(), '{"k":"a","v":{}}\n');
    await expect(JsonConversationStorage.open(file)).rejects.toThrow(/holds changes but .* is missing/);
  });
});

describe('JsonConversationStorage: a cap on the items kept', () => {
  const journalLines = async () => (await readFile(`${file}.journal`, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));

  it('forgets the items written longest ago beyond the cap, as deletions a reopening agrees with', async () => {
    const storage = await JsonConversationStorage.open(file, { maxItems: 3 });
    for (const key of ['a', 'b', 'c']) await storage.write({ [key]: { key } });
    await storage.write({ a: { key: 'a', again: true } }); // a is now the most recent
    await storage.read(['b']); // a read does not count
    await storage.write({ d: { key: 'd' } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
    expect(await journalLines()).toContainEqual({ k: 'b', d: 1 });

    expect(Object.keys(await JsonConversationStorage.onDisk(file)).sort()).toEqual(['a', 'c', 'd']);
    const reopened = await JsonConversationStorage.open(file, { maxItems: 3 });
    expect(await reopened.read(['a', 'b', 'c', 'd'])).toEqual(await storage.read(['a', 'c', 'd']));
    // The order of writes survives the reopening: c, written before a was written again, goes first.
    await reopened.write({ e: { key: 'e' } });
    expect(Object.keys(await reopened.read(['a', 'c', 'd', 'e'])).sort()).toEqual(['a', 'd', 'e']);
  });

  it('keeps a batch whole even when it alone is over the cap, and forgets the rest', async () => {
    const storage = await JsonConversationStorage.open(file, { maxItems: 2 });
    await storage.write({ old: { v: 0 } });
    await storage.write({ x: { v: 1 }, y: { v: 2 }, z: { v: 3 } });
    expect(Object.keys(await storage.read(['old', 'x', 'y', 'z'])).sort()).toEqual(['x', 'y', 'z']);
  });

  it('forgets the oldest at opening when the cap was lowered, folding them out of the file', async () => {
    const storage = await JsonConversationStorage.open(file);
    for (const key of ['a', 'b', 'c', 'd']) await storage.write({ [key]: { key } });
    const reopened = await JsonConversationStorage.open(file, { maxItems: 2 });
    expect(Object.keys(await reopened.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['c', 'd']);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8'))).sort()).toEqual(['c', 'd']);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
  });

  it('does not count an expiry note left by housekeeping as a recent write', async () => {
    const storage = await JsonConversationStorage.open(file, { maxItems: 2 });
    await storage.write({ idle: { lastActive: '2024-01-01T00:00:00.000Z' } });
    await storage.write({ busy: { lastActive: '2024-03-01T00:00:00.000Z' } });
    await storage.sweepIdle(new Date('2024-02-01T00:00:00.000Z'), (item) => ({ ...item, expired: true }));
    await storage.write({ next: { lastActive: '2024-03-02T00:00:00.000Z' } });
    expect(Object.keys(await storage.read(['idle', 'busy', 'next'])).sort()).toEqual(['busy', 'next']);
  });
});

describe('JsonConversationStorage: what a stop writes', () => {
  it('leaves the file untouched when nothing changed since it was last folded', async () => {
    const storage = await JsonConversationStorage.open(file);
    await storage.write({ a: { v: 1 } });
    await storage.flush();
    const folded = await stat(file);
    await storage.flush();
    await storage.read(['a']);
    await storage.flush();
    const reopened = await JsonConversationStorage.open(file);
    await reopened.flush();
    const after = await stat(file);
    expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({ ino: folded.ino, mtimeMs: folded.mtimeMs });
  });

  it('writes a store larger than one chunk whole, leaving no temporary file', async () => {
    const storage = await JsonConversationStorage.open(file);
    const keys = Array.from({ length: 3_000 }, (_, i) => `flow/test/${i}/é 🙂`);
    await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i, text: 'ü'.repeat(300) }])));
    await storage.write({ last: { v: 1 } });
    await storage.flush();
    const text = await readFile(file, 'utf8');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(JSON.parse(text)).toEqual(await storage.read([...keys, 'last']));
    expect((await stat(file)).size).toBe(Buffer.byteLength(text));
    await expect(stat(join(dir, `.${'db.conversations.json'}.tmp`))).rejects.toThrow(/ENOENT/);
  });
});
