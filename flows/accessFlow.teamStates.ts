import type { FlowSetup } from './accessFlow.setup.ts';

/**
 * Importing colleagues from the Teams team or group chat: the members Teams lists (asked for by the edge,
 * `asksTeam`), those the practice does not know picked a page at a time, their Client Management role,
 * a summary, then one write: all of them or none, re-checked against the practice as it then is.
 */
export function teamStates(flow: FlowSetup) {
  return flow.createStateConfig({
    initial: 'asking',
    on: {
      BACK: { target: '#access.idle', actions: 'reset' },
      START: { target: '#access.route', actions: 'startWith' },
    },
    states: {
      // The conversation answers with TEAM_ROSTER in the same turn: this is never a step anyone sees.
      asking: {
        tags: ['asksTeam'],
        on: { TEAM_ROSTER: { target: 'plan', actions: 'takeRoster' } },
      },
      plan: {
        always: [{ guard: 'nobodyToImport', target: 'none' }, { target: 'pick' }],
      },
      // Not in a team, Teams unreachable, or everyone already known: said, with the way forward.
      none: {},
      pick: {
        on: {
          SET_MEMBERS: [
            { guard: 'membersOnPage', actions: 'setMembers' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          TEXT: [
            { guard: 'namesMembers', actions: 'pickNamed' },
            { actions: { type: 'notice', params: { code: 'no-member-match' } } },
          ],
          NEXT_PAGE: { guard: 'hasNextMembers', actions: 'nextMembers' },
          PREVIOUS_PAGE: { guard: 'hasPreviousMembers', actions: 'previousMembers' },
          MEMBERS_DONE: [
            { guard: 'somePicked', target: 'role' },
            { actions: { type: 'notice', params: { code: 'no-member-picked' } } },
          ],
        },
      },
      role: {
        on: {
          PICK_ROLE: [
            { guard: 'importRoleOffered', target: 'confirm', actions: 'pickImportRole' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          BACK: { target: 'pick' },
        },
      },
      language: {
        on: {
          PICK_LANGUAGE: [
            { guard: 'importLanguageOffered', target: 'confirm', actions: 'pickImportLanguage' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          BACK: { target: 'confirm' },
        },
      },
      confirm: {
        on: {
          CONFIRM: { target: 'committing' },
          CHANGE: [
            { guard: 'changesImportRole', target: 'role' },
            { guard: 'changesImportLanguage', target: 'language' },
            { actions: { type: 'notice', params: { code: 'cannot-change' } } },
          ],
          BACK: { target: 'role' },
        },
      },
      committing: {
        tags: ['busy'],
        entry: 'importMembers',
        on: {
          TEAM_IMPORTED: [
            { guard: 'teamImported', target: 'done', actions: 'keepImportResult' },
            // Rule 1: the right to manage users was lost meanwhile.
            { guard: 'teamImportNotAllowed', target: '#access.notAllowed', actions: 'reset' },
            { target: 'changed', actions: 'keepImportResult' },
          ],
          TEAM_IMPORT_FAILED: { target: 'confirm', actions: { type: 'notice', params: { code: 'save-failed' } } },
        },
      },
      done: {},
      // Someone picked became known meanwhile: nothing was added; the list is made again from the practice as it is.
      changed: {
        on: { RETRY: { target: 'plan', actions: 'replanImport' } },
      },
    },
  });
}
