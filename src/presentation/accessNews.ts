// What the assistant tells a colleague whose access someone else changed, in the colleague's own language:
// what they can now open (product), where (client company), with which role, what they no longer have, and
// that it takes effect at their next sign-in. Text, one sentence a paragraph; names escaped where the channel
// reads the text as Markdown (Teams), so a company named like a link stays text.
import type { TFunction } from 'i18next';
import type { GrantView, ProductCode } from '../../flows/ports.ts';
import { withoutInvisibles } from '../text/visibleText.ts';
import { escapeMarkdown } from './escapeMarkdown.ts';

/** A grant of one colleague as it was and as it is (null: there was none, or there is none now). */
export interface AccessNewsItem {
  companyId: string;
  product: ProductCode;
  before: GrantView | null;
  after: GrantView | null;
}

export interface NewsLookups {
  company(practiceId: string, id: string): { name: string } | undefined;
  colleague(practiceId: string, id: string): { name: string } | undefined;
  /** Custom roles carry their own name; default roles are named by the locale key `roles.<id>`. */
  role(practiceId: string, roleId: string): { kind: 'default' | 'custom'; name?: string } | undefined;
}

export interface AccessNews {
  practiceId: string;
  /** Who made the change: a colleague, or the operator's command (named as "your practice"). */
  actorId: string;
  colleagueId: string;
  items: AccessNewsItem[];
}

/** Lines listed at most; the rest are counted (a leaver's access removed at forty companies is one message). */
export const MAX_LINES = 10;

/** True when the item changes what the colleague can open: a preferred language alone changes no access. */
export function changesAccess({ before, after }: AccessNewsItem): boolean {
  if (!before || !after) return before !== after;
  return before.roleId !== after.roleId;
}

/** The message, or undefined when nothing in it changes the colleague's access. */
export function accessNewsText(news: AccessNews, lookups: NewsLookups, t: TFunction, markdown: boolean): string | undefined {
  const items = news.items.filter(changesAccess);
  if (items.length === 0) return undefined;
  const shown = (value: string) => (markdown ? escapeMarkdown(withoutInvisibles(value)) : withoutInvisibles(value));
  const { practiceId } = news;
  const roleName = (roleId: string) => {
    const role = lookups.role(practiceId, roleId);
    return shown(role?.kind === 'custom' && role.name ? role.name : t(`roles.${roleId}`, { defaultValue: role?.name ?? roleId }));
  };
  const name = shown((lookups.colleague(practiceId, news.colleagueId)?.name ?? '').split(/\s+/)[0] ?? '');
  const actor = lookups.colleague(practiceId, news.actorId)?.name;
  const lines = [actor ? t('notify.intro', { name, actor: shown(actor) }) : t('notify.introPractice', { name })];
  for (const item of items.slice(0, MAX_LINES)) {
    const where = {
      product: shown(t(`products.${item.product}`)),
      company: shown(lookups.company(practiceId, item.companyId)?.name ?? item.companyId),
    };
    if (!item.after) lines.push(t('notify.removed', { ...where, role: roleName(item.before!.roleId) }));
    else if (!item.before) lines.push(t('notify.added', { ...where, role: roleName(item.after.roleId) }));
    else lines.push(t('notify.changed', { ...where, role: roleName(item.after.roleId), before: roleName(item.before.roleId) }));
  }
  if (items.length > MAX_LINES) lines.push(t('notify.more', { count: items.length - MAX_LINES }));
  lines.push(t('notify.takesEffect'));
  return lines.join('\n\n');
}
