import { assign, emit, setup } from 'xstate';
import type { AccessChange, AccessPorts, NewRole } from './ports.ts';
import { CLIENT_MANAGEMENT } from './ports.ts';
import type { BatchSpec, Field, FlowContext, FlowEvent, FlowInput, Mode, Notice } from './accessFlow.types.ts';
import { createFlowGuards } from './accessFlow.guards.ts';
import { lacksClientManagement } from './accessFlow.offers.ts';
import { planBatch } from './accessFlow.batch.ts';
import { createViewGuards, viewActions } from './accessFlow.views.ts';
import { createInvitationActions, createInvitationGuards } from './accessFlow.invitations.ts';
import { createTeamImportActions, createTeamImportGuards } from './accessFlow.teamImport.ts';
import { createImportActions, createImportGuards } from './accessFlow.imports.ts';

// The flow's vocabulary: its types, guards (domain.md's rules) and actions (what each answer
// changes, and the two writes), over the ports that src/ provides.

type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

export const EMPTY: Omit<FlowContext, keyof FlowInput> = {
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
  listing: false,
  requested: null,
  batch: null,
  batchResult: null,
  view: null,
  teamImport: null,
  upload: null,
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

export function flowSetup(ports: AccessPorts) {
  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      input: {} as FlowInput,
      emitted: {} as Notice,
    },
    guards: { ...createFlowGuards(ports), ...createViewGuards(ports), ...createInvitationGuards(ports), ...createTeamImportGuards(ports), ...createImportGuards() },
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
      commitBatch: ({ context, self }) => {
        ports.commitAll(context.batch!.changes).then(
          (result) => self.send({ type: 'BATCH_COMMITTED', result }),
          (error: unknown) => self.send({ type: 'BATCH_FAILED', error: String(error) }),
        );
      },
      takeBatch: assign(({ context, event }) => {
        const { spec, conversationLanguage } = event as Of<'BATCH'>;
        return { ...EMPTY, requested: { language: conversationLanguage }, batch: planBatch(ports, context, spec, conversationLanguage) };
      }),
      batchPickCompany: assign(({ context, event }) => {
        const spec = context.batch!.spec as Extract<BatchSpec, { kind: 'several' }>;
        const picked = { ...spec, companyIds: [...spec.companyIds, (event as Of<'PICK_COMPANY'>).companyId], companyMatches: [] };
        return { batch: planBatch(ports, context, picked, context.requested?.language ?? 'en-GB') };
      }),
      replanBatch: assign(({ context }) => ({
        batch: planBatch(ports, context, context.batch!.spec, context.requested?.language ?? 'en-GB'),
        batchResult: null,
      })),
      keepBatchResult: assign({ batchResult: ({ event }) => (event as Of<'BATCH_COMMITTED'>).result }),
      notice: emit((_, params: { code: Notice['code'] }) => ({ type: 'notice', code: params.code }) as Notice),
      roleNameProblem: emit(({ context, event }) => ({
        type: 'notice' as const,
        code: 'role-name-problem' as const,
        problem: ports.roleNameProblem(context.practiceId, context.product!, (event as Of<'TEXT'>).text)!,
      })),
      reset: assign(() => ({ ...EMPTY })),
      startWith: assign(({ event }) => {
        const mode = (event as Of<'START'>).mode ?? null;
        // "Who has access" is what was asked: the list comes once the company is known.
        return mode === 'list' ? { ...EMPTY, listing: true } : { ...EMPTY, mode };
      }),
      takeRequest: assign(({ event }) => {
        const request = (event as Of<'REQUEST'>).request;
        return {
          ...EMPTY,
          mode: request.mode === 'list' ? null : request.mode,
          listing: request.mode === 'list',
          companyId: request.companyId ?? null,
          companyMatches: request.companyMatches ?? [],
          person: request.person ?? null,
          personMatches: request.personMatches ?? [],
          product: request.product ?? null,
          roleId: request.roleId ?? null,
          language: request.language ?? null,
          // "Change Sophie's language to English" keeps her role; "change Sophie's access" asks for one.
          requested: { language: request.conversationLanguage, keepRole: request.mode === 'edit' && !!request.language && !request.roleId },
        };
      }),
      // What a typed request left out and can be defaulted, once the parts it depends on are known:
      // giving a role someone already holds there is a change of it, changing one they lack is giving it.
      settleRequest: assign(({ context }) => {
        if (!context.requested) return {};
        const grant = grantOfPerson(ports, context) ?? null;
        // Rule 2: the Business Owner's own role is never settled from a sentence; the steps that say so are asked.
        if (grant && context.person?.kind === 'colleague' && ports.isProtectedGrant(context.practiceId, context.companyId!, context.person.colleagueId, context.product!)) {
          return context.mode === 'add' ? {} : { product: null, current: null };
        }
        const settled: Partial<FlowContext> = {};
        if (context.product && context.mode === 'add' && grant) Object.assign(settled, { mode: 'edit', current: grant });
        else if (context.product && context.mode === 'edit' && !grant) Object.assign(settled, { mode: 'add', current: null });
        else if (context.mode !== 'add' && !context.current && grant) settled.current = grant;
        const mode = settled.mode ?? context.mode;
        const current = settled.current ?? context.current;
        if (mode === 'edit' && current && !context.roleId && context.requested.keepRole) settled.roleId = current.roleId;
        if (mode !== 'remove' && mode !== null && !context.language && context.person) {
          settled.language = context.person.kind === 'colleague'
            ? current?.language ?? ports.colleagueLanguage(context.practiceId, context.person.colleagueId)
            : context.requested.language;
        }
        return settled;
      }),
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
        // A whole e-mail address names one person exactly: never a look-alike colleague by fuzzy match.
        const fuzzy = isEmail(text) ? [] : ports.findColleagues(context.practiceId, text);
        return {
          personMatches: byEmail ? [byEmail] : fuzzy,
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
      ...viewActions,
      ...createInvitationActions(ports),
      ...createTeamImportActions(ports),
      ...createImportActions(ports),
    },
  });
}

export type FlowSetup = ReturnType<typeof flowSetup>;

/** An e-mail address as people type them, no longer than addresses can be (254). */
function isEmail(text: string): boolean {
  if (text.length > 254) return false;
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
