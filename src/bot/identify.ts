import type { Activity } from 'botbuilder';
import type { Speaker } from '../domain/speaker.ts';

export type { Speaker };


export interface Directory {
  practiceByTenant(tenantId: string): string | undefined;
  colleagueByIdentity(practiceId: string, ids: { aadObjectId?: string; fromId?: string }): string | undefined;
}

export const DEMO_PRACTICE = 'demo';
export const DEMO_OWNER = 'demo-owner';

/** The channel whose word on a sender's tenant and Entra id the Bot Framework vouches for. */
export const TRUSTED_CHANNEL = 'msteams';

/** Who is talking, or why they cannot be told apart from anyone else. */
export type Identity = { speaker: Speaker } | { refused: 'channel-not-supported' | 'not-set-up' };

/**
 * With credentials, only Microsoft Teams vouches for the tenant and the person (on Direct Line or Web
 * Chat the client writes those fields itself), so other channels are refused. Local mode trusts anyone.
 */
export function identify(activity: Partial<Activity>, directory: Directory, localMode: boolean): Identity {
  if (!localMode && activity.channelId !== TRUSTED_CHANNEL) return { refused: 'channel-not-supported' };
  const speaker = speakerOf(activity, directory, localMode);
  return speaker ? { speaker } : { refused: 'not-set-up' };
}

/**
 * The practice is the one whose Teams tenant the activity comes from; the colleague is found by
 * Entra object id, then channel id. Local mode (no credentials) lets a tenant-less activity into
 * the demo practice, acting as its Business Owner unless it names a demo colleague; a stranger who
 * names the demo tenant is no one's stand-in.
 */
function speakerOf(activity: Partial<Activity>, directory: Directory, localMode: boolean): Speaker | undefined {
  const tenantId = tenantOf(activity);
  const practiceId = tenantId ? directory.practiceByTenant(tenantId) : localMode ? DEMO_PRACTICE : undefined;
  if (!practiceId) return undefined;
  const ids = { aadObjectId: activity.from?.aadObjectId, fromId: activity.from?.id };
  const known = directory.colleagueByIdentity(practiceId, ids);
  // An activity naming a tenant is taken as Teams sends it, even in local mode (the Agents Playground):
  // only people the practice knows. The emulator and the local page name none.
  const colleagueId = known ?? (localMode && !tenantId ? DEMO_OWNER : undefined);
  if (!colleagueId) return undefined;
  return { practiceId, colleagueId, personKey: ids.aadObjectId ?? ids.fromId ?? colleagueId };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  // channelData is Teams' own, passed through as sent; conversation.tenantId is checked at the door.
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | null | undefined)?.tenant?.id;
  return (typeof fromChannel === 'string' ? fromChannel : activity.conversation?.tenantId) || undefined;
}
