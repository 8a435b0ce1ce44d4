// Builds the assistant from its stores: the one wiring shared by the server and the tests.
import type { Low } from 'lowdb';
import type { RecordStore } from './conversation/accessConversation.ts';
import { createAccessFlow } from '../flows/accessFlow.machine.ts';
import { AccessBot } from './bot/accessBot.ts';
import { AccessConversation } from './conversation/accessConversation.ts';
import { AccessRepository } from './store/accessRepository.ts';
import type { StoreData } from './store/schema.ts';

export interface AssistantOptions {
  db: Low<StoreData>;
  conversations: RecordStore;
  localMode: boolean;
  idleDays: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export function createAssistant(options: AssistantOptions) {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const repository = new AccessRepository(options.db, now);
  const conversation = new AccessConversation({
    flow: createAccessFlow(repository),
    lookups: repository,
    records: options.conversations,
    idleMs: options.idleDays * 24 * 60 * 60 * 1000,
    now,
    log,
    recordRefusal: (speaker, what, reason) => repository.recordRefusal(speaker.practiceId, speaker.colleagueId, what, reason),
  });
  const bot = new AccessBot({ conversation, directory: repository, localMode: options.localMode, log });
  return { bot, repository, conversation };
}
