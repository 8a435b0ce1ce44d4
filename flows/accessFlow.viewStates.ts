import type { FlowSetup } from './accessFlow.setup.ts';

/**
 * The read-only views: which company or colleague when a sentence could mean several, then a colleague's
 * access everywhere or the history, paged. Their buttons start the access flow with a REQUEST (handled at
 * the top of the machine); back leaves the view.
 */
/** Where a resend or a cancel ends: back on the list, saying what happened (or on rule 1's refusal). */
function invitationOutcomes(done: 'invitation-resent' | 'invitation-cancelled') {
  return {
    INVITATION_WRITTEN: [
      { guard: 'invitationDone', target: 'invitations', actions: ['settleInvitations', { type: 'notice', params: { code: done } }] },
      { guard: 'invitationNotAllowed', target: '#access.notAllowed', actions: 'reset' },
      { target: 'invitations', actions: ['settleInvitations', { type: 'notice', params: { code: 'invitation-not-pending' } }] },
    ],
    INVITATION_FAILED: { target: 'invitations', actions: ['settleInvitations', { type: 'notice', params: { code: 'save-failed' } }] },
  } as const;
}

export function viewStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'pick',
    on: {
      NEXT_PAGE: { guard: 'hasNextPage', actions: 'nextPage' },
      PREVIOUS_PAGE: { guard: 'hasPreviousPage', actions: 'previousPage' },
      BACK: { target: '#access.idle', actions: 'reset' },
      START: { target: '#access.route', actions: 'startWith' },
    },
    states: {
      pick: {
        always: [
          { guard: 'viewAsksCompany', target: 'choose' },
          { guard: 'viewAsksPerson', target: 'choose' },
          { guard: 'isPersonAccessView', target: 'personAccess' },
          { guard: 'isInvitationsView', target: 'invitations' },
          { target: 'history' },
        ],
      },
      choose: {
        on: {
          PICK_COMPANY: [
            { guard: 'viewCompanyOffered', target: 'pick', actions: 'pickViewCompany' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          PICK_PERSON: [
            { guard: 'viewPersonOffered', target: 'pick', actions: 'pickViewPerson' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
        },
      },
      personAccess: {},
      history: {},
      // Pending invitations: resend at once (nothing is taken away); cancel after a confirmation (grants go).
      invitations: {
        on: {
          RESEND_INVITATION: [
            { guard: 'invitationListed', target: 'resending', actions: 'takeInvitation' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          CANCEL_INVITATION: [
            { guard: 'invitationCancellable', target: 'cancelInvitation', actions: 'takeInvitation' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
        },
      },
      cancelInvitation: {
        on: {
          CONFIRM: { target: 'cancelling' },
          BACK: { target: 'invitations', actions: 'settleInvitations' },
        },
      },
      resending: {
        tags: ['busy'],
        entry: 'resendInvitation',
        on: invitationOutcomes('invitation-resent'),
      },
      cancelling: {
        tags: ['busy'],
        entry: 'cancelInvitation',
        on: invitationOutcomes('invitation-cancelled'),
      },
    },
  });
}
