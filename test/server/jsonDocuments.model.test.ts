import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';

// Random sequences of operations against a plain Map that follows the collection's contract (and, with a
// cap, forgets the documents written longest ago beyond it): the collection must answer every operation as
// the model does, before and after a reopen.

const key = fc.constantFrom('a', 'b', 'c');
const expected = fc.constantFrom('current', 'stale', 'none');
const operation = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key, v: fc.integer(), expected }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

type Model = Map<string, { v: number; version: string }>;

async function valuesOf(documents: JsonDocuments): Promise<Record<string, { v: number; version: string }>> {
  const found: Record<string, { v: number; version: string }> = {};
  for (const k of ['a', 'b', 'c']) {
    const stored = await documents.get(k);
    if (stored) found[k] = { v: (stored.value as { v: number }).v, version: stored.version };
  }
  return found;
}

it.each([Infinity, 2])('behaves like a map of versioned documents for any sequence of puts and deletes (cap %s)', async (maxItems) => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
      const dir = await mkdtemp(join(tmpdir(), 'documents-model-'));
      try {
        const file = join(dir, 'c.json');
        const documents = await JsonDocuments.open(file, { name: 'conversations', maxItems });
        const model: Model = new Map();
        for (const op of operations) {
          if (op.kind === 'delete') {
            await documents.delete(op.key);
            model.delete(op.key);
            continue;
          }
          const expectedVersion = { current: model.get(op.key)?.version, stale: 'stale-version', none: undefined }[op.expected];
          const refused = op.expected === 'stale' || (op.expected === 'current' && !model.has(op.key) && expectedVersion !== undefined);
          const writing = documents.put(op.key, { v: op.v }, expectedVersion === undefined ? {} : { expectedVersion });
          if (refused) {
            await expect(writing).rejects.toThrow();
            continue;
          }
          const version = await writing;
          expect(version).not.toBe(model.get(op.key)?.version);
          model.delete(op.key);
          model.set(op.key, { v: op.v, version });
          // The document was written last: beyond the cap, the others go, oldest first.
          const over = Math.min(model.size - maxItems, model.size - 1);
          for (const k of [...model.keys()].slice(0, Math.max(0, over))) model.delete(k);
        }
        expect(await valuesOf(documents)).toEqual(Object.fromEntries(model));
        const reopened = await JsonDocuments.open(file, { name: 'conversations', maxItems });
        expect(await valuesOf(reopened)).toEqual(Object.fromEntries(model));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 60 },
  );
});
