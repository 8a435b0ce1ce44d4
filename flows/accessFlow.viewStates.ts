import type { FlowSetup } from './accessFlow.setup.ts';

/**
 * The read-only views: which company or colleague when a sentence could mean several, then a colleague's
 * access everywhere or the history, paged. Their buttons start the access flow with a REQUEST (handled at
 * the top of the machine); back leaves the view.
 */
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
    },
  });
}
