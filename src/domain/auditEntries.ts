// The audit entries the repository appends: one per change made, one per change refused.
import { PRODUCTS, type AccessChange, type NewRole, type RefusalReason } from '../../flows/ports.ts';
import type { Verdict } from './changeRules.ts';
import { detached } from '../text/detached.ts';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from './schema.ts';

/** When a change happens and how new ids are made; the repository passes its clock. */
export interface Stamp {
  at: string;
  actorId: string;
  newId: (prefix: string) => string;
}

const ACTION_OF_MODE: Record<string, AuditAction> = { add: 'grant-added', edit: 'grant-changed', remove: 'grant-removed' };
const MAX_KEPT = 2000;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short non-empty string, or nothing: what forged input may leave in the audit. */
export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? detached(value, 200) : undefined;

export function auditEntry(stamp: Stamp, fields: Omit<AuditEntry, 'id' | 'at' | 'actorId'>): AuditEntry {
  // Absent fields are left out rather than stored as undefined, so memory and file read back the same.
  const present = Object.entries(fields).filter(([, value]) => value !== undefined);
  return { id: stamp.newId('audit'), at: stamp.at, actorId: stamp.actorId, ...Object.fromEntries(present) } as AuditEntry;
}

/** A plain copy of what was asked, cut short so a forged payload cannot bloat the audit. */
function keepable(what: unknown): object {
  let json: string | undefined;
  try {
    json = JSON.stringify(what);
  } catch {
    json = undefined;
  }
  if (!isPlainObject(what) || json === undefined) return {};
  return json.length <= MAX_KEPT ? (JSON.parse(json) as object) : { truncated: detached(json, MAX_KEPT) };
}

/** What a change asked for, kept to its known fields. */
function describeChange(change: AccessChange): object {
  const raw: Record<string, unknown> = isPlainObject(change) ? change : {};
  const person: Record<string, unknown> = isPlainObject(raw.person) ? raw.person : {};
  return keepable({
    mode: raw.mode, roleId: raw.roleId, language: raw.language, baseVersion: raw.baseVersion,
    addClientManagementBasic: raw.addClientManagementBasic,
    person: { kind: person.kind, colleagueId: person.colleagueId, email: person.email },
  });
}

export function refusedChangeEntry(stamp: Stamp, change: AccessChange, verdict: Verdict & { kind: 'refused' | 'conflict' }): AuditEntry {
  const conflict = verdict.kind === 'conflict';
  return auditEntry(stamp, {
    action: ACTION_OF_MODE[String(change?.mode)] ?? 'access-attempt',
    companyId: text(change.companyId),
    colleagueId: change.person?.kind === 'colleague' ? text(change.person.colleagueId) : undefined,
    product: PRODUCTS.find((product) => product === change.product),
    before: conflict ? verdict.current : null,
    after: describeChange(change),
    outcome: 'refused',
    reason: conflict ? 'conflict' : verdict.reason,
  });
}

/** A refusal decided outside the repository (e.g. a forged card); `what` may name the action or mode. */
export function attemptEntry(stamp: Stamp, what: unknown, reason: RefusalReason): AuditEntry {
  const asked = isPlainObject(what) ? what : {};
  return auditEntry(stamp, {
    action: AUDIT_ACTIONS.find((action) => action === asked.action) ?? ACTION_OF_MODE[String(asked.mode)] ?? 'access-attempt',
    companyId: text(asked.companyId),
    colleagueId: text(asked.colleagueId),
    product: PRODUCTS.find((product) => product === asked.product),
    before: null,
    after: keepable(what),
    outcome: 'refused',
    reason,
  });
}

export function refusedRoleEntry(stamp: Stamp, role: NewRole): AuditEntry {
  return auditEntry(stamp, {
    action: 'role-created', before: null, after: keepable({ name: text(role.name), product: text(role.product) }),
    outcome: 'refused', reason: 'not-allowed',
  });
}
