import type { FlowEvent, FlowRequest } from '../../../flows/accessFlow.types.ts';
import { PAGE_SIZE, pageCount } from '../../../flows/accessFlow.views.ts';
import type { Choice } from '../prompt.ts';
import { colleagueName, type StepInput } from './shared.ts';

// What the two read-only views share: the colleague's name as lists show it, the page, and the way out.

/** A colleague's full name, with "(invited)" until they accept. */
export function viewColleagueName(input: StepInput, colleagueId: string): string {
  const colleague = input.lookups.colleague(input.context.practiceId, colleagueId);
  return colleague?.status === 'invited' ? input.t('common.invited', { name: colleague.name }) : colleagueName(input, colleagueId);
}

/** The rows of the current page, from all of them. */
export function onPage<T>(input: StepInput, rows: T[]): T[] {
  const page = input.context.view?.page ?? 0;
  return rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
}

/** "Page 2 of 3", when there is more than one. */
export function pageLine(input: StepInput, total: number): string | undefined {
  const pages = pageCount(total);
  return pages > 1 ? input.t('steps.view.page', { page: (input.context.view?.page ?? 0) + 1, pages }) : undefined;
}

/** Previous and next page, when there are; then the view's own actions; then back. */
export function viewActions(input: StepInput, total: number, own: Choice[] = []): Choice[] {
  const { t, context } = input;
  const page = context.view?.page ?? 0;
  const actions: Choice[] = [];
  if (page > 0) actions.push({ label: t('steps.view.previous'), event: { type: 'PREVIOUS_PAGE' } });
  if (page + 1 < pageCount(total)) actions.push({ label: t('steps.view.next'), event: { type: 'NEXT_PAGE' } });
  return [...actions, ...own, { label: t('common.back'), event: { type: 'BACK' } }];
}

/** A typed request for the access flow about one colleague, as a button sends it. */
export function requestFor(input: StepInput, colleagueId: string, request: Omit<FlowRequest, 'conversationLanguage' | 'person'>): FlowEvent {
  const { context, lookups } = input;
  return {
    type: 'REQUEST',
    request: {
      ...request,
      person: { kind: 'colleague', colleagueId },
      // Only a new person's language would come from it; a colleague's own stored language is used.
      conversationLanguage: lookups.colleagueLanguage(context.practiceId, colleagueId),
    },
  };
}
