// Tells a colleague, in a message of its own, that someone else changed their access: once the change is on
// disk (AccessRepository.onCommitted), after the turn that made it and never inside it. A colleague it cannot
// reach (no reference, only a shared chat, the connector failing or too slow) is simply not told: a line in
// the log at most, and nothing fails.
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { accessNewsText, type AccessNews, type AccessNewsItem, type NewsLookups } from '../presentation/accessNews.ts';
import { translatorFor } from '../presentation/i18n.ts';
import type { CommittedChange } from '../domain/committedChanges.ts';
import type { ReachStore } from './reachStore.ts';

/** Sends one activity into the conversation a reference names. */
export type SendProactive = (reference: Partial<ConversationReference>, activity: Partial<Activity>) => Promise<void>;

export interface NotifierDeps {
  send: SendProactive;
  reach: ReachStore;
  lookups: Omit<NewsLookups, 'colleague'> & { colleague(practiceId: string, id: string): { name: string; language: string } | undefined };
  log: (message: string, error?: unknown) => void;
  /** How long one message may take in all; then it is given up (the connector's own deadline normally ends it first). */
  deadlineMs: number;
}

/** Messages waiting at most: beyond, a change's messages are dropped (and logged) rather than held without bound. */
const MAX_WAITING = 10_000;
/** Messages on their way at once. */
const AT_ONCE = 4;

/**
 * CloudAdapter's public way to write into a conversation outside a turn (the app id is empty in local mode).
 * A failure is kept from the adapter's turn-error handler, which would log it as a failed turn, and rejects.
 */
export function proactiveSender(adapter: CloudAdapter, appId: string | undefined): SendProactive {
  return async (reference, activity) => {
    let failure: { error: unknown } | undefined;
    await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
      try {
        await context.sendActivity(activity);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  };
}

export class AccessNotifier {
  private readonly waiting: AccessNews[] = [];
  private sending = 0;
  private scheduled = false;
  private readonly whenIdle: Array<() => void> = [];

  constructor(private readonly deps: NotifierDeps) {}

  /**
   * Notes what a committed change did: each colleague whose access it changed is told, in one message, unless
   * they made the change themselves (they have just seen it done). Returns at once; never throws.
   */
  tell(change: CommittedChange): void {
    try {
      for (const colleagueId of change.removedColleagues) {
        this.deps.reach.forget(change.practiceId, colleagueId).catch((error) => this.deps.log(`could not forget how to reach ${colleagueId}`, error));
      }
      const byColleague = new Map<string, AccessNewsItem[]>();
      for (const { colleagueId, companyId, product, before, after } of change.grants) {
        if (colleagueId === change.actorId || change.removedColleagues.includes(colleagueId)) continue;
        const items = byColleague.get(colleagueId) ?? [];
        items.push({ companyId, product, before, after });
        byColleague.set(colleagueId, items);
      }
      for (const [colleagueId, items] of byColleague) {
        if (this.waiting.length >= MAX_WAITING) {
          this.deps.log(`${byColleague.size} colleague(s) not told of a change to their access: ${MAX_WAITING} messages already waiting`);
          break;
        }
        this.waiting.push({ practiceId: change.practiceId, actorId: change.actorId, colleagueId, items });
      }
      // Started once the writer's turn has gone on: its reply goes first.
      if (this.waiting.length > 0 && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    } catch (error) {
      this.deps.log('could not note who to tell of a change to their access', error);
    }
  }

  /** Resolves once every message noted so far is sent or given up, or after `withinMs`, whichever is first. */
  drain(withinMs: number): Promise<void> {
    if (this.sending === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.deps.log(`stopping with ${this.waiting.length + this.sending} message(s) about access changes not sent`);
        resolve();
      }, withinMs);
      this.whenIdle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private pump(): void {
    while (this.sending < AT_ONCE && this.waiting.length > 0) {
      const news = this.waiting.shift()!;
      this.sending++;
      void this.deliver(news).finally(() => {
        this.sending--;
        this.pump();
      });
    }
    if (this.sending === 0 && this.waiting.length === 0) for (const resolve of this.whenIdle.splice(0)) resolve();
  }

  /** One colleague told, in their preferred language, in their personal chat with the assistant; or not at all. */
  private async deliver(news: AccessNews): Promise<void> {
    const { reach, lookups, send, log, deadlineMs } = this.deps;
    try {
      const where = await reach.referenceOf(news.practiceId, news.colleagueId);
      // In a shared chat, a message about one person's access would be read by everyone there.
      if (!where?.personal) return;
      const colleague = lookups.colleague(news.practiceId, news.colleagueId);
      if (!colleague) return;
      const markdown = where.reference.channelId === 'msteams';
      const text = accessNewsText(news, lookups, translatorFor(colleague.language), markdown);
      if (!text) return;
      await withDeadline(send(where.reference, { type: 'message', text, textFormat: markdown ? 'markdown' : 'plain', locale: colleague.language }), deadlineMs);
    } catch (error) {
      log(`could not tell ${news.colleagueId} of a change to their access: ${(error as Error)?.message ?? error}`);
    }
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // The work goes on alone if it is late: whatever it ends with is no one's to handle any more.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
