import { assign } from 'xstate';
import type { AccessPorts } from './ports.ts';
import type { FlowContext, FlowEvent, ViewState } from './accessFlow.types.ts';

// The read-only views (a colleague's access everywhere, the audit history): what they count, and the
// guards and actions the machine's `view` state uses. Shared with the cards, so a page shown is a page accepted.

/** Companies or history lines on one page. */
export const PAGE_SIZE = 10;

type Args = { context: FlowContext; event: FlowEvent };
type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

/** A choice is still to be made before the view can be shown: which company, or which colleague. */
export function viewPending(view: ViewState): 'company' | 'person' | null {
  if (!view.companyId && view.companyMatches.length > 1) return 'company';
  if (!view.colleagueId && view.personMatches.length > 1) return 'person';
  return null;
}

/** The history's filter, from the view. */
export function historyFilter(view: ViewState) {
  return {
    ...(view.companyId ? { companyId: view.companyId } : {}),
    ...(view.colleagueId ? { colleagueId: view.colleagueId } : {}),
    ...(view.since ? { since: view.since } : {}),
  };
}

/** How many rows the view has in all (companies, or history lines); 0 while a choice is pending. */
export function viewTotal(ports: AccessPorts, context: FlowContext): number {
  const view = context.view;
  if (!view || viewPending(view)) return 0;
  if (view.kind === 'personAccess') return view.colleagueId ? ports.colleagueAccess(context.practiceId, view.colleagueId).length : 0;
  if (view.kind === 'invitations') return ports.pendingInvitations(context.practiceId).length;
  return ports.auditEntries(context.practiceId, historyFilter(view), { offset: 0, limit: 0 }).total;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function createViewGuards(ports: AccessPorts) {
  return {
    isViewRequest: ({ event }: Args) => {
      const view = (event as Of<'VIEW'>).view;
      return typeof view === 'object' && view !== null && ['personAccess', 'history', 'invitations'].includes(view.kind);
    },
    viewAsksCompany: ({ context }: Args) => !!context.view && viewPending(context.view) === 'company',
    viewAsksPerson: ({ context }: Args) => !!context.view && viewPending(context.view) === 'person',
    isPersonAccessView: ({ context }: Args) => context.view?.kind === 'personAccess',
    viewCompanyOffered: ({ context, event }: Args) =>
      viewPending(context.view!) === 'company' && context.view!.companyMatches.includes((event as Of<'PICK_COMPANY'>).companyId),
    viewPersonOffered: ({ context, event }: Args) =>
      viewPending(context.view!) === 'person' && context.view!.personMatches.includes((event as Of<'PICK_PERSON'>).colleagueId),
    hasNextPage: ({ context }: Args) => !!context.view && context.view.page + 1 < pageCount(viewTotal(ports, context)),
    hasPreviousPage: ({ context }: Args) => !!context.view && context.view.page > 0,
  };
}

const setView = (change: (view: ViewState, event: FlowEvent) => Partial<ViewState>) =>
  assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => ({
    view: { ...context.view!, ...change(context.view!, event) },
  }));

export const viewActions = {
  takeView: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ event }) => {
    const asked = (event as Of<'VIEW'>).view;
    return {
      view: {
        kind: asked.kind,
        colleagueId: asked.colleagueId ?? null,
        companyId: asked.companyId ?? null,
        companyMatches: asked.companyMatches ?? [],
        personMatches: asked.personMatches ?? [],
        since: asked.since ?? null,
        page: 0,
        invitationId: null,
      },
    };
  }),
  pickViewCompany: setView((_, event) => ({ companyId: (event as Of<'PICK_COMPANY'>).companyId, companyMatches: [] })),
  pickViewPerson: setView((_, event) => ({ colleagueId: (event as Of<'PICK_PERSON'>).colleagueId, personMatches: [] })),
  nextPage: setView((view) => ({ page: view.page + 1 })),
  previousPage: setView((view) => ({ page: view.page - 1 })),
};
