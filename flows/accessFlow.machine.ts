import { assign, emit, setup } from 'xstate';
import type { AccessChange, AccessPorts, NewRole } from './ports.ts';
import { CLIENT_MANAGEMENT } from './ports.ts';
import type { Field, FlowContext, FlowEvent, FlowInput, Mode, Notice } from './accessFlow.types.ts';
import { createFlowGuards } from './accessFlow.guards.ts';
import { lacksClientManagement } from './accessFlow.offers.ts';

type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

const EMPTY: Omit<FlowContext, keyof FlowInput> = {
  mode: null,
  companyMatches: [],
  companyId: null,
  personMatches: [],
  pendingEmail: null,
  person: null,
  product: null,
  roleId: null,
  previewRoleId: null,
  draft: null,
  language: null,
  current: null,
  addCmBasic: true,
  cmBasicIncluded: false,
  editing: null,
  result: null,
};

/** What must be forgotten when an answer is taken back, so later steps are asked again. */
const FORGET: Record<Field | 'mode', Partial<FlowContext>> = {
  company: { companyId: null, companyMatches: [], mode: null, person: null, personMatches: [], current: null },
  mode: { mode: null, person: null, personMatches: [], current: null },
  person: { person: null, pendingEmail: null, product: null, current: null },
  product: { product: null, current: null, roleId: null },
  role: { roleId: null, previewRoleId: null, draft: null },
  language: { language: null },
};

/**
 * The whole conversation of giving, changing or removing a colleague's access to a client company.
 * The `route` state asks for the first missing answer, so back, change and start over stay simple.
 */
export function createAccessFlow(ports: AccessPorts) {
  const guards = createFlowGuards(ports);
  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      input: {} as FlowInput,
      emitted: {} as Notice,
    },
    guards,
    actions: {
      // The two writes. Each reports back with an event, so the machine has no invocations and
      // xstate/graph can walk all of it; a turn waits while the machine is tagged busy.
      commitChange: ({ context, self }) => {
        ports.commit(toChange(context)).then(
          (result) => self.send({ type: 'COMMITTED', result }),
          (error: unknown) => self.send({ type: 'COMMIT_FAILED', error: String(error) }),
        );
      },
      saveRole: ({ context, self }) => {
        ports.createRole(toNewRole(context)).then(
          (roleId) => self.send({ type: 'ROLE_SAVED', roleId }),
          (error: unknown) => self.send({ type: 'ROLE_REJECTED', error: String(error) }),
        );
      },
      notice: emit((_, params: { code: Notice['code'] }) => ({ type: 'notice', code: params.code }) as Notice),
      roleNameProblem: emit(({ context, event }) => ({
        type: 'notice' as const,
        code: 'role-name-problem' as const,
        problem: ports.roleNameProblem(context.practiceId, context.product!, (event as Of<'TEXT'>).text)!,
      })),
      reset: assign(() => ({ ...EMPTY })),
      startWith: assign(({ event }) => ({ ...EMPTY, mode: (event as Of<'START'>).mode ?? null })),
      forget: assign((_, params: { field: Field | 'mode' }) => ({ ...FORGET[params.field], editing: null })),
      stopEditing: assign({ editing: null }),
      searchCompanies: assign({
        companyMatches: ({ context, event }) => ports.findCompanies(context.practiceId, (event as Of<'TEXT'>).text),
      }),
      pickOnlyCompany: assign(({ context }) => ({ companyId: context.companyMatches[0], editing: null })),
      pickCompany: assign(({ event }) => ({ companyId: (event as Of<'PICK_COMPANY'>).companyId, editing: null })),
      pickMode: assign({ mode: ({ event }) => (event as Of<'PICK_ACTION'>).action as Mode }),
      listHolders: assign(({ context }) =>
        context.mode === 'add'
          ? {}
          : { personMatches: ports.usersWithAccess(context.practiceId, context.companyId!).map((row) => row.colleagueId) },
      ),
      searchPeople: assign(({ context, event }) => {
        const text = (event as Of<'TEXT'>).text.trim();
        const byEmail = ports.colleagueByEmail(context.practiceId, text);
        return {
          personMatches: byEmail ? [byEmail] : ports.findColleagues(context.practiceId, text),
          pendingEmail: isEmail(text) && !byEmail ? text.toLowerCase() : null,
        };
      }),
      pickOnlyPerson: assign(({ context }) => ({
        person: { kind: 'colleague' as const, colleagueId: context.personMatches[0] },
        editing: null,
      })),
      pickPerson: assign(({ event }) => ({
        person: { kind: 'colleague' as const, colleagueId: (event as Of<'PICK_PERSON'>).colleagueId },
        editing: null,
      })),
      invite: assign(({ context }) => ({
        person: { kind: 'invitee' as const, email: context.pendingEmail! },
        editing: null,
      })),
      pickProduct: assign(({ context, event }) => {
        const product = (event as Of<'PICK_PRODUCT'>).product;
        const current =
          context.mode === 'add' ? null : grantOfPerson(ports, { ...context, product }) ?? null;
        return { product, current, editing: null };
      }),
      editInstead: assign(({ context }) => ({ mode: 'edit' as const, current: grantOfPerson(ports, context) ?? null })),
      pickRole: assign(({ event }) => ({ roleId: (event as Of<'PICK_ROLE'>).roleId, draft: null, editing: null })),
      previewRole: assign(({ event }) => ({ previewRoleId: (event as Of<'SHOW_ROLE'>).roleId })),
      acceptPreview: assign(({ context }) => ({ roleId: context.previewRoleId, draft: null, editing: null })),
      startDraft: assign({ draft: () => ({ name: '', baseRoleId: null, permissions: [] }) }),
      dropDraft: assign({ draft: null }),
      forgetResult: assign({ result: null }),
      nameDraft: assign(({ context, event }) => ({
        draft: { ...context.draft!, name: (event as Of<'TEXT'>).text.trim() },
      })),
      baseDraft: assign(({ context, event }) => {
        const baseRoleId = (event as Of<'PICK_BASE'>).roleId;
        const permissions = baseRoleId ? ports.rolePermissions(context.practiceId, baseRoleId) : [];
        return { draft: { ...context.draft!, baseRoleId, permissions } };
      }),
      togglePermission: assign(({ context, event }) => {
        const permission = (event as Of<'TOGGLE_PERMISSION'>).permission;
        const held = context.draft!.permissions;
        const next = held.includes(permission) ? held.filter((p) => p !== permission) : [...held, permission];
        return { draft: { ...context.draft!, permissions: inCatalogueOrder(ports, context, next) } };
      }),
      setPermissions: assign(({ context, event }) => ({
        draft: {
          ...context.draft!,
          permissions: inCatalogueOrder(ports, context, (event as Of<'SET_PERMISSIONS'>).permissions),
        },
      })),
      useNewRole: assign(({ event }) => ({
        roleId: (event as Of<'ROLE_SAVED'>).roleId,
        draft: null,
        editing: null,
      })),
      pickLanguage: assign(({ event }) => ({ language: (event as Of<'PICK_LANGUAGE'>).language, editing: null })),
      setCmBasic: assign({ addCmBasic: ({ event }) => (event as Of<'SET_CM_BASIC'>).value }),
      noteCmBasic: assign({ cmBasicIncluded: ({ context }) => context.addCmBasic && lacksClientManagement(ports, context) }),
      change: assign({ editing: ({ event }) => (event as Of<'CHANGE'>).field }),
      keepResult: assign({ result: ({ event }) => (event as Of<'COMMITTED'>).result }),
      markDone: assign({ result: { status: 'done' as const } }),
      takeCurrent: assign(({ context }) => {
        const current = context.result?.status === 'conflict' ? context.result.current : null;
        // Someone else invited the same e-mail first: carry on with the colleague they became.
        const invited = context.person?.kind === 'invitee' ? ports.colleagueByEmail(context.practiceId, context.person.email) : undefined;
        const person = invited ? { kind: 'colleague' as const, colleagueId: invited } : context.person;
        return { person, current, mode: current ? ('edit' as const) : ('add' as const), result: null };
      }),
      anotherForCompany: assign(({ context }) => ({ ...EMPTY, companyId: context.companyId })),
    },
  }).createMachine({
    id: 'access',
    context: ({ input }) => ({ ...EMPTY, ...input }),
    initial: 'idle',
    on: {
      START_OVER: { target: '.route', actions: 'reset' },
      CANCEL: { target: '.idle', actions: ['reset', { type: 'notice', params: { code: 'cancelled' } }] },
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
        always: [
          { guard: 'mayNotManage', target: 'notAllowed' },
          { guard: { type: 'isEditing', params: { field: 'company' } }, target: 'company' },
          { guard: { type: 'isEditing', params: { field: 'person' } }, target: 'person' },
          { guard: { type: 'isEditing', params: { field: 'product' } }, target: 'product' },
          { guard: { type: 'isEditing', params: { field: 'role' } }, target: 'role' },
          { guard: { type: 'isEditing', params: { field: 'language' } }, target: 'language' },
          { guard: 'needsCompany', target: 'company' },
          { guard: 'needsMode', target: 'action' },
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
      role: {
        initial: 'choose',
        states: {
          choose: {
            on: {
              PICK_ROLE: [
                { guard: 'roleOffered', target: '#access.route', actions: 'pickRole' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              SHOW_ROLE: [
                { guard: 'roleOffered', target: 'preview', actions: 'previewRole' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              CREATE_ROLE: [
                { guard: 'hasPermissionCatalogue', target: 'builder', actions: 'startDraft' },
                { actions: { type: 'notice', params: { code: 'no-custom-roles' } } },
              ],
              BACK: [
                { guard: 'isEditingAny', target: '#access.route', actions: 'stopEditing' },
                { target: '#access.route', actions: { type: 'forget', params: { field: 'product' } } },
              ],
            },
          },
          preview: {
            on: {
              ACCEPT_ROLE: { target: '#access.route', actions: 'acceptPreview' },
              PICK_ROLE: [
                { guard: 'roleOffered', target: '#access.route', actions: 'pickRole' },
                { actions: { type: 'notice', params: { code: 'not-offered' } } },
              ],
              BACK: { target: 'choose' },
            },
          },
          builder: {
            initial: 'name',
            states: {
              name: {
                on: {
                  TEXT: [
                    { guard: 'roleNameProblem', actions: 'roleNameProblem' },
                    { target: 'base', actions: 'nameDraft' },
                  ],
                  BACK: { target: '#access.role.choose', actions: 'dropDraft' },
                },
              },
              base: {
                on: {
                  PICK_BASE: [
                    { guard: 'baseOffered', target: 'permissions', actions: 'baseDraft' },
                    { actions: { type: 'notice', params: { code: 'not-offered' } } },
                  ],
                  BACK: { target: 'name' },
                },
              },
              permissions: {
                on: {
                  TOGGLE_PERMISSION: [
                    { guard: 'permissionInCatalogue', actions: 'togglePermission' },
                    { actions: { type: 'notice', params: { code: 'not-offered' } } },
                  ],
                  SET_PERMISSIONS: [
                    { guard: 'permissionsChosen', target: 'review', actions: 'setPermissions' },
                    { actions: { type: 'notice', params: { code: 'no-permission' } } },
                  ],
                  PERMISSIONS_DONE: [
                    { guard: 'draftHasPermissions', target: 'review' },
                    { actions: { type: 'notice', params: { code: 'no-permission' } } },
                  ],
                  BACK: { target: 'base' },
                },
              },
              review: {
                on: {
                  SAVE_ROLE: { target: '#access.role.saving' },
                  BACK: { target: 'permissions' },
                },
              },
            },
          },
          saving: {
            tags: ['busy'],
            entry: 'saveRole',
            on: {
              ROLE_SAVED: {
                target: '#access.route',
                actions: ['useNewRole', { type: 'notice', params: { code: 'role-created' } }],
              },
              ROLE_REJECTED: {
                target: 'builder.name',
                actions: { type: 'notice', params: { code: 'role-rejected' } },
              },
            },
          },
        },
      },
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

function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

function grantOfPerson(ports: AccessPorts, context: FlowContext) {
  if (context.person?.kind !== 'colleague' || !context.companyId || !context.product) return undefined;
  return ports.grantOf(context.practiceId, context.companyId, context.person.colleagueId, context.product);
}

function inCatalogueOrder(ports: AccessPorts, context: FlowContext, permissions: string[]): string[] {
  const chosen = new Set(permissions);
  return ports.productPermissions(context.product!).filter((p) => chosen.has(p));
}

function toNewRole(context: FlowContext): NewRole {
  return {
    practiceId: context.practiceId,
    actorId: context.actorId,
    product: context.product!,
    name: context.draft!.name,
    permissions: context.draft!.permissions,
  };
}

function toChange(context: FlowContext): AccessChange {
  return {
    practiceId: context.practiceId,
    actorId: context.actorId,
    companyId: context.companyId!,
    person: context.person!,
    product: context.product!,
    mode: context.mode as Mode,
    roleId: context.roleId ?? undefined,
    language: context.language ?? undefined,
    baseVersion: context.current?.version ?? null,
    addClientManagementBasic: context.addCmBasic && context.product !== CLIENT_MANAGEMENT,
  };
}
