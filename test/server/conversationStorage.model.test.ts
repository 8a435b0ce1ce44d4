import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { JsonConversationStorage } from '../../src/bot/conversationStorage.ts';

// Random sequences of operations against a plain Map that follows the Storage contract (and, with a
// cap, forgets the items written longest ago beyond it): the store must answer every operation as the
// model does, before and after a reopen.

const key = fc.constantFrom('a', 'b', 'c');
const eTagChoice = fc.constantFrom('current', 'stale', 'star', 'none');
const operation = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), entries: fc.array(fc.tuple(key, fc.integer(), eTagChoice), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), keys: fc.array(key, { maxLength: 3 }) }),
);

type Model = Map<string, { v: number; eTag: string }>;

it.each([Infinity, 2])('behaves like the Storage contract for any sequence of writes and deletes (cap %s)', async (maxItems) => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
      const dir = await mkdtemp(join(tmpdir(), 'conversations-model-'));
      try {
        const file = join(dir, 'c.json');
        const storage = await JsonConversationStorage.open(file, { maxItems });
        const model: Model = new Map();
        for (const op of operations) {
          if (op.kind === 'delete') {
            await storage.delete(op.keys);
            op.keys.forEach((k) => model.delete(k));
            continue;
          }
          const changes: Record<string, { v: number; eTag?: string }> = {};
          for (const [k, v, choice] of op.entries) {
            const eTag = { current: model.get(k)?.eTag, stale: 'stale-etag', star: '*', none: undefined }[choice];
            changes[k] = eTag === undefined ? { v } : { v, eTag };
          }
          const refused = Object.entries(changes).some(([k, item]) => {
            const stored = model.get(k);
            return stored && item.eTag && item.eTag !== '*' && item.eTag !== stored.eTag;
          });
          const writing = storage.write(changes);
          if (refused) {
            await expect(writing).rejects.toThrow();
            continue;
          }
          await writing;
          const read = await storage.read(Object.keys(changes));
          for (const k of Object.keys(changes)) {
            expect(read[k].eTag).not.toBe(model.get(k)?.eTag);
            model.delete(k);
            model.set(k, { v: changes[k].v, eTag: read[k].eTag });
          }
          // The batch was written last: beyond the cap, the others go, oldest first.
          const over = Math.min(model.size - maxItems, model.size - Object.keys(changes).length);
          for (const k of [...model.keys()].slice(0, Math.max(0, over))) model.delete(k);
        }
        expect(await storage.read(['a', 'b', 'c'])).toEqual(Object.fromEntries(model));
        // A batch alone over the cap was kept whole; reopening keeps the cap, the most recent first.
        const reopened = await JsonConversationStorage.open(file, { maxItems });
        expect(await reopened.read(['a', 'b', 'c'])).toEqual(Object.fromEntries([...model].slice(-maxItems)));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});
