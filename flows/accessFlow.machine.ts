import type { AccessPorts } from './ports.ts';
import { EMPTY, flowSetup } from './accessFlow.setup.ts';
import { roleStates } from './accessFlow.roleStates.ts';
import { batchStates } from './accessFlow.batchStates.ts';
import { viewStates } from './accessFlow.viewStates.ts';
import { teamStates } from './accessFlow.teamStates.ts';
import { importStates } from './accessFlow.importStates.ts';

/**
 * The whole conversation of giving, changing or removing a colleague's access to a client company.
 * The `route` state asks for the first missing answer, so back, change and start over stay simple.
 */
export function createAccessFlow(ports: AccessPorts) {
  const flow = flowSetup(ports);
  return flow.createMachine({
    id: 'access',
    context: ({ input }) => ({ ...EMPTY, ...input }),
    initial: 'idle',
    on: {
      // A typed request, at any step: what it names is filled at once, and the flow asks for what is missing.
      REQUEST: { guard: 'isRequest', target: '.route', actions: 'takeRequest' },
      // Several changes at once (copy someone's access, a leaver, several companies, undo): one confirmation.
      BATCH: [
        { guard: 'mayNotManage', target: '.notAllowed' },
        { guard: 'isBatch', target: '.batch', actions: 'takeBatch' },
      ],
      START_OVER: { target: '.route', actions: 'reset' },
      CANCEL: { target: '.idle', actions: ['reset', { type: 'notice', params: { code: 'cancelled' } }] },
      // A read-only view, at any step (rule 1: only those who may manage access see it).
      VIEW: [
        { guard: 'mayNotManage', target: '.notAllowed', actions: 'reset' },
        { guard: 'isViewRequest', target: '.view', actions: 'takeView' },
      ],
      // Import colleagues from the Teams team or group chat, at any step (rule 1 first: Teams is then not asked).
      IMPORT_TEAM: [
        { guard: 'mayNotManage', target: '.notAllowed', actions: 'reset' },
        { guard: 'isImportRequest', target: '.importTeam', actions: ['reset', 'takeImport'] },
      ],
      // A spreadsheet sent to import, at any step (rule 1 first: src/ does not even fetch it then).
      FILE: [
        { guard: 'mayNotManage', target: '.notAllowed', actions: 'reset' },
        { guard: 'isFile', target: '.import', actions: ['reset', 'takeFile'] },
      ],
    },
    states: {
      idle: {
        on: {
          START: { target: 'route', actions: 'startWith' },
          CLIENT_STAFF: { target: 'clientStaff' },
          CANCEL: { actions: { type: 'notice', params: { code: 'nothing-to-cancel' } } },
        },
      },
      notAllowed: {
        on: { START: { target: 'route', actions: 'startWith' } },
      },
      route: {
        entry: 'settleRequest',
        always: [
          { guard: 'mayNotManage', target: 'notAllowed' },
          { guard: { type: 'isEditing', params: { field: 'company' } }, target: 'company' },
          { guard: { type: 'isEditing', params: { field: 'person' } }, target: 'person' },
          { guard: { type: 'isEditing', params: { field: 'product' } }, target: 'product' },
          { guard: { type: 'isEditing', params: { field: 'role' } }, target: 'role' },
          { guard: { type: 'isEditing', params: { field: 'language' } }, target: 'language' },
          { guard: 'offersCompanies', target: 'company.choose' },
          { guard: 'needsCompany', target: 'company' },
          { guard: 'isListing', target: 'action.list' },
          { guard: 'needsMode', target: 'action' },
          { guard: 'offersPeople', target: 'person.choose' },
          { guard: 'needsPerson', target: 'person' },
          { guard: 'needsProduct', target: 'product' },
          { guard: 'alreadyGranted', target: 'existingGrant' },
          { guard: 'needsRole', target: 'role' },
          { guard: 'needsLanguage', target: 'language' },
          { target: 'confirm' },
        ],
      },
      company: {
        initial: 'search',
        on: {
          BACK: [
            { guard: 'isEditingAny', target: 'route', actions: 'stopEditing' },
            { target: 'idle', actions: 'reset' },
          ],
        },
        states: {
          search: {
            on: { TEXT: { target: 'matching', actions: 'searchCompanies' } },
          },
          matching: {
            always: [
              { guard: 'noCompanyMatch', target: 'search', actions: { type: 'notice', params: { code: 'no-company-match' } } },
              { guard: 'oneCompanyMatch', target: '#access.route', actions: 'pickOnlyCompany' },
              { target: 'choose' },
            ],
          },
          choose: {
            on: {
              TEXT: { target: 'matching', actions: 'searchCompanies' },
              PICK_COMPANY: [
                { guard: 'companyOffered', target: '#access.route', actions: 'pickCompany' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              BACK: { target: 'search' },
            },
          },
        },
      },
      action: {
        initial: 'choose',
        on: {
          PICK_ACTION: [
            { guard: 'wantsList', target: '.list' },
            { target: 'route', actions: 'pickMode' },
          ],
          CLIENT_STAFF: { target: 'clientStaff' },
          BACK: { target: 'route', actions: { type: 'forget', params: { field: 'company' } } },
        },
        states: {
          choose: {},
          list: { on: { BACK: { target: 'choose' } } },
        },
      },
      person: {
        initial: 'pick',
        // Editing or removing picks among those who have access now (however the mode was chosen).
        entry: 'listHolders',
        on: {
          BACK: [
            { guard: 'isEditingAny', target: 'route', actions: 'stopEditing' },
            { target: 'route', actions: { type: 'forget', params: { field: 'mode' } } },
          ],
          CLIENT_STAFF: { target: 'clientStaff' },
        },
        states: {
          pick: {
            always: [{ guard: 'isAdding', target: 'search' }, { target: 'choose' }],
          },
          search: {
            on: { TEXT: { target: 'matching', actions: 'searchPeople' } },
          },
          matching: {
            always: [
              { guard: 'isClientStaffEmail', target: '#access.clientStaff' },
              { guard: 'onePersonMatch', target: '#access.route', actions: 'pickOnlyPerson' },
              { guard: 'somePersonMatches', target: 'choose' },
              { guard: 'isNewEmail', target: 'invite' },
              { target: 'search', actions: { type: 'notice', params: { code: 'no-person-match' } } },
            ],
          },
          choose: {
            on: {
              TEXT: { guard: 'isAdding', target: 'matching', actions: 'searchPeople' },
              PICK_PERSON: [
                { guard: 'personOffered', target: '#access.route', actions: 'pickPerson' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
            },
          },
          invite: {
            on: {
              INVITE: { target: '#access.route', actions: 'invite' },
              TEXT: { target: 'matching', actions: 'searchPeople' },
              BACK: { target: 'search' },
            },
          },
        },
      },
      clientStaff: {
        on: {
          BACK: { target: 'route' },
          START: { target: 'route', actions: 'startWith' },
        },
      },
      product: {
        on: {
          PICK_PRODUCT: [
            { guard: 'productNotOffered', actions: { type: 'notice', params: { code: 'not-offered' } } },
            { guard: 'productProtected', actions: { type: 'notice', params: { code: 'protected-owner' } } },
            { target: 'route', actions: 'pickProduct' },
          ],
          BACK: [
            { guard: 'isEditingAny', target: 'route', actions: 'stopEditing' },
            { target: 'route', actions: { type: 'forget', params: { field: 'person' } } },
          ],
        },
      },
      existingGrant: {
        on: {
          EDIT_INSTEAD: [
            { guard: 'existingProtected', actions: { type: 'notice', params: { code: 'protected-owner' } } },
            { target: 'route', actions: 'editInstead' },
          ],
          BACK: { target: 'route', actions: { type: 'forget', params: { field: 'product' } } },
        },
      },
      role: roleStates(flow),
      batch: batchStates(flow),
      view: viewStates(flow),
      importTeam: teamStates(flow),
      import: importStates(flow),
      language: {
        on: {
          PICK_LANGUAGE: [
            { guard: 'languageOffered', target: 'route', actions: 'pickLanguage' },
            { actions: { type: 'notice', params: { code: 'not-offered' } } },
          ],
          BACK: [
            { guard: 'isEditingAny', target: 'route', actions: 'stopEditing' },
            { target: 'route', actions: { type: 'forget', params: { field: 'role' } } },
          ],
        },
      },
      confirm: {
        on: {
          CONFIRM: { target: 'committing', actions: 'noteCmBasic' },
          SET_CM_BASIC: { actions: 'setCmBasic' },
          CHANGE: [
            { guard: 'mayChange', target: 'route', actions: 'change' },
            { actions: { type: 'notice', params: { code: 'cannot-change' } } },
          ],
          BACK: [
            { guard: 'isRemoving', target: 'route', actions: { type: 'forget', params: { field: 'product' } } },
            { target: 'route', actions: { type: 'forget', params: { field: 'language' } } },
          ],
        },
      },
      committing: {
        tags: ['busy'],
        entry: 'commitChange',
        on: {
          COMMITTED: [
            { guard: 'committed', target: 'done', actions: 'keepResult' },
            // The store already holds exactly this change (e.g. a confirmation sent twice): done.
            { guard: 'alreadyApplied', target: 'done', actions: 'markDone' },
            { guard: 'conflicted', target: 'conflict', actions: 'keepResult' },
            { target: 'refused', actions: 'keepResult' },
          ],
          COMMIT_FAILED: { target: 'confirm', actions: { type: 'notice', params: { code: 'save-failed' } } },
        },
      },
      done: {
        on: {
          START: { target: 'route', actions: 'startWith' },
          ANOTHER: { target: 'route', actions: 'anotherForCompany' },
          BACK: { target: 'route', actions: 'anotherForCompany' },
        },
      },
      conflict: {
        on: {
          RETRY: { target: 'route', actions: 'takeCurrent' },
          BACK: { target: 'route', actions: ['takeCurrent', { type: 'forget', params: { field: 'role' } }] },
        },
      },
      refused: {
        on: {
          START: { target: 'route', actions: 'startWith' },
          BACK: { target: 'confirm', actions: 'forgetResult' },
        },
      },
    },
  });
}

export type AccessFlow = ReturnType<typeof createAccessFlow>;
