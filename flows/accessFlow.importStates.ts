import type { FlowSetup } from './accessFlow.setup.ts';

/**
 * A spreadsheet sent to import (reached by a FILE event at any step, rule 1 checked first): client
 * companies or colleagues (asked when its header cannot tell), the preview, then one write.
 */
export function importStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'sort',
    on: {
      START: { target: '#access.route', actions: 'startWith' },
    },
    states: {
      sort: {
        always: [
          { guard: 'uploadNeedsKind', target: 'kind' },
          { guard: 'uploadUnusable', target: 'unusable' },
          { target: 'preview' },
        ],
      },
      kind: {
        on: {
          PICK_KIND: [
            { guard: 'kindOffered', target: 'sort', actions: 'pickKind' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          BACK: { target: '#access.idle', actions: 'reset' },
        },
      },
      preview: {
        on: {
          IMPORT: [
            { guard: 'importsThisFile', target: 'importing' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          // Not what the header suggested: asked again.
          BACK: { target: 'kind', actions: 'forgetKind' },
        },
      },
      importing: {
        tags: ['busy'],
        entry: 'importUpload',
        on: {
          IMPORTED: [
            { guard: 'uploadImported', target: 'done', actions: 'keepImport' },
            { guard: 'importNotAllowed', target: '#access.notAllowed', actions: 'reset' },
            // The file is gone (a restart, or others pushed it out) or no longer fits: nothing was written.
            { target: 'unusable', actions: 'keepImport' },
          ],
          IMPORT_FAILED: { target: 'preview', actions: { type: 'notice', params: { code: 'save-failed' } } },
        },
      },
      done: {},
      unusable: {
        on: { BACK: { target: 'kind', actions: 'forgetKind' } },
      },
    },
  });
}
