// The one door to the store: every read and write of lowdb's data goes through this class.
import { randomUUID } from 'node:crypto';
import type { Low } from 'lowdb';
import type {
  AccessChange, AccessPorts, AccessRow, CommitResult, GrantView, LanguageCode, NewRole, ProductCode,
  RefusalReason, RoleNameProblem,
} from '../../flows/ports.ts';
import { applyChange } from './applyChange.ts';
import { attemptEntry, auditEntry, refusedChangeEntry, refusedRoleEntry, text, type Stamp } from './auditEntries.ts';
import { catalogue } from './catalogue.ts';
import { checkChange } from './changeRules.ts';
import {
  accessRows, canManage, colleagueWithEmail, findColleague, findCompany, findGrant, isClientStaff, isProtected,
  productsOf, roleProduct, viewOf,
} from './practiceView.ts';
import {
  assignableRoleIds, customRole, customRoleId, newRoleProblem, permissionsOfRole, roleInfo, roleNameProblem,
  RoleRejected, type RoleInfo, type RoleProblem,
} from './roleRules.ts';
import type { AuditEntry, Colleague, Company, PermissionGroup, Practice, StoreData } from './schema.ts';
import { PracticeSearch } from './search.ts';

export { RoleRejected, type RoleInfo };

export class AccessRepository implements AccessPorts {
  readonly #db: Low<StoreData>;
  readonly #now: () => Date;
  readonly #search = new Map<string, PracticeSearch>();
  /** Writes run one after another, so a failed write can be undone without undoing someone else's. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(db: Low<StoreData>, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  // ---- reads: synchronous, the data is in memory; objects handed out are copies ----

  practiceByTenant(tenantId: string): string | undefined {
    const key = String(tenantId).toLowerCase();
    return this.#db.data.practices.find((practice) => practice.tenantId.toLowerCase() === key)?.id;
  }

  /** The Teams user's Entra object id first, then the channel's user id as a colleague id. */
  colleagueByIdentity(practiceId: string, ids: { aadObjectId?: string; fromId?: string }): string | undefined {
    const colleagues = this.#practice(practiceId)?.colleagues ?? [];
    const byAad = ids.aadObjectId ? colleagues.find((c) => c.aadObjectId === ids.aadObjectId) : undefined;
    return (byAad ?? (ids.fromId ? colleagues.find((c) => c.id === ids.fromId) : undefined))?.id;
  }

  practice(id: string): { id: string; name: string; tenantId: string } | undefined {
    const practice = this.#practice(id);
    return practice && { id: practice.id, name: practice.name, tenantId: practice.tenantId };
  }

  company(practiceId: string, id: string): Company | undefined {
    return this.#read(practiceId, (p) => structuredClone(findCompany(p, id)));
  }

  colleague(practiceId: string, id: string): Colleague | undefined {
    return this.#read(practiceId, (p) => structuredClone(findColleague(p, id)));
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

  canManageUsers(practiceId: string, colleagueId: string): boolean {
    return this.#read(practiceId, (p) => canManage(p, colleagueId)) ?? false;
  }

  findCompanies(practiceId: string, query: string): string[] {
    return this.#index(practiceId)?.companies(query) ?? [];
  }

  findColleagues(practiceId: string, query: string): string[] {
    return this.#index(practiceId)?.colleagues(query) ?? [];
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

  // ---- writes: checked and applied in one synchronous step, then persisted; every one audited ----

  commit(change: AccessChange): Promise<CommitResult> {
    const practice = this.#practice(change?.practiceId);
    if (!practice) return Promise.resolve({ status: 'refused', reason: 'not-allowed' });
    return this.#change(practice, change.actorId, (stamp): CommitResult => {
      const verdict = checkChange(practice, change);
      if (verdict.kind !== 'allowed') {
        practice.audit.push(refusedChangeEntry(stamp, change, verdict));
        return verdict.kind === 'conflict' ? { status: 'conflict', current: verdict.current } : { status: 'refused', reason: verdict.reason };
      }
      const { invitationId, entries } = applyChange(practice, change, verdict, stamp);
      practice.audit.push(...entries);
      if (invitationId) this.#search.delete(practice.id);
      return invitationId ? { status: 'done', invitationId } : { status: 'done' };
    });
  }

  async createRole(role: NewRole): Promise<string> {
    const practice = this.#practice(role?.practiceId);
    if (!practice) throw new RoleRejected('not-allowed');
    const outcome = await this.#change(practice, role.actorId, (stamp): { id: string } | { problem: RoleProblem } => {
      const problem = newRoleProblem(practice, role);
      // Only an attempt beyond one's rights is worth a trace; a clashing name is a typing matter.
      if (problem === 'not-allowed') practice.audit.push(refusedRoleEntry(stamp, role));
      if (problem) return { problem };
      const created = customRole(role, customRoleId(role.name, randomUUID().slice(0, 8)), stamp.at);
      practice.customRoles.push(created);
      practice.audit.push(auditEntry(stamp, {
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
    await this.#change(practice, actorId, (stamp) => {
      practice.audit.push(attemptEntry(stamp, what, reason));
    });
  }

  #practice(id: unknown): Practice | undefined {
    return this.#db.data.practices.find((practice) => practice.id === id);
  }

  #read<T>(practiceId: string, read: (practice: Practice) => T): T | undefined {
    const practice = this.#practice(practiceId);
    return practice && read(practice);
  }

  /** Built once per practice; dropped when its colleagues change so the next search rebuilds it. */
  #index(practiceId: string): PracticeSearch | undefined {
    const practice = this.#practice(practiceId);
    if (!practice) return undefined;
    let index = this.#search.get(practice.id);
    if (!index) {
      index = new PracticeSearch(practice.companies, practice.colleagues);
      this.#search.set(practice.id, index);
    }
    return index;
  }

  /**
   * Runs `apply` once earlier writes are done, then saves. Every change appends to the audit, so an
   * untouched audit means nothing to save. If applying or saving fails, the practice is put back as it was.
   */
  #change<T>(practice: Practice, actorId: unknown, apply: (stamp: Stamp) => T): Promise<T> {
    const run = this.#queue.then(async () => {
      const saved = structuredClone(practice);
      const stamp = { at: this.#now().toISOString(), actorId: text(actorId) ?? 'unknown', newId: (prefix: string) => `${prefix}-${randomUUID()}` };
      try {
        const result = apply(stamp);
        if (practice.audit.length !== saved.audit.length) await this.#db.write();
        return result;
      } catch (error) {
        Object.assign(practice, saved);
        this.#search.delete(practice.id);
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
