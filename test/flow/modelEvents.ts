// The events the model-based tests offer at each step, with their data given explicitly:
// valid choices, forged ones, and the outcomes of the two writes.
import { readFileSync } from 'node:fs';
import type { SnapshotFrom } from 'xstate';
import type { AccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import { offeredProducts, offeredRoles } from '../../flows/accessFlow.offers.ts';
import type { AccessRepository } from '../../src/repository/accessRepository.ts';
import { stepOf } from '../../src/conversation/flowSession.ts';
import { membersOnPage, pickedMembers } from '../../flows/accessFlow.teamImport.ts';
import { demoTeam } from '../support/demoTeam.ts';
import { readCsv } from '../../src/import/readCsv.ts';

export type Snapshot = SnapshotFrom<AccessFlow>;
/** Includes the outcomes of the two writes, as the graph sees them (the live run arranges the real ones). */
export type ModelEvent = FlowEvent;

export const TEXTS = {
  twoCompanies: 'dupon',
  oneCompany: 'Dupont Frères',
  noCompany: 'zzzzqqq',
  onePerson: 'Camille Leroy',
  holder: 'Julien Moreau',
  manyPeople: 'cabinet-martin',
  newEmail: 'new.person@example.com',
  clientStaffEmail: 'paul@dupont-freres.fr',
  roleName: 'Révision TVA',
  duplicateName: 'SAISIE achats',
};

/** Typed requests as src/conversation reads them: whole, with a company or a person left to choose, and "who has access". */
const REQUESTS: FlowEvent[] = [
  { type: 'REQUEST', request: { mode: 'add', companyId: 'co-dupont-freres', person: { kind: 'invitee', email: TEXTS.newEmail }, product: 'autoentry', roleId: 'autoentry.files-basic', conversationLanguage: 'fr-FR' } },
  { type: 'REQUEST', request: { mode: 'edit', companyMatches: ['co-boulangerie-dupont', 'co-dupont-freres'], person: { kind: 'colleague', colleagueId: 'demo-basic' }, product: 'autoentry', roleId: 'autoentry.files-admin', conversationLanguage: 'en-GB' } },
  { type: 'REQUEST', request: { mode: 'add', companyId: 'co-cafe-etoile', personMatches: ['demo-basic', 'demo-standard'], language: 'en-US', conversationLanguage: 'en-GB' } },
  { type: 'REQUEST', request: { mode: 'list', companyId: 'co-dupont-freres', conversationLanguage: 'en-GB' } },
];

const camille = { kind: 'colleague' as const, colleagueId: 'demo-basic' };
/** Several changes at once: a copy, a leaver, one role at a company to choose and another, and undo with nothing to undo. */
const BATCHES: FlowEvent[] = [
  { type: 'BATCH', spec: { kind: 'copy', from: 'demo-admin', person: camille }, conversationLanguage: 'en-GB' },
  { type: 'BATCH', spec: { kind: 'removeAll', colleagueId: 'demo-readonly' }, conversationLanguage: 'en-GB' },
  { type: 'BATCH', spec: { kind: 'several', companyIds: ['co-cafe-etoile'], companyMatches: ['co-boulangerie-dupont', 'co-dupont-freres'], person: camille, product: 'autoentry', roleId: 'autoentry.files-admin' }, conversationLanguage: 'fr-FR' },
  { type: 'BATCH', spec: { kind: 'undo' }, conversationLanguage: 'en-GB' },
];

const batchMatches = (snapshot: Snapshot) => {
  const spec = snapshot.context.batch?.spec;
  return spec?.kind === 'several' ? spec.companyMatches : [];
};

/** The views: the Business Owner's access (14 companies, two pages), a history to ask about, a colleague to ask about, the pending invitations. */
const VIEWS: FlowEvent[] = [
  { type: 'VIEW', view: { kind: 'personAccess', colleagueId: 'demo-owner' } },
  { type: 'VIEW', view: { kind: 'history', companyMatches: ['co-boulangerie-dupont', 'co-dupont-freres'], since: '2025-10-27T00:00:00.000Z' } },
  { type: 'VIEW', view: { kind: 'personAccess', personMatches: ['demo-basic', 'demo-standard'] } },
  { type: 'VIEW', view: { kind: 'invitations' } },
];

/** A client companies spreadsheet, kept by the repository as the conversation keeps a file sent in the chat. */
const COMPANIES_CSV = readFileSync(new URL('../fixtures/import/companies-utf8-bom-commas.csv', import.meta.url));

/** Keeps the model's spreadsheet in the repository's cache (by its digest, the same id in every copy); returns its id. */
export function keepModelFile(repo: AccessRepository): string {
  const read = readCsv(COMPANIES_CSV);
  if (!read.ok) throw new Error('the companies fixture no longer reads');
  return repo.keepUpload('demo', COMPANIES_CSV, read.table).fileId;
}

/** Files sent: one whose header says companies, the same one asked about, and one no longer kept. */
const filesSent = (repo: AccessRepository): FlowEvent[] => {
  const id = keepModelFile(repo);
  return [
    { type: 'FILE', file: { id, name: 'clients.csv', kind: 'companies' } },
    { type: 'FILE', file: { id, name: 'clients.csv', kind: null } },
    { type: 'FILE', file: { id: 'gone-file', name: 'old.csv', kind: 'companies' } },
  ];
};

/** How an import ends: done, refused by rule 1 (the right lost meanwhile), the file gone, or not written. */
const IMPORT_OUTCOMES: FlowEvent[] = [
  { type: 'IMPORTED', result: { status: 'done', summary: { kind: 'companies', fresh: 2, existing: 4, refused: 2, refusals: [] } } },
  { type: 'IMPORTED', result: { status: 'refused', reason: 'not-allowed' } },
  { type: 'IMPORTED', result: { status: 'unusable', problem: { reason: 'gone' } } },
  { type: 'IMPORT_FAILED', error: 'disk full' },
];

/** How a resend or a cancel ends: done, overtaken (another administrator cancelled it first), refused by rule 1, or not written. */
const INVITATION_OUTCOMES: FlowEvent[] = [
  { type: 'INVITATION_WRITTEN', result: { status: 'done' } },
  { type: 'INVITATION_WRITTEN', result: { status: 'refused', reason: 'not-pending' } },
  { type: 'INVITATION_WRITTEN', result: { status: 'refused', reason: 'not-allowed' } },
  { type: 'INVITATION_FAILED', error: 'disk full' },
];

/** Importing from the team: the request, then what Teams answers (no team here, unreachable, everyone known, twelve new members on two pages). */
const IMPORT_TEAM: FlowEvent = { type: 'IMPORT_TEAM', conversationLanguage: 'en-GB' };
const ROSTERS: FlowEvent[] = [
  { type: 'TEAM_ROSTER', roster: { status: 'personal' } },
  { type: 'TEAM_ROSTER', roster: { status: 'unreachable' } },
  { type: 'TEAM_ROSTER', roster: demoTeam(0) },
  { type: 'TEAM_ROSTER', roster: demoTeam(12) },
];

export function eventsFor(repo: AccessRepository, snapshot: Snapshot): ModelEvent[] {
  const { context } = snapshot;
  const step = stepOf(snapshot.value);
  const forged = 'forged-id';
  switch (step) {
    case 'idle':
      return [{ type: 'START' }, { type: 'START', mode: 'add' }, { type: 'CLIENT_STAFF' }, { type: 'CANCEL' }, ...REQUESTS, ...BATCHES, ...VIEWS, IMPORT_TEAM, ...filesSent(repo)];
    case 'notAllowed':
      return [{ type: 'START' }];
    case 'company.search':
      return [TEXTS.twoCompanies, TEXTS.oneCompany, TEXTS.noCompany].map(text).concat([{ type: 'BACK' }, { type: 'START_OVER' }]);
    case 'company.choose':
      return [
        { type: 'PICK_COMPANY', companyId: context.companyMatches[0] },
        { type: 'PICK_COMPANY', companyId: forged },
        text(TEXTS.twoCompanies),
        { type: 'BACK' },
      ];
    case 'action.choose':
      return [
        ...(['add', 'edit', 'remove', 'list'] as const).map((action) => ({ type: 'PICK_ACTION' as const, action })),
        { type: 'CLIENT_STAFF' },
        { type: 'BACK' },
      ];
    case 'action.list':
      return [{ type: 'BACK' }, { type: 'PICK_ACTION', action: 'add' }];
    case 'person.search':
      return [TEXTS.onePerson, TEXTS.holder, TEXTS.manyPeople, TEXTS.newEmail, TEXTS.clientStaffEmail, TEXTS.noCompany]
        .map(text)
        .concat([{ type: 'CLIENT_STAFF' }, { type: 'BACK' }]);
    case 'person.choose':
      return [
        // The owner (first holder) when editing reaches rule 2; someone else otherwise.
        { type: 'PICK_PERSON', colleagueId: context.personMatches[0] },
        { type: 'PICK_PERSON', colleagueId: context.personMatches[context.personMatches.length - 1] },
        { type: 'PICK_PERSON', colleagueId: forged },
        text(TEXTS.onePerson),
        { type: 'BACK' },
      ];
    case 'person.invite':
      return [{ type: 'INVITE' }, text(TEXTS.onePerson), { type: 'BACK' }];
    case 'clientStaff':
      return [{ type: 'BACK' }, { type: 'START' }];
    case 'product': {
      // AutoEntry (custom roles) and one product without a permission catalogue are enough.
      const offered = offeredProducts(repo, context).slice(0, 2);
      return [
        ...offered.map((product) => ({ type: 'PICK_PRODUCT' as const, product })),
        { type: 'PICK_PRODUCT', product: 'not-a-product' as never },
        { type: 'BACK' },
      ];
    }
    case 'existingGrant':
      return [{ type: 'EDIT_INSTEAD' }, { type: 'BACK' }];
    case 'role.choose': {
      const [first] = offeredRoles(repo, context);
      return [
        { type: 'PICK_ROLE', roleId: first },
        { type: 'PICK_ROLE', roleId: forged },
        { type: 'SHOW_ROLE', roleId: first },
        { type: 'SHOW_ROLE', roleId: forged },
        { type: 'CREATE_ROLE' },
        { type: 'BACK' },
      ];
    }
    case 'role.preview':
      return [
        { type: 'ACCEPT_ROLE' },
        { type: 'PICK_ROLE', roleId: offeredRoles(repo, context)[1] },
        { type: 'PICK_ROLE', roleId: forged },
        { type: 'BACK' },
      ];
    case 'role.builder.name':
      return [text(TEXTS.roleName), text(TEXTS.duplicateName), { type: 'BACK' }];
    case 'role.builder.base':
      return [
        { type: 'PICK_BASE', roleId: null },
        { type: 'PICK_BASE', roleId: 'autoentry.documents-basic' },
        { type: 'PICK_BASE', roleId: forged },
        { type: 'BACK' },
      ];
    case 'role.builder.permissions':
      return [
        { type: 'TOGGLE_PERMISSION', permission: 'files.download' },
        { type: 'TOGGLE_PERMISSION', permission: forged },
        { type: 'SET_PERMISSIONS', permissions: ['bank-statements.upload', 'files.download'] },
        { type: 'SET_PERMISSIONS', permissions: [] },
        { type: 'PERMISSIONS_DONE' },
        { type: 'BACK' },
      ];
    case 'role.builder.review':
      return [{ type: 'SAVE_ROLE' }, { type: 'BACK' }];
    case 'role.saving':
      return [
        // The live run creates a new role; the walk stands in an existing custom one for it.
        { type: 'ROLE_SAVED', roleId: offeredRoles(repo, context).at(-1)! },
        { type: 'ROLE_REJECTED', error: 'duplicate' },
      ];
    case 'language':
      return [
        { type: 'PICK_LANGUAGE', language: 'fr-FR' },
        { type: 'PICK_LANGUAGE', language: 'xx' as never },
        { type: 'BACK' },
      ];
    case 'confirm':
      return [
        { type: 'CONFIRM' },
        { type: 'SET_CM_BASIC', value: false },
        ...(['company', 'person', 'product', 'role', 'language'] as const).map((field) => ({ type: 'CHANGE' as const, field })),
        { type: 'BACK' },
        { type: 'CANCEL' },
      ];
    case 'committing':
      return [
        { type: 'COMMITTED', result: { status: 'done' } },
        // A conflict: another administrator changed this colleague's grant first, or made this very change.
        ...(context.person?.kind === 'colleague'
          ? [
              { type: 'COMMITTED' as const, result: { status: 'conflict' as const, current: conflicting(repo, snapshot) } },
              { type: 'COMMITTED' as const, result: { status: 'conflict' as const, current: sameChange(snapshot) } },
            ]
          : []),
        { type: 'COMMITTED', result: { status: 'refused', reason: 'product-not-subscribed' } },
        { type: 'COMMIT_FAILED', error: 'disk full' },
      ];
    case 'done':
      return [{ type: 'START' }, { type: 'ANOTHER' }, { type: 'BACK' }];
    case 'batch.choose':
      return [{ type: 'PICK_COMPANY', companyId: batchMatches(snapshot)[0] }, { type: 'PICK_COMPANY', companyId: forged }, { type: 'BACK' }];
    case 'batch.confirm':
      return [{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'CANCEL' }];
    case 'batch.committing':
      return [
        { type: 'BATCH_COMMITTED', result: { status: 'done' } },
        // Another administrator made the first of these changes first.
        { type: 'BATCH_COMMITTED', result: { status: 'conflict', index: 0, current: null } },
        { type: 'BATCH_FAILED', error: 'disk full' },
      ];
    case 'batch.done':
    case 'batch.nothing':
      return [{ type: 'START' }, { type: 'BACK' }];
    case 'batch.failed':
      return [{ type: 'RETRY' }, { type: 'BACK' }];
    case 'conflict':
      return [{ type: 'RETRY' }, { type: 'BACK' }];
    case 'refused':
      return [{ type: 'START' }, { type: 'BACK' }];
    case 'view.choose':
      return [
        { type: 'PICK_COMPANY', companyId: context.view!.companyMatches[0] ?? forged },
        { type: 'PICK_COMPANY', companyId: forged },
        { type: 'PICK_PERSON', colleagueId: context.view!.personMatches[0] ?? forged },
        { type: 'PICK_PERSON', colleagueId: forged },
        { type: 'BACK' },
      ];
    case 'view.invitations': {
      // Lucas Girard's invitation, in the demo data.
      const [first] = repo.pendingInvitations(context.practiceId);
      return [
        { type: 'RESEND_INVITATION', invitationId: first?.id ?? forged },
        { type: 'RESEND_INVITATION', invitationId: forged },
        { type: 'CANCEL_INVITATION', invitationId: first?.id ?? forged },
        { type: 'CANCEL_INVITATION', invitationId: forged },
        { type: 'NEXT_PAGE' }, { type: 'BACK' }, { type: 'START' },
      ];
    }
    case 'view.cancelInvitation':
      return [{ type: 'CONFIRM' }, { type: 'BACK' }];
    case 'view.resending':
    case 'view.cancelling':
      return INVITATION_OUTCOMES;
    case 'import.kind':
      return [
        { type: 'PICK_KIND', kind: 'companies' },
        // The companies file read as colleagues lacks their columns.
        { type: 'PICK_KIND', kind: 'colleagues' },
        { type: 'PICK_KIND', kind: 'forged' as never },
        { type: 'BACK' },
      ];
    case 'import.preview':
      return [{ type: 'IMPORT', fileId: context.upload!.fileId }, { type: 'IMPORT', fileId: forged }, { type: 'BACK' }];
    case 'import.importing':
      return IMPORT_OUTCOMES;
    case 'import.done':
      return [{ type: 'START', mode: 'add' }];
    case 'import.unusable':
      return [{ type: 'BACK' }, { type: 'START' }];
    case 'view.personAccess':
    case 'view.history':
      return [{ type: 'NEXT_PAGE' }, { type: 'PREVIOUS_PAGE' }, { type: 'BACK' }, { type: 'START' }];
    case 'importTeam.asking':
      return ROSTERS;
    case 'importTeam.none':
      return [IMPORT_TEAM, { type: 'START' }, { type: 'BACK' }];
    case 'importTeam.pick': {
      const [first] = membersOnPage(context.teamImport!);
      return [
        { type: 'SET_MEMBERS', memberIds: [first.aadObjectId] },
        { type: 'SET_MEMBERS', memberIds: [forged] },
        // The last of the twelve, on the second page, by name.
        text('Nouveau Membre 12'),
        text(TEXTS.noCompany),
        { type: 'NEXT_PAGE' }, { type: 'PREVIOUS_PAGE' }, { type: 'MEMBERS_DONE' }, { type: 'BACK' },
      ];
    }
    case 'importTeam.role':
      return [
        { type: 'PICK_ROLE', roleId: 'client-management.standard' },
        // Rule 2: never offered.
        { type: 'PICK_ROLE', roleId: 'client-management.business-owner' },
        { type: 'BACK' },
      ];
    case 'importTeam.language':
      return [{ type: 'PICK_LANGUAGE', language: 'en-US' }, { type: 'PICK_LANGUAGE', language: 'xx' as never }, { type: 'BACK' }];
    case 'importTeam.confirm':
      return [
        { type: 'CONFIRM' },
        ...(['role', 'language', 'company'] as const).map((field) => ({ type: 'CHANGE' as const, field })),
        { type: 'BACK' },
      ];
    case 'importTeam.committing':
      return [
        { type: 'TEAM_IMPORTED', result: { status: 'done', colleagueIds: [] } },
        // Another administrator added the first of them meanwhile.
        { type: 'TEAM_IMPORTED', result: { status: 'changed', known: [pickedMembers(context.teamImport!)[0].aadObjectId] } },
        { type: 'TEAM_IMPORTED', result: { status: 'refused', reason: 'not-allowed' } },
        { type: 'TEAM_IMPORT_FAILED', error: 'disk full' },
      ];
    case 'importTeam.done':
      return [{ type: 'START' }, { type: 'BACK' }];
    case 'importTeam.changed':
      return [{ type: 'RETRY' }, { type: 'BACK' }];
    default:
      throw new Error(`no model events for step ${step}`);
  }
}

/** The grant as the other administrator leaves it (the live run makes the same change). */
export function conflicting(repo: AccessRepository, snapshot: Snapshot) {
  const c = snapshot.context;
  const roleId = offeredRoles(repo, c).find((r) => r !== c.roleId && r !== c.current?.roleId)!;
  return { product: c.product!, roleId, language: 'en-GB' as const, version: (c.current?.version ?? 0) + 1 };
}

/** The grant as it would be had someone else made this very change first (none, for a removal). */
export function sameChange(snapshot: Snapshot) {
  const c = snapshot.context;
  if (c.mode === 'remove') return null;
  return { product: c.product!, roleId: c.roleId!, language: c.language!, version: (c.current?.version ?? 0) + 1 };
}

function text(value: string): FlowEvent {
  return { type: 'TEXT', text: value };
}

/** Who the change is about, as far as the rules care. */
function personKind(repo: AccessRepository, snapshot: Snapshot) {
  const { person, practiceId, companyId } = snapshot.context;
  if (person?.kind !== 'colleague') return person?.kind ?? null;
  if (person.colleagueId === 'demo-owner') return 'owner'; // rule 2 protects them
  const holds = companyId && repo.usersWithAccess(practiceId, companyId).some((r) => r.colleagueId === person.colleagueId);
  return holds ? 'holder' : 'colleague';
}

/** What makes two snapshots different for the model: the step and the shape of the answers so far. */
export const abstractStateWith = (repo: AccessRepository) => (snapshot: Snapshot) => abstractState(snapshot, personKind(repo, snapshot));

export function abstractState(snapshot: Snapshot, person: string | null = snapshot.context.person?.kind ?? null): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.mode,
    !!c.companyId,
    person,
    c.product === 'autoentry' ? 'autoentry' : c.product ? 'other' : null,
    !!c.roleId,
    !!c.language,
    c.editing,
    !!c.current,
    c.draft ? [!!c.draft.name, c.draft.permissions.length > 0] : null,
    c.result?.status ?? null,
    // A flow filled from a sentence settles defaults a button flow asks for.
    !!c.requested,
    !!c.listing,
    c.batch ? [c.batch.spec.kind, c.batch.changes.length > 0, c.batch.spec.kind === 'several' && c.batch.spec.companyMatches.length > 0] : null,
    c.batchResult?.status ?? null,
    // A read-only view: which, its page, and what it is about.
    c.view ? [c.view.kind, c.view.page, !!c.view.companyId, !!c.view.colleagueId] : null,
    // Importing from the team: why nobody, who is new and picked, the page, the role and language, the write's outcome.
    c.teamImport
      ? [c.teamImport.problem, c.teamImport.candidates.length > 0, c.teamImport.picked.length > 0, c.teamImport.page, !!c.teamImport.roleId,
        !!c.teamImport.chosenLanguage, c.teamImport.result?.status ?? null]
      : null,
    // A file sent to import: whether its kind is known, previewed, unusable and why, imported.
    c.upload ? [!!c.upload.kind, !!c.upload.preview, c.upload.problem?.reason ?? null, !!c.upload.imported] : null,
  ]);}
