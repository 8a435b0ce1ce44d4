import type { RecordStore } from '../conversation/accessConversation.ts';

/** Conversations of people not set up remembered as answered, at most (in memory: they leave nothing stored). */
const STRANGERS_REMEMBERED = 1_000;

/**
 * Which conversations the assistant has said hello in. Once is once per conversation (its channel and id):
 * Teams sends an installationUpdate and a conversationUpdate for the same install, and a chat keeps its id
 * when the app is removed and added again, so neither is greeted twice. For a colleague the practice knows,
 * the mark is kept in the conversations store beside their flow: a restart does not forget it, and it is
 * bounded with the conversations (MAX_CONVERSATIONS, the least recently written forgotten first). Someone not
 * set up leaves nothing stored, so theirs is kept in memory only, for the last thousand conversations.
 */
export class WelcomeMemory {
  private readonly strangers = new Set<string>();

  constructor(private readonly records: RecordStore, private readonly now: () => Date) {}

  async greeted(key: string): Promise<boolean> {
    if (this.strangers.has(key)) return true;
    return (await this.records.read([key]))[key] !== undefined;
  }

  /** Marks the conversation greeted: in the store when `stored`, else in memory. */
  async mark(key: string, stored: boolean): Promise<void> {
    if (stored) return this.records.write({ [key]: { welcomedAt: this.now().toISOString() } });
    this.strangers.add(key);
    if (this.strangers.size > STRANGERS_REMEMBERED) this.strangers.delete(this.strangers.values().next().value!);
  }
}

/** A conversation's mark: a channel's conversation id names a thread after ";messageid=", and the channel is what was greeted. */
export function welcomeKey(channelId: string | undefined, conversationId: string | undefined): string {
  return `welcomed/${channelId ?? 'unknown'}/${(conversationId ?? 'none').split(';')[0]}`;
}
