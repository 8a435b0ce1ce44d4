// How to write to each colleague later: their conversation reference, so that the assistant can tell them when
// their access changes (src/bot/accessNotifier.ts). One per colleague per practice, a personal chat's preferred.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { DocumentCollection } from '../storage/engine.ts';
import { KeyedQueue } from '../keyedQueue.ts';

export interface Reach {
  reference: Partial<ConversationReference>;
  /** A one-to-one chat with the assistant: what someone is told about their own access in. */
  personal: boolean;
}

/** Where references are kept. */
export interface ReachStore {
  /** Keeps how to reach the colleague; a shared chat's reference never replaces a personal one. */
  remember(practiceId: string, colleagueId: string, reach: Reach): Promise<void>;
  referenceOf(practiceId: string, colleagueId: string): Promise<Reach | undefined>;
  forget(practiceId: string, colleagueId: string): Promise<void>;
  /** Forgets everyone `known` says is no longer a colleague of that practice; returns how many. */
  prune(known: (practiceId: string, colleagueId: string) => boolean): Promise<number>;
  /** Resolves once everything remembered so far is on disk. */
  flush(): Promise<void>;
}

const PREFIX = 'reach/';
const keyOf = (practiceId: string, colleagueId: string) => `${PREFIX}${encodeURIComponent(practiceId)}/${encodeURIComponent(colleagueId)}`;

/**
 * The references as documents of a collection of their own (the storage engine's, src/storage/engine.ts), not the
 * conversations', which forgets those written longest ago beyond MAX_CONVERSATIONS: a reference must stay however
 * many others chat meanwhile. Bounded by the practices' colleagues instead: one per colleague, pruned when they are gone.
 */
export class StoredReach implements ReachStore {
  /** One remember at a time per colleague, so a personal reference is never overwritten by a shared one read before it. */
  private readonly queue = new KeyedQueue();

  constructor(private readonly documents: DocumentCollection) {}

  remember(practiceId: string, colleagueId: string, reach: Reach): Promise<void> {
    const key = keyOf(practiceId, colleagueId);
    return this.queue.run(key, async () => {
      const kept = (await this.documents.get(key))?.value as Reach | undefined;
      if (kept?.personal && !reach.personal) return;
      const item = { reference: reach.reference, personal: reach.personal };
      if (kept && kept.personal === item.personal && JSON.stringify(kept.reference) === JSON.stringify(item.reference)) return;
      await this.documents.put(key, item);
    });
  }

  async referenceOf(practiceId: string, colleagueId: string): Promise<Reach | undefined> {
    const kept = (await this.documents.get(keyOf(practiceId, colleagueId)))?.value as Reach | undefined;
    return kept && { reference: kept.reference, personal: kept.personal === true };
  }

  forget(practiceId: string, colleagueId: string): Promise<void> {
    return this.documents.delete(keyOf(practiceId, colleagueId));
  }

  prune(known: (practiceId: string, colleagueId: string) => boolean): Promise<number> {
    return this.documents.sweep((key) => {
      if (!key.startsWith(PREFIX)) return undefined;
      const [practiceId, colleagueId] = key.slice(PREFIX.length).split('/').map(decodeURIComponent);
      return colleagueId === undefined || !known(practiceId, colleagueId) ? null : undefined;
    });
  }

  flush(): Promise<void> {
    return this.documents.flush();
  }
}

/**
 * Where to write to the sender of this activity later: its conversation reference, without what changes from
 * one activity to the next (the activity's id, the locale, display names), so that it is written again only
 * when the way to reach them changes. None when the replies came back in the HTTP response (expectReplies):
 * there is no channel service to write to then.
 */
export function reachOf(activity: Activity): Reach | undefined {
  if (activity.deliveryMode === 'expectReplies' || !activity.serviceUrl || !activity.conversation?.id || !activity.from?.id) return undefined;
  const { channelId, serviceUrl, conversation, user, bot } = TurnContext.getConversationReference(activity);
  const { conversationType, isGroup, tenantId } = conversation ?? {};
  const personal = conversationType ? conversationType === 'personal' : isGroup !== true;
  return {
    personal,
    reference: {
      channelId,
      serviceUrl,
      // A channel message's conversation id names its thread (";messageid=…"): the channel is what is reached.
      conversation: {
        id: conversation!.id.split(';')[0],
        ...(conversationType && { conversationType }),
        ...(typeof isGroup === 'boolean' && { isGroup }),
        ...(tenantId && { tenantId }),
      } as ConversationReference['conversation'],
      user: { id: user!.id, ...(user?.aadObjectId && { aadObjectId: user.aadObjectId }) } as ConversationReference['user'],
      bot: { id: bot?.id, ...(bot?.name && { name: bot.name }) } as ConversationReference['bot'],
    },
  };
}
