// The JSON engine: the practices, the conversations and the references each in a file of their own, with its journal.
import type { Storage } from '../engine.ts';
import type { StoreData } from '../../domain/schema.ts';
import { JsonDocuments } from './documentFile.ts';
import { JsonPractices } from './practiceFile.ts';

export interface JsonFiles {
  dataFile: string;
  conversationsFile: string;
  reachFile: string;
  /** The most conversations kept; those written longest ago are forgotten beyond it. */
  maxConversations: number;
}

export async function openJsonStorage(files: JsonFiles, seed: () => Promise<StoreData>): Promise<Storage> {
  const practices = await JsonPractices.open(files.dataFile, { seed });
  const conversations = await JsonDocuments.open(files.conversationsFile, { name: 'conversations', maxItems: files.maxConversations });
  // Not in the conversations file, whose cap would forget them: bounded by the practices' colleagues instead.
  const references = await JsonDocuments.open(files.reachFile, { name: 'references' });
  return {
    practices,
    conversations,
    references,
    async close() {
      await Promise.all([conversations.flush(), references.flush()]);
      await practices.compact();
    },
  };
}
