import { historyFilter } from '../../../flows/accessFlow.views.ts';
import { PAGE_SIZE } from '../../../flows/accessFlow.views.ts';
import { OPERATOR, type GrantView, type HistoryEntry, type LanguageCode } from '../../../flows/ports.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { colleagueName, companyName, languageName, productName, roleName, text, type StepInput } from './shared.ts';
import { pageLine, viewActions, viewColleagueName } from './view.shared.ts';

// "What changed at Dupont Frères this week?": the audit entries, newest first, ten a page, each as one
// line in the reader's language: when, who, what, for whom, which product and role (from → to).

const isGrant = (value: unknown): value is GrantView =>
  typeof value === 'object' && value !== null && typeof (value as GrantView).roleId === 'string';

/** When, in the reader's language; times are UTC (the practice's own time zone is not known). */
function when(input: StepInput, at: string, withTime = true): string {
  const style = withTime ? { dateStyle: 'medium', timeStyle: 'short' } as const : { dateStyle: 'medium' } as const;
  return new Intl.DateTimeFormat(input.t('steps.view.locale'), { ...style, timeZone: 'UTC' }).format(new Date(at));
}

/** "Documents basic → Files admin", the language too when it changed. */
function fromTo(input: StepInput, before: GrantView, after: GrantView): string {
  const parts: string[] = [];
  if (before.roleId !== after.roleId) parts.push(`${roleName(input, before.roleId)} → ${roleName(input, after.roleId)}`);
  if (before.language !== after.language) parts.push(`${languageName(input, before.language)} → ${languageName(input, after.language)}`);
  return parts.join(', ') || roleName(input, after.roleId);
}

/** One entry in words. */
export function historyLine(input: StepInput, entry: HistoryEntry): string {
  const { t } = input;
  const actor = entry.actorId === OPERATOR ? t('steps.view.history.line.operator') : colleagueName(input, entry.actorId);
  const person = entry.colleagueId ? colleagueName(input, entry.colleagueId) : '';
  const company = entry.companyId ? companyName(input, entry.companyId) || entry.companyId : '';
  const product = entry.product ? productName(input, entry.product) : '';
  const values = { actor, person, company, product };
  const after = entry.after as Record<string, unknown> | null;
  const key = 'steps.view.history.line';

  if (entry.outcome === 'refused') {
    const reason = t(`${key}.reasons.${entry.reason ?? 'not-allowed'}`, { defaultValue: entry.reason ?? '' });
    const repeated = (after?.repeated as { count?: unknown } | undefined)?.count;
    if (typeof repeated === 'number') return t(`${key}.repeated`, { actor, count: repeated, reason });
    const target = [person && t(`${key}.for`, { person }), company && t(`${key}.at`, { company })].filter(Boolean).join('');
    return t(`${key}.refused`, { actor, attempt: t(`${key}.attempts.${entry.action}`, { defaultValue: entry.action }), target, reason });
  }
  switch (entry.action) {
    case 'grant-added':
      return t(`${key}.added`, { ...values, role: isGrant(after) ? roleName(input, after.roleId) : '' });
    case 'grant-changed':
      return isGrant(entry.before) && isGrant(after)
        ? t(`${key}.changed`, { ...values, change: fromTo(input, entry.before, after) })
        : t(`${key}.changedSome`, values);
    case 'grant-removed':
      return t(`${key}.removed`, { ...values, role: isGrant(entry.before) ? roleName(input, entry.before.roleId) : '' });
    case 'invitation-created':
      return t(`${key}.invited`, { actor, email: String(after?.email ?? person), company });
    case 'invitation-resent':
      return t(`${key}.invitationResent`, { actor, email: String(after?.email ?? person) });
    case 'invitation-cancelled':
      return t(`${key}.invitationCancelled`, { actor, email: String(after?.email ?? person) });
    case 'company-added':
      return t(`${key}.companyAdded`, { actor, company });
    case 'colleague-linked':
      // Linked by someone else: an administrator added them from a team's members.
      return t(entry.actorId === entry.colleagueId ? `${key}.linked` : `${key}.linkedBy`, values);
    case 'role-created':
      return t(`${key}.roleCreated`, { actor, name: String(after?.name ?? ''), product });
    default:
      return t(`${key}.other`, { actor });
  }
}

/** The title: a company's, a colleague's, both, or the whole practice's history. */
function title(input: StepInput): string {
  const view = input.context.view!;
  const name = view.colleagueId ? viewColleagueName(input, view.colleagueId) : '';
  const company = view.companyId ? companyName(input, view.companyId) : '';
  const which = name && company ? 'both' : name ? 'person' : company ? 'company' : 'practice';
  return input.t(`steps.view.history.title.${which}`, { name, company });
}

/** 'view.history'. */
export function historyPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const view = context.view!;
  const { total, entries } = lookups.auditEntries(context.practiceId, historyFilter(view), { offset: view.page * PAGE_SIZE, limit: PAGE_SIZE });
  const since = view.since ? t('steps.view.history.since', { date: when(input, view.since, false) }) : '';
  const name = view.colleagueId ? viewColleagueName(input, view.colleagueId) : '';
  const intro = [name && t('steps.view.history.personText', { name }), since, t('steps.view.history.text')].filter(Boolean).join(' ');
  const page = pageLine(input, total);
  const body: Block[] = total
    ? [
        text(intro, { subtle: true }),
        { kind: 'facts', facts: entries.map((entry) => ({ title: when(input, entry.at), value: historyLine(input, entry) })) },
        ...(page ? [text(page, { subtle: true })] : []),
      ]
    : [text([since, t('steps.view.history.nothing')].filter(Boolean).join(' '))];
  // Where to go from here: who has access to the company, or what access the colleague has.
  const own: Choice[] = [];
  if (view.colleagueId) {
    own.push({ label: t('steps.view.history.personAccess', { name: name.split(/\s+/)[0] }), event: { type: 'VIEW', view: { kind: 'personAccess', colleagueId: view.colleagueId } } });
  } else if (view.companyId) {
    own.push({ label: t('steps.view.history.whoHasAccess'), event: { type: 'REQUEST', request: { mode: 'list', companyId: view.companyId, conversationLanguage: t('steps.view.locale') as LanguageCode } } });
  }
  return { title: title(input), body, choices: [], actions: viewActions(input, total, own) };
}
