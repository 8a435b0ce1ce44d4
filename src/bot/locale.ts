import type { Activity } from 'botbuilder';

/**
 * The language of the person behind an activity: its `locale`, else the one Teams gives in its clientInfo
 * entity (an installationUpdate may carry only that), else none.
 */
export function localeOf(activity: Partial<Activity>): string | undefined {
  if (typeof activity.locale === 'string' && activity.locale) return activity.locale;
  const entities: unknown = activity.entities;
  if (!Array.isArray(entities)) return undefined;
  const clientInfo = entities.find((entity) => (entity as { type?: unknown } | null)?.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof clientInfo?.locale === 'string' && clientInfo.locale ? clientInfo.locale : undefined;
}
