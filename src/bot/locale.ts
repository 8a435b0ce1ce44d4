import type { Activity } from 'botbuilder';

/**
 * The language of the person behind an activity: its `locale`, else the one Teams gives in its clientInfo
 * entity (an installationUpdate may carry only that), else none.
 */
export function localeOf(activity: Partial<Activity>): string | undefined {
  if (activity.locale) return activity.locale;
  // Entities are objects (src/bot/activitySchema.ts); their fields are as the sender wrote them.
  const clientInfo = activity.entities?.find((entity) => entity.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' && clientInfo.locale ? clientInfo.locale : undefined;
}
