// The one door to the store: every read and write of lowdb's data goes through this class.
import { randomUUID } from 'node:crypto';
import type { Low } from 'lowdb';
import type {
  AccessChange, AccessPorts, AccessRow, BatchResult, CommitResult, CompanyAccess, GrantView, HeldGrant, HistoryFilter, HistoryPage,
  LanguageCode, NewRole, ProductCode, RefusalReason, RoleNameProblem, UndoPlan,
} from '../../flows/ports.ts';
import { applyChange } from './applyChange.ts';
import { auditPage } from './auditHistory.ts';
import { attemptEntry, auditEntry, refusedChangeEntry, refusedRoleEntry, text, type Stamp } from './auditEntries.ts';
import { catalogue } from './catalogue.ts';
import { checkChange, type Verdict } from './changeRules.ts';
import { undoPlan } from './undoPlan.ts';
import {
  accessRows, canManage, colleagueAccess, colleagueWithEmail, findColleague, findCompany, findGrant, isClientStaff, isProtected,
  productsOf, roleProduct, viewOf,
} from './practiceView.ts';
import {
  assignableRoleIds, customRole, customRoleId, newRoleProblem, permissionsOfRole, roleInfo, roleNameProblem,
  RoleRejected, type RoleInfo, type RoleProblem,
} from './roleRules.ts';
import { isJournaled, journalLine } from './journaledFile.ts';
import { PracticeChange } from './practiceChange.ts';
import { indexOf } from './practiceIndex.ts';
import type { AuditEntry, Colleague, Company, PermissionGroup, Practice, StoreData } from './schema.ts';
import { colleagueSearch, companySearch, type EntrySearch } from './search.ts';

export { RoleRejected, type RoleInfo };

/** The most changes confirmed at once: a leaver in a large practice, with room to spare. */
const MAX_BATCH = 5_000;

/** Thrown inside a batch's change so everything it did is taken back. */
class BatchStopped extends Error {
  constructor(readonly index: number, readonly verdict: Verdict & { kind: 'refused' | 'conflict' }) {
    super(`change ${index} of a batch stopped it`);
  }
}

export class AccessRepository implements AccessPorts {
  readonly #db: Low<StoreData>;
  readonly #now: () => Date;
  readonly #practices = new Map<string, Practice>();
  readonly #byTenant = new Map<string, Practice>();
  readonly #companySearch = new Map<string, EntrySearch>();
  /** Dropped when someone joins the practice, and rebuilt at the next search. */
  readonly #colleagueSearch = new Map<string, EntrySearch>();
  /** Dropped with the colleague search. */
  readonly #colleagueNames = new Map<string, ReadonlyArray<{ id: string; name: string; email: string }>>();
  /** Changes applied in memory but not yet on disk, oldest first; the front ones may be on their way. */
  #unwritten: Unwritten[] = [];
  #writing: Promise<void> | undefined;

  constructor(db: Low<StoreData>, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
    // Practices are neither added nor removed while the assistant runs; their look-ups and searches are
    // built now, at start, rather than during someone's turn.
    for (const practice of db.data.practices) {
      if (!this.#practices.has(practice.id)) this.#practices.set(practice.id, practice);
      const tenant = String(practice.tenantId).toLowerCase();
      if (!this.#byTenant.has(tenant)) this.#byTenant.set(tenant, practice);
      indexOf(practice);
      this.#companySearch.set(practice.id, companySearch(practice.companies));
    }
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
    return this.#companySearch.get(practiceId)?.find(query) ?? [];
  }

  findColleagues(practiceId: string, query: string): string[] {
    const practice = this.#practice(practiceId);
    if (!practice) return [];
    let search = this.#colleagueSearch.get(practice.id);
    if (!search) {
      search = colleagueSearch(practice.colleagues);
      this.#colleagueSearch.set(practice.id, search);
    }
    return search.find(query);
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

  // ---- writes: checked and applied in one synchronous step, then persisted; every one audited ----

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

  /** A refusal decided before any commit (e.g. a forged card payload); the entry keeps what was asked. */
  async recordRefusal(practiceId: string, actorId: string, what: object, reason: RefusalReason): Promise<void> {
    const practice = this.#practice(practiceId);
    if (!practice) return;
    await this.#change(practice, actorId, (stamp, edit) => {
      edit.add('audit', attemptEntry(stamp, what, reason));
    });
  }

  /**
   * Waits for the writes under way, then folds the journal into the store file (lowdb's write()), so the
   * next start has nothing to replay. Called on a graceful stop.
   */
  async compact(): Promise<void> {
    while (this.#writing) await this.#writing;
    // Nothing changed since the last compaction: writing the whole store again would only cost memory.
    if (isJournaled(this.#db.adapter) && !this.#db.adapter.hasChanges) return;
    await this.#db.write();
  }

  #practice(id: unknown): Practice | undefined {
    return typeof id === 'string' ? this.#practices.get(id) : undefined;
  }

  #read<T>(practiceId: string, read: (practice: Practice) => T): T | undefined {
    const practice = this.#practice(practiceId);
    return practice && read(practice);
  }

  /**
   * Applies a change at once, in call order, and answers once it is on disk. Every change appends to
   * the audit, so nothing done means nothing to write. Changes made while a write is on its way go out
   * together in the next one (one journal write, one flush). If applying fails, what was done is taken
   * back record by record. If writing fails, every change not yet on disk is taken back, latest first;
   * those of the failed write are refused with its error, and those queued behind it are applied again
   * to the data as it now stands.
   */
  #change<T>(practice: Practice, actorId: unknown, apply: (stamp: Stamp, edit: PracticeChange) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#apply({ practice, actorId, apply, resolve: resolve as (result: unknown) => void, reject });
    });
  }

  #apply(change: Change): void {
    const edit = new PracticeChange(change.practice);
    const stamp = { at: this.#now().toISOString(), actorId: text(change.actorId) ?? 'unknown', newId: (prefix: string) => `${prefix}-${randomUUID()}` };
    let result: unknown;
    try {
      result = change.apply(stamp, edit);
    } catch (error) {
      this.#takeBack(edit);
      change.reject(error);
      return;
    } finally {
      if (edit.addedColleague) this.#forgetColleagues(change.practice.id);
    }
    if (edit.ops.length === 0) return change.resolve(result);
    const journaled = isJournaled(this.#db.adapter);
    const line = journaled ? journalLine({ practiceId: change.practice.id, ops: edit.ops }) : undefined;
    this.#unwritten.push({ ...change, edit, result, line });
    this.#writing ??= this.#writeAll();
  }

  async #writeAll(): Promise<void> {
    while (this.#unwritten.length > 0) {
      const batch = [...this.#unwritten];
      try {
        const { adapter } = this.#db;
        await (isJournaled(adapter) ? adapter.append(batch.map((change) => change.line!)) : this.#db.write());
        this.#unwritten.splice(0, batch.length);
        for (const change of batch) change.resolve(change.result);
      } catch (error) {
        const later = this.#unwritten.slice(batch.length);
        this.#unwritten = [];
        for (const change of [...batch, ...later].reverse()) this.#takeBack(change.edit);
        for (const change of batch) change.reject(error);
        for (const change of later) this.#apply(change);
      }
    }
    this.#writing = undefined;
  }

  #forgetColleagues(practiceId: string): void {
    this.#colleagueSearch.delete(practiceId);
    this.#colleagueNames.delete(practiceId);
  }

  #takeBack(edit: PracticeChange): void {
    edit.undo();
    if (edit.addedColleague) this.#forgetColleagues(edit.practice.id);
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
  /** The journal line, made when the change was applied (journaled store only). */
  line?: Buffer;
}

function copyCompany(company: Company | undefined): Company | undefined {
  return company && { ...company, products: [...company.products], emailDomains: [...company.emailDomains] };
}
