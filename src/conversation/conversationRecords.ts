// The conversation records as the turn reads and writes them (RecordStore), kept in the storage engine's
// conversations collection; and housekeeping's sweep of the idle ones (IdleSweeper).
import type { DocumentCollection } from '../storage/engine.ts';
import type { IdleSweeper, RecordStore } from './accessConversation.ts';

export type ConversationRecords = RecordStore & IdleSweeper & {
  /** Resolves once everything written so far is durable. */
  flush(): Promise<void>;
};

export function conversationRecords(documents: DocumentCollection): ConversationRecords {
  return {
    async read(keys) {
      const found: Record<string, unknown> = Object.create(null);
      for (const key of keys) {
        const stored = await documents.get(key);
        if (stored) found[key] = stored.value;
      }
      return found;
    },
    async write(changes) {
      await Promise.all(Object.entries(changes).map(([key, record]) => documents.put(key, record as object)));
    },
    // A record idle since before `olderThan` (its ISO `lastActive`) is replaced by what `replace` makes of it, or deleted.
    sweepIdle<T extends object>(olderThan: Date, replace: (item: T) => T | undefined) {
      return documents.sweep((_key, record) => {
        const { lastActive } = record as { lastActive?: unknown };
        if (typeof lastActive !== 'string' || !(Date.parse(lastActive) < olderThan.getTime())) return undefined;
        return replace(record as T) ?? null;
      });
    },
    flush: () => documents.flush(),
  };
}
