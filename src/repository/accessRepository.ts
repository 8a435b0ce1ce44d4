// The one door to the practices' data: every read and write of it goes through this class; the storage engine
// (src/storage/engine.ts) reads it whole at start and writes down each change.
import { randomUUID } from 'node:crypto';
import { OPERATOR } from '../../flows/ports.ts';
import { kindOf, summaryOf, type FileProblem, type ImportKind, type ImportPreview, type PreviewResult } from '../import/importPreview.ts';
import { UploadedFiles } from '../import/uploadedFiles.ts';
import type { CsvTable } from '../import/readCsv.ts';
import type {
  AccessChange, AccessPorts, AccessRow, BatchResult, CommitResult, CompanyAccess, GrantView, HeldGrant, HistoryFilter, HistoryPage,
  InvitationAction, InvitationResult, PendingInvitation, MemberImport, MemberImportResult, TeamMember,
  LanguageCode, NewRole, ProductCode, RefusalReason, RoleNameProblem, UndoPlan, UploadImport, UploadPreview, UploadResult,
} from '../../flows/ports.ts';
import { applyChange } from '../domain/applyChange.ts';
import { applyImport, previewOf, type ImportRows } from '../domain/applyImport.ts';
import { auditPage } from '../domain/auditHistory.ts';
import { attemptEntry, auditEntry, refusedChangeEntry, refusedRoleEntry, text, type Stamp } from '../domain/auditEntries.ts';
import { catalogue } from '../domain/catalogue.ts';
import { checkChange, type Verdict } from '../domain/changeRules.ts';
import { committedChange, type CommittedListener } from '../domain/committedChanges.ts';
import { linkColleague, type LinkOutcome } from '../domain/colleagueLink.ts';
import { addTeamMembers, newTeamMembers } from '../domain/teamMembers.ts';
import { undoPlan } from '../domain/undoPlan.ts';
import { cancelInvitation, pendingInvitations, resendInvitation } from '../domain/invitations.ts';
import {
  accessRows, BUSINESS_OWNER, canManage, CLIENT_MANAGEMENT_ADMINISTRATOR, colleagueAccess, colleagueWithEmail, findColleague, findCompany, findGrant, isClientStaff, isProtected,
  productsOf, roleProduct, viewOf,
} from '../domain/practiceView.ts';
import {
  assignableRoleIds, customRole, customRoleId, newRoleProblem, permissionsOfRole, roleInfo, roleNameProblem,
  RoleRejected, type RoleInfo, type RoleProblem,
} from '../domain/roleRules.ts';
import { NotWritten, Overtaken, type PracticeNews, type PracticeStore } from '../storage/engine.ts';
import { applyNews, PracticeChange } from '../domain/practiceChange.ts';
import { forgetIndex, indexOf } from '../domain/practiceIndex.ts';
import { newPractice, newPracticeProblem, type NewPractice, type PracticeProblem } from '../domain/practiceSetup.ts';
import type { AuditEntry, Colleague, Company, PermissionGroup, Practice } from '../domain/schema.ts';
import { validateStore } from '../domain/validateStore.ts';
import { colleagueSearch, companySearch, type EntrySearch } from '../search/search.ts';

export { RoleRejected, type RoleInfo, type LinkOutcome };

/** Who imports: the operator's practice command, or a colleague in the chat (who must be allowed to manage users). */
export type ImportActor = typeof OPERATOR | { colleagueId: string };

export type ImportOutcome =
  | { status: 'done'; preview: ImportPreview<ImportRows> }
  | { status: 'refused'; reason: 'not-allowed' }
  | { status: 'unreadable'; problem: FileProblem };

export interface PracticeSummary {
  name: string;
  tenantId: string;
  companies: number;
  colleagues: number;
  grants: number;
  invitations: number;
}

/** The most changes confirmed at once: a leaver in a large practice, with room to spare. */
const MAX_BATCH = 5_000;

/** Thrown inside a batch's change so everything it did is taken back. */
class BatchStopped extends Error {
  constructor(readonly index: number, readonly verdict: Verdict & { kind: 'refused' | 'conflict' }) {
    super(`change ${index} of a batch stopped it`);
  }
}

export class AccessRepository implements AccessPorts {
  readonly #store: PracticeStore;
  readonly #now: () => Date;
  readonly #practices = new Map<string, Practice>();
  readonly #byTenant = new Map<string, Practice>();
  /** Dropped when a company joins the practice, and rebuilt at the next search. */
  readonly #companySearch = new Map<string, EntrySearch>();
  /** Dropped when someone joins the practice, and rebuilt at the next search. */
  readonly #colleagueSearch = new Map<string, EntrySearch>();
  /** Dropped with the colleague search. */
  readonly #colleagueNames = new Map<string, ReadonlyArray<{ id: string; name: string; email: string }>>();
  /** Changes applied in memory but not yet on disk, oldest first. */
  #unwritten: Unwritten[] = [];
  /** Told, once a change is on disk, what it did to people's access. */
  readonly #committed = new Set<CommittedListener>();
  /** Spreadsheets sent in the chat, between their preview and their import: in memory, bounded. */
  readonly #uploads = new UploadedFiles();

  constructor(store: PracticeStore, now: () => Date = () => new Date()) {
    this.#store = store;
    this.#now = now;
    // Practices are added only by the operator's command, never while the assistant runs; their look-ups
    // and searches are built now, at start, rather than during someone's turn.
    for (const practice of store.data.practices) this.#register(practice);
  }

  #register(practice: Practice): void {
    if (!this.#practices.has(practice.id)) this.#practices.set(practice.id, practice);
    const tenant = String(practice.tenantId).toLowerCase();
    if (!this.#byTenant.has(tenant)) this.#byTenant.set(tenant, practice);
    indexOf(practice);
    this.#companySearch.set(practice.id, companySearch(practice.companies));
  }

  // ---- reads: synchronous, the data is in memory; objects handed out are copies ----

  practiceByTenant(tenantId: string): string | undefined {
    return this.#byTenant.get(String(tenantId).toLowerCase())?.id;
  }

  /** The Teams user's Entra object id first, then the channel's user id as a colleague id. */
  colleagueByIdentity(practiceId: string, ids: { aadObjectId?: string; fromId?: string }): string | undefined {
    const practice = this.#practice(practiceId);
    if (!practice) return undefined;
    const byAad = ids.aadObjectId ? practice.colleagues.find((c) => c.aadObjectId === ids.aadObjectId) : undefined;
    return (byAad ?? (ids.fromId ? findColleague(practice, ids.fromId) : undefined))?.id;
  }

  practice(id: string): { id: string; name: string; tenantId: string } | undefined {
    const practice = this.#practice(id);
    return practice && { id: practice.id, name: practice.name, tenantId: practice.tenantId };
  }

  company(practiceId: string, id: string): Company | undefined {
    return this.#read(practiceId, (p) => copyCompany(findCompany(p, id)));
  }

  colleague(practiceId: string, id: string): Colleague | undefined {
    // A colleague's fields are all plain values: a shallow copy is a whole one.
    return this.#read(practiceId, (p) => {
      const colleague = findColleague(p, id);
      return colleague && { ...colleague };
    });
  }

  role(practiceId: string, roleId: string): RoleInfo | undefined {
    return this.#read(practiceId, (p) => roleInfo(p, roleId));
  }

  permissionGroups(product: ProductCode): PermissionGroup[] {
    return catalogue.permissionGroups(product);
  }

  audit(practiceId: string): AuditEntry[] {
    return this.#read(practiceId, (p) => structuredClone(p.audit)) ?? [];
  }

  /** Filters the audit in place and copies only the page asked for. */
  auditEntries(practiceId: string, filter: HistoryFilter, page: { offset: number; limit: number }): HistoryPage {
    return this.#read(practiceId, (p) => {
      const found = auditPage(p.audit, filter, page);
      return { total: found.total, entries: structuredClone(found.entries) };
    }) ?? { total: 0, entries: [] };
  }

  colleagueAccess(practiceId: string, colleagueId: string): CompanyAccess[] {
    return this.#read(practiceId, (p) => colleagueAccess(p, colleagueId)) ?? [];
  }

  canManageUsers(practiceId: string, colleagueId: string): boolean {
    return this.#read(practiceId, (p) => canManage(p, colleagueId)) ?? false;
  }

  findCompanies(practiceId: string, query: string): string[] {
    return this.#searchIn(this.#companySearch, practiceId, (p) => companySearch(p.companies))?.find(query) ?? [];
  }

  findColleagues(practiceId: string, query: string): string[] {
    return this.#searchIn(this.#colleagueSearch, practiceId, (p) => colleagueSearch(p.colleagues))?.find(query) ?? [];
  }

  /** A practice's search, built at its first use after a change dropped it. */
  #searchIn(kept: Map<string, EntrySearch>, practiceId: string, build: (practice: Practice) => EntrySearch): EntrySearch | undefined {
    const practice = this.#practice(practiceId);
    if (!practice) return undefined;
    let search = kept.get(practice.id);
    if (!search) kept.set(practice.id, (search = build(practice)));
    return search;
  }

  /** Every colleague's id, name and e-mail (active or invited): the same list until someone joins, so readers may keep what they make of it. */
  colleagueNames(practiceId: string): ReadonlyArray<{ id: string; name: string; email: string }> {
    const practice = this.#practice(practiceId);
    if (!practice) return [];
    let names = this.#colleagueNames.get(practice.id);
    if (!names) {
      names = Object.freeze(practice.colleagues.map(({ id, name, email }) => Object.freeze({ id, name, email })));
      this.#colleagueNames.set(practice.id, names);
    }
    return names;
  }

  /** The practice's custom roles by name. */
  customRoleNames(practiceId: string): Array<{ id: string; name: string; product: ProductCode }> {
    return this.#read(practiceId, (p) => p.customRoles.map(({ id, name, product }) => ({ id, name, product }))) ?? [];
  }

  colleagueByEmail(practiceId: string, email: string): string | undefined {
    return this.#read(practiceId, (p) => colleagueWithEmail(p, email)?.id);
  }

  /** Who can add a colleague: the Business Owner, then the Administrators, by name. */
  practiceManagers(practiceId: string): string[] {
    return this.#read(practiceId, (p) => [
      ...p.colleagues.filter((c) => c.practiceRole === BUSINESS_OWNER),
      ...p.colleagues.filter((c) => c.practiceRole === CLIENT_MANAGEMENT_ADMINISTRATOR),
    ].map((c) => c.name)) ?? [];
  }

  isClientStaffEmail(practiceId: string, companyId: string, email: string): boolean {
    const company = this.#read(practiceId, (p) => findCompany(p, companyId));
    return company !== undefined && isClientStaff(company, email);
  }

  companyProducts(practiceId: string, companyId: string): ProductCode[] {
    const company = this.#read(practiceId, (p) => findCompany(p, companyId));
    return company ? productsOf(company) : [];
  }

  usersWithAccess(practiceId: string, companyId: string): AccessRow[] {
    return this.#read(practiceId, (p) => accessRows(p, companyId)) ?? [];
  }

  grantOf(practiceId: string, companyId: string, colleagueId: string, product: ProductCode): GrantView | undefined {
    const grant = this.#read(practiceId, (p) => findGrant(p, companyId, colleagueId, product));
    return grant && viewOf(grant);
  }

  colleagueLanguage(practiceId: string, colleagueId: string): LanguageCode {
    return this.#read(practiceId, (p) => findColleague(p, colleagueId)?.language) ?? 'en-GB';
  }

  assignableRoles(practiceId: string, product: ProductCode): string[] {
    return assignableRoleIds(this.#practice(practiceId), product);
  }

  isRoleOf(practiceId: string, roleId: string, product: ProductCode): boolean {
    return this.#read(practiceId, (p) => roleProduct(p, roleId) === product) ?? false;
  }

  productPermissions(product: ProductCode): string[] {
    return catalogue.permissions(product);
  }

  rolePermissions(practiceId: string, roleId: string): string[] {
    return this.#read(practiceId, (p) => permissionsOfRole(p, roleId)) ?? [];
  }

  roleNameProblem(practiceId: string, product: ProductCode, name: string): RoleNameProblem | undefined {
    return roleNameProblem(this.#practice(practiceId), product, name);
  }

  isProtectedGrant(practiceId: string, companyId: string, colleagueId: string, product: ProductCode): boolean {
    return this.#read(practiceId, (p) => findCompany(p, companyId) !== undefined && isProtected(p, colleagueId, product)) ?? false;
  }

  grantsOfColleague(practiceId: string, colleagueId: string): HeldGrant[] {
    return this.#read(practiceId, (p) => p.grants.filter((g) => g.colleagueId === colleagueId).map((g) => ({ companyId: g.companyId, ...viewOf(g) }))) ?? [];
  }

  undoPlan(practiceId: string, actorId: string): UndoPlan {
    return this.#read(practiceId, (p) => undoPlan(p, actorId, this.#now())) ?? { status: 'nothing' };
  }

  pendingInvitations(practiceId: string): PendingInvitation[] {
    return this.#read(practiceId, pendingInvitations) ?? [];
  }

  /** The members of a Teams team the practice could add now (src/domain/teamMembers.ts). */
  newTeamMembers(practiceId: string, members: TeamMember[]): TeamMember[] {
    return this.#read(practiceId, (p) => newTeamMembers(p, members)) ?? [];
  }

  /** What the practice holds, counted: the operator's `show`. */
  practiceSummary(practiceId: string): PracticeSummary | undefined {
    return this.#read(practiceId, (p) => ({
      name: p.name, tenantId: p.tenantId, companies: p.companies.length, colleagues: p.colleagues.length,
      grants: p.grants.length, invitations: p.invitations.length,
    }));
  }

  /** What importing the rows would do to the practice as it stands; nothing is written. */
  previewImport(practiceId: string, kind: ImportKind, table: CsvTable): PreviewResult<ImportRows> | undefined {
    return this.#read(practiceId, (p) => previewOf(p, kind, table));
  }

  /** Keeps a spreadsheet sent in the chat for its preview and import: its id (a digest) and what its header says it holds. */
  keepUpload(practiceId: string, bytes: Uint8Array, table: CsvTable): { fileId: string; kind: ImportKind | null } {
    return { fileId: this.#uploads.keep(practiceId, bytes, table), kind: kindOf(table) };
  }

  previewUpload(practiceId: string, fileId: string, kind: ImportKind): UploadPreview {
    const table = this.#uploads.get(practiceId, fileId);
    const result = table && this.previewImport(practiceId, kind, table);
    if (!result) return { status: 'unusable', problem: { reason: 'gone' } };
    return result.ok ? { status: 'ready', summary: summaryOf(result.preview) } : { status: 'unusable', problem: result.problem };
  }

  // ---- writes: checked and applied in one synchronous step, then persisted; every one audited ----

  /** A spreadsheet sent in the chat, imported by a colleague (rule 1 checked and audited by importRows). */
  async importUpload({ practiceId, actorId, fileId, kind }: UploadImport): Promise<UploadResult> {
    const table = this.#uploads.get(practiceId, fileId);
    if (!table) return { status: 'unusable', problem: { reason: 'gone' } };
    const outcome = await this.importRows(practiceId, { colleagueId: actorId }, kind, table);
    if (outcome.status === 'refused') return outcome;
    if (outcome.status === 'unreadable') return { status: 'unusable', problem: outcome.problem };
    this.#uploads.drop(practiceId, fileId);
    return { status: 'done', summary: summaryOf(outcome.preview) };
  }

  /**
   * Calls `listener` with what each change did to people's access (grants added, changed, removed; colleagues
   * removed), once the change is on disk, whichever write made it. It is called synchronously, as the writer
   * is answered: it must hand the work on, not do it; what it throws is its own and stops nothing here.
   * Returns a function that stops the calls.
   */
  onCommitted(listener: CommittedListener): () => void {
    this.#committed.add(listener);
    return () => this.#committed.delete(listener);
  }

  /**
   * Imports the rows that are new, in one change (all or nothing), each audited. The preview is made
   * again against the practice as it now stands, so a company someone added since the person's preview
   * is not added twice; the outcome carries the preview applied.
   */
  async importRows(practiceId: string, by: ImportActor, kind: ImportKind, table: CsvTable): Promise<ImportOutcome> {
    const practice = this.#practice(practiceId);
    const actorId = by === OPERATOR ? OPERATOR : by?.colleagueId;
    if (!practice) return { status: 'refused', reason: 'not-allowed' };
    return this.#change(practice, actorId, (stamp, edit): ImportOutcome => {
      if (by !== OPERATOR && !canManage(practice, actorId)) {
        const what = { action: kind === 'companies' ? 'company-added' : 'invitation-created', rows: table.rows.length };
        edit.add('audit', attemptEntry(stamp, what, 'not-allowed'));
        return { status: 'refused', reason: 'not-allowed' };
      }
      const result = previewOf(practice, kind, table);
      if (!result.ok) return { status: 'unreadable', problem: result.problem };
      applyImport(edit, kind, result.preview.fresh, stamp);
      return { status: 'done', preview: result.preview };
    });
  }

  /**
   * Registers a practice (the operator's command, with the store to itself). A new practice is no change
   * the journal can hold, so the whole store is written as a new snapshot: all of it, or nothing.
   */
  async registerPractice(fields: NewPractice): Promise<{ status: 'done'; practiceId: string } | { status: 'refused'; problem: PracticeProblem }> {
    await this.#settled();
    const { practices } = this.#store.data;
    const problem = newPracticeProblem(practices, fields);
    if (problem) return { status: 'refused', problem };
    const practice = newPractice(practices, fields, this.#stamp(OPERATOR));
    // The server refuses a store that fails these checks: better not to write one.
    const problems = validateStore({ schemaVersion: 1, practices: [practice] });
    if (problems.length > 0) throw new Error(`the new practice fails the store's checks: ${problems.join('; ')}`);
    await this.#store.addPractice(practice);
    this.#register(practice);
    return { status: 'done', practiceId: practice.id };
  }

  /**
   * Several changes, applied whole or not at all (one journal line), each audited as a change of its own.
   * The first that the rules refuse, or that someone else's change overtook, stops them all: nothing is
   * changed, and that refusal is audited.
   */
  async commitAll(changes: AccessChange[]): Promise<BatchResult> {
    const first = Array.isArray(changes) ? changes[0] : undefined;
    const practice = this.#practice(first?.practiceId);
    if (!practice || changes.length > MAX_BATCH || changes.some((c) => c?.practiceId !== practice.id || c?.actorId !== first!.actorId)) {
      return { status: 'refused', index: 0, reason: 'not-allowed' };
    }
    try {
      return await this.#change(practice, first!.actorId, (stamp, edit): BatchResult => {
        changes.forEach((change, index) => {
          const verdict = checkChange(practice, change);
          if (verdict.kind !== 'allowed') throw new BatchStopped(index, verdict);
          for (const entry of applyChange(edit, change, verdict, stamp).entries) edit.add('audit', entry);
        });
        return { status: 'done' };
      });
    } catch (error) {
      if (!(error instanceof BatchStopped)) throw error;
      const { index, verdict } = error;
      await this.#change(practice, first!.actorId, (stamp, edit) => edit.add('audit', refusedChangeEntry(stamp, changes[index], verdict)));
      return verdict.kind === 'conflict' ? { status: 'conflict', index, current: verdict.current } : { status: 'refused', index, reason: verdict.reason };
    }
  }

  commit(change: AccessChange): Promise<CommitResult> {
    const practice = this.#practice(change?.practiceId);
    if (!practice) return Promise.resolve({ status: 'refused', reason: 'not-allowed' });
    return this.#change(practice, change.actorId, (stamp, edit): CommitResult => {
      const verdict = checkChange(practice, change);
      if (verdict.kind !== 'allowed') {
        edit.add('audit', refusedChangeEntry(stamp, change, verdict));
        return verdict.kind === 'conflict' ? { status: 'conflict', current: verdict.current } : { status: 'refused', reason: verdict.reason };
      }
      const { invitationId, entries } = applyChange(edit, change, verdict, stamp);
      for (const entry of entries) edit.add('audit', entry);
      return invitationId ? { status: 'done', invitationId } : { status: 'done' };
    });
  }

  resendInvitation(action: InvitationAction): Promise<InvitationResult> {
    return this.#invitationChange(action, resendInvitation);
  }

  /** The invitation cancelled and the invited person's grants removed: one change, all or nothing. */
  cancelInvitation(action: InvitationAction): Promise<InvitationResult> {
    return this.#invitationChange(action, cancelInvitation);
  }

  #invitationChange(action: InvitationAction, apply: (edit: PracticeChange, stamp: Stamp, action: InvitationAction) => InvitationResult): Promise<InvitationResult> {
    const practice = this.#practice(action?.practiceId);
    if (!practice) return Promise.resolve({ status: 'refused', reason: 'not-allowed' });
    return this.#change(practice, action.actorId, (stamp, edit) => apply(edit, stamp, action));
  }

  async createRole(role: NewRole): Promise<string> {
    const practice = this.#practice(role?.practiceId);
    if (!practice) throw new RoleRejected('not-allowed');
    const outcome = await this.#change(practice, role.actorId, (stamp, edit): { id: string } | { problem: RoleProblem } => {
      const problem = newRoleProblem(practice, role);
      // Only an attempt beyond one's rights is worth a trace; a clashing name is a typing matter.
      if (problem === 'not-allowed') edit.add('audit', refusedRoleEntry(stamp, role));
      if (problem) return { problem };
      const created = customRole(role, customRoleId(role.name, randomUUID().slice(0, 8)), stamp.at);
      edit.add('customRoles', created);
      edit.add('audit', auditEntry(stamp, {
        action: 'role-created', product: created.product, before: null,
        after: { id: created.id, name: created.name, permissions: created.permissions }, outcome: 'done',
      }));
      return { id: created.id };
    });
    if ('problem' in outcome) throw new RoleRejected(outcome.problem);
    return outcome.id;
  }

  /** Members of a Teams team added as colleagues linked to their Teams account, in one change; the administrator acts. */
  importTeamMembers(request: MemberImport): Promise<MemberImportResult> {
    const practice = this.#practice(request?.practiceId);
    if (!practice) return Promise.resolve({ status: 'refused', reason: 'not-allowed' });
    return this.#change(practice, request.actorId, (stamp, edit) => addTeamMembers(practice, edit, stamp, request));
  }

  /** Links a colleague, recognised by e-mail, to their Entra object id (src/domain/colleagueLink.ts); the colleague acts. */
  async linkColleague(practiceId: string, colleagueId: string, aadObjectId: string): Promise<LinkOutcome> {
    const practice = this.#practice(practiceId);
    if (!practice) return 'unknown-person';
    return this.#change(practice, colleagueId, (stamp, edit) => linkColleague(practice, edit, stamp, colleagueId, aadObjectId));
  }

  /** A refusal decided before any commit (e.g. a forged card payload); the entry keeps what was asked. */
  async recordRefusal(practiceId: string, actorId: string, what: object, reason: RefusalReason): Promise<void> {
    const practice = this.#practice(practiceId);
    if (!practice) return;
    await this.#change(practice, actorId, (stamp, edit) => {
      edit.add('audit', attemptEntry(stamp, what, reason));
    });
  }

  /**
   * Waits for the writes under way, then has the engine fold what was committed into its resting form (the
   * store file), so the next start has nothing to replay. Called on a graceful stop.
   */
  async compact(): Promise<void> {
    await this.#settled();
    await this.#store.compact();
  }

  /** Once every change applied so far is on disk, or taken back. */
  async #settled(): Promise<void> {
    while (this.#unwritten.length > 0) await Promise.allSettled(this.#unwritten.map((change) => change.written));
  }

  #practice(id: unknown): Practice | undefined {
    return typeof id === 'string' ? this.#practices.get(id) : undefined;
  }

  #read<T>(practiceId: string, read: (practice: Practice) => T): T | undefined {
    const practice = this.#practice(practiceId);
    return practice && read(practice);
  }

  /**
   * Applies a change at once, in call order, and answers once it is on disk. Every change appends to the
   * audit, so nothing done means nothing to write. The engine writes the changes made while a write is on its
   * way together in the next one. If applying fails, what was done is taken back record by record. If writing
   * fails, every change not yet on disk is taken back, latest first; those of the failed write are refused with
   * its error, and those queued behind it (NotWritten) are applied again to the data as it now stands.
   */
  #change<T>(practice: Practice, actorId: unknown, apply: (stamp: Stamp, edit: PracticeChange) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#apply({ practice, actorId, apply, resolve: resolve as (result: unknown) => void, reject });
    });
  }

  #apply(change: Change): void {
    const edit = new PracticeChange(change.practice);
    const stamp = this.#stamp(change.actorId);
    let result: unknown;
    try {
      result = change.apply(stamp, edit);
    } catch (error) {
      this.#takeBack(edit);
      change.reject(error);
      return;
    } finally {
      this.#forgetSearches(edit);
    }
    if (edit.ops.length === 0) return change.resolve(result);
    const unwritten: Unwritten = { ...change, edit, result, undone: false, written: Promise.resolve() };
    this.#unwritten.push(unwritten);
    unwritten.written = this.#store.commit({ practiceId: change.practice.id, ops: edit.ops }).then(
      () => this.#written(unwritten),
      (error: unknown) => this.#notWritten(unwritten, error),
    );
  }

  #written(change: Unwritten): void {
    this.#unwritten.splice(this.#unwritten.indexOf(change), 1);
    change.resolve(change.result);
    this.#report(change);
  }

  /**
   * The engine refuses a failed write's changes to a practice, then those behind it: the first refusal takes back
   * all of that practice's. A change another instance overtook brings what it did, applied before trying again.
   */
  #notWritten(change: Unwritten, error: unknown): void {
    if (!change.undone) {
      const practiceId = change.practice.id;
      const all = this.#unwritten.filter((each) => each.practice.id === practiceId);
      this.#unwritten = this.#unwritten.filter((each) => each.practice.id !== practiceId);
      for (const each of [...all].reverse()) {
        this.#takeBack(each.edit);
        each.undone = true;
      }
    }
    if (error instanceof Overtaken) this.#applyNews(error.news);
    if (error instanceof NotWritten) this.#apply(change);
    else change.reject(error);
  }

  /**
   * Brings the practices held here up to what other instances committed (an engine several instances share;
   * nothing to do for the JSON files). Called before each turn; a practice with a change of this instance on its
   * way is brought up to date when that change is written, or overtaken.
   */
  async catchUp(): Promise<void> {
    await this.#store.catchUp?.((news) => this.#applyNews(news));
  }

  #applyNews(news: PracticeNews): void {
    const practice = this.#practices.get(news.practiceId);
    if (!practice) {
      // A practice the operator added since this instance started.
      if ('practice' in news) this.#register(news.practice);
      return;
    }
    if ('practice' in news) {
      // Taken whole (the changes since this instance last looked are no longer all kept): the same object, so
      // everything holding it sees the new lists.
      Object.assign(practice, news.practice);
      forgetIndex(practice);
      this.#companySearch.set(practice.id, companySearch(practice.companies));
      this.#colleagueSearch.delete(practice.id);
      this.#colleagueNames.delete(practice.id);
      return;
    }
    const added = applyNews(practice, news.ops);
    this.#forgetSearches({ practice, ...added });
  }

  /** What a change now on disk did to access, to those listening. */
  #report({ practice, edit }: Unwritten): void {
    if (this.#committed.size === 0) return;
    const committed = committedChange(practice.id, edit.ops);
    if (!committed) return;
    for (const listener of this.#committed) {
      try {
        listener(committed);
      } catch {
        // A listener's failure is its own: the change is made and its writer answered.
      }
    }
  }

  #stamp(actorId: unknown): Stamp {
    return { at: this.#now().toISOString(), actorId: text(actorId) ?? 'unknown', newId: (prefix: string) => `${prefix}-${randomUUID()}` };
  }

  /** After someone or some company joined the practice (or was taken back): its searches are made again. */
  #forgetSearches(edit: Pick<PracticeChange, 'practice' | 'addedColleague' | 'addedCompany'>): void {
    if (edit.addedColleague) {
      this.#colleagueSearch.delete(edit.practice.id);
      this.#colleagueNames.delete(edit.practice.id);
    }
    if (edit.addedCompany) this.#companySearch.delete(edit.practice.id);
  }

  #takeBack(edit: PracticeChange): void {
    edit.undo();
    this.#forgetSearches(edit);
  }
}

interface Change {
  practice: Practice;
  actorId: unknown;
  apply: (stamp: Stamp, edit: PracticeChange) => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

interface Unwritten extends Change {
  edit: PracticeChange;
  result: unknown;
  /** Settles once the change is on disk, or taken back. */
  written: Promise<void>;
  /** Taken back after a failed write. */
  undone: boolean;
}

function copyCompany(company: Company | undefined): Company | undefined {
  return company && { ...company, products: [...company.products], emailDomains: [...company.emailDomains] };
}
