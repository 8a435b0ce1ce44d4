import { assign } from 'xstate';
import type { AccessPorts, InvitationAction } from './ports.ts';
import type { FlowContext, FlowEvent } from './accessFlow.types.ts';
import { pageCount } from './accessFlow.views.ts';

// The pending invitations view's two writes: resend (marked for the practice's suite to send again) and
// cancel (the invitation and the invited person's grants, in one change). Each reports back with an event.

type Args = { context: FlowContext; event: FlowEvent };
type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

const asked = (event: FlowEvent) => (event as Of<'RESEND_INVITATION'> | Of<'CANCEL_INVITATION'>).invitationId;

function actionOf(context: FlowContext): InvitationAction {
  return { practiceId: context.practiceId, actorId: context.actorId, invitationId: context.view?.invitationId ?? '' };
}

export function createInvitationGuards(ports: AccessPorts) {
  return {
    isInvitationsView: ({ context }: Args) => context.view?.kind === 'invitations',
    /** Only an invitation the list shows now (a forged or stale id is not acted on). */
    invitationListed: ({ context, event }: Args) =>
      ports.pendingInvitations(context.practiceId).some((invitation) => invitation.id === asked(event)),
    /** Listed, and not the Business Owner's own invitation (rule 2). */
    invitationCancellable: ({ context, event }: Args) =>
      ports.pendingInvitations(context.practiceId).some((invitation) => invitation.id === asked(event) && !invitation.protected),
    invitationDone: ({ event }: Args) => (event as Of<'INVITATION_WRITTEN'>).result.status === 'done',
    invitationNotAllowed: ({ event }: Args) => {
      const result = (event as Of<'INVITATION_WRITTEN'>).result;
      return result.status === 'refused' && result.reason === 'not-allowed';
    },
  };
}

export function createInvitationActions(ports: AccessPorts) {
  const report = (write: Promise<unknown>, self: { send: (event: FlowEvent) => void }) =>
    write.then(
      (result) => self.send({ type: 'INVITATION_WRITTEN', result } as FlowEvent),
      (error: unknown) => self.send({ type: 'INVITATION_FAILED', error: String(error) }),
    );
  return {
    resendInvitation: ({ context, self }: Args & { self: { send: (event: FlowEvent) => void } }) => {
      report(ports.resendInvitation(actionOf(context)), self);
    },
    cancelInvitation: ({ context, self }: Args & { self: { send: (event: FlowEvent) => void } }) => {
      report(ports.cancelInvitation(actionOf(context)), self);
    },
    takeInvitation: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => ({
      view: { ...context.view!, invitationId: asked(event) },
    })),
    /** After a write: the list may be shorter, so the page is kept within it. */
    settleInvitations: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context }) => {
      const pages = pageCount(ports.pendingInvitations(context.practiceId).length);
      return { view: { ...context.view!, invitationId: null, page: Math.min(context.view!.page, pages - 1) } };
    }),
  };
}
