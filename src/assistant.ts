// Builds the assistant from its stores: the one wiring shared by the server and the tests.
import type { RecordStore } from './conversation/accessConversation.ts';
import { createAccessFlow } from '../flows/accessFlow.machine.ts';
import { AccessBot } from './bot/accessBot.ts';
import type { ReachStore } from './bot/reachStore.ts';
import { WelcomeMemory } from './bot/welcomeMemory.ts';
import { AccessConversation } from './conversation/accessConversation.ts';
import { RefusalAudit } from './conversation/refusalAudit.ts';
import { AccessRepository } from './repository/accessRepository.ts';
import type { PracticeStore, Storage } from './storage/engine.ts';
import type { TimeSlices } from './timeSlices.ts';
import type { FileLimits } from './bot/fileDownload.ts';

export interface AssistantOptions {
  practices: PracticeStore;
  conversations: RecordStore;
  /** Where colleagues' conversation references are kept, to tell them later of changes to their access; none: not kept. */
  reach?: ReachStore;
  localMode: boolean;
  idleDays: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /**
   * The server's time slices: a turn that waited for its conversation to be written goes on in its
   * own slice, so the turns one shared write releases do not all run at once (src/timeSlices.ts).
   */
  slices?: TimeSlices;
  /** Files sent to import: the largest taken, and how long fetching one may take (defaults: 5 MB, 5 s). */
  files?: FileLimits;
  /** An engine several instances share: a conversation's turns one at a time across them (Storage.exclusive). */
  exclusive?: Storage['exclusive'];
}

export function createAssistant(options: AssistantOptions) {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const repository = new AccessRepository(options.practices, now);
  const refusals = new RefusalAudit(
    (speaker, what, reason) => repository.recordRefusal(speaker.practiceId, speaker.colleagueId, what, reason),
    { now: () => now().getTime(), log },
  );
  const conversation = new AccessConversation({
    flow: createAccessFlow(repository),
    lookups: repository,
    records: options.slices ? inTurn(options.conversations, options.slices) : options.conversations,
    idleMs: options.idleDays * 24 * 60 * 60 * 1000,
    now,
    log,
    recordRefusal: (speaker, what, reason) => refusals.refuse(speaker, what, reason),
  });
  const welcomes = new WelcomeMemory(options.conversations, now);
  const bot = new AccessBot({
    conversation, directory: repository, localMode: options.localMode, log, reach: options.reach, welcomes, files: options.files,
    exclusive: options.exclusive,
    catchUp: options.practices.catchUp ? () => repository.catchUp() : undefined,
  });
  return { bot, repository, conversation, refusals };
}

/** The record store, with each write's caller going on in its own time slice once the write is done. */
function inTurn(records: RecordStore, slices: TimeSlices): RecordStore {
  return {
    read: (keys) => records.read(keys),
    write: async (changes) => {
      try {
        await records.write(changes);
      } finally {
        await slices.next();
      }
    },
  };
}
