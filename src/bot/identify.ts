import type { Activity } from 'botbuilder';

/** Who is talking, within which practice. */
export interface Speaker {
  practiceId: string;
  colleagueId: string;
  /** The id a card shown to this person is stamped with. */
  personKey: string;
}

export interface Directory {
  practiceByTenant(tenantId: string): string | undefined;
  colleagueByIdentity(practiceId: string, ids: { aadObjectId?: string; fromId?: string }): string | undefined;
}

export const DEMO_PRACTICE = 'demo';
export const DEMO_OWNER = 'demo-owner';

/**
 * The practice is the one whose Teams tenant the activity comes from; the colleague is found by
 * Entra object id, then channel id. Local mode (no credentials) lets a tenant-less activity into
 * the demo practice, acting as its Business Owner unless it names a demo colleague.
 */
export function identify(activity: Partial<Activity>, directory: Directory, localMode: boolean): Speaker | undefined {
  const tenantId = tenantOf(activity);
  const practiceId = tenantId ? directory.practiceByTenant(tenantId) : localMode ? DEMO_PRACTICE : undefined;
  if (!practiceId) return undefined;
  const ids = { aadObjectId: activity.from?.aadObjectId, fromId: activity.from?.id };
  const known = directory.colleagueByIdentity(practiceId, ids);
  const colleagueId = known ?? (localMode && practiceId === DEMO_PRACTICE ? DEMO_OWNER : undefined);
  if (!colleagueId) return undefined;
  return { practiceId, colleagueId, personKey: ids.aadObjectId ?? ids.fromId ?? colleagueId };
}

function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = typeof fromChannel === 'string' ? fromChannel : activity.conversation?.tenantId;
  return typeof id === 'string' && id ? id : undefined;
}
