import type { FlowSetup } from './accessFlow.setup.ts';

/** Several changes confirmed together: a company still to choose, the list of changes, then one write. */
export function batchStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'plan',
    on: {
      BACK: { target: 'idle', actions: 'reset' },
    },
    states: {
      plan: {
        always: [
          { guard: 'batchNeedsCompany', target: 'choose' },
          { guard: 'batchHasNothing', target: 'nothing' },
          { target: 'confirm' },
        ],
      },
      choose: {
        on: {
          PICK_COMPANY: [
            { guard: 'batchCompanyOffered', target: 'plan', actions: 'batchPickCompany' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
        },
      },
      confirm: {
        on: { CONFIRM: { target: 'committing' } },
      },
      committing: {
        tags: ['busy'],
        entry: 'commitBatch',
        on: {
          BATCH_COMMITTED: [
            { guard: 'batchCommitted', target: 'done', actions: 'keepBatchResult' },
            { target: 'failed', actions: 'keepBatchResult' },
          ],
          BATCH_FAILED: { target: 'confirm', actions: { type: 'notice', params: { code: 'save-failed' } } },
        },
      },
      done: {
        on: { START: { target: '#access.route', actions: 'startWith' } },
      },
      failed: {
        // Plan again from the practice as it is now.
        on: { RETRY: { target: 'plan', actions: 'replanBatch' } },
      },
      nothing: {
        on: { START: { target: '#access.route', actions: 'startWith' } },
      },
    },
  });
}
