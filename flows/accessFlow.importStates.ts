import type { FlowSetup } from './accessFlow.setup.ts';

/**
 * A spreadsheet sent to import (reached by a FILE event at any step, rule 1 checked first): client
 * companies or colleagues (asked when its header cannot tell), the preview, then one write. As `route`
 * does for the access flow, `sort` goes to the first thing still to say, after each answer and the write.
 */
export function importStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'sort',
    states: {
      sort: {
        always: [
          // The write refused by rule 1 (the right lost since the file was sent).
          { guard: 'uploadNotAllowed', target: '#access.notAllowed', actions: 'reset' },
          { guard: 'uploadImported', target: 'done' },
          { guard: 'uploadNeedsKind', target: 'kind' },
          // Gone (a restart, or others' files pushed it out), or lacking a column the kind needs.
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
          // Whatever the import did is kept, and `sort` says it (nothing was written unless it is done).
          IMPORTED: { target: 'sort', actions: 'keepImport' },
          IMPORT_FAILED: { target: 'preview', actions: { type: 'notice', params: { code: 'save-failed' } } },
        },
      },
      done: {
        on: { START: { target: '#access.route', actions: 'startWith' } },
      },
      unusable: {
        on: {
          BACK: { target: 'kind', actions: 'forgetKind' },
          START: { target: '#access.route', actions: 'startWith' },
        },
      },
    },
  });
}
