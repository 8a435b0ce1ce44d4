// What a change, once on disk, did to people's access: read from the audit entries it wrote (every effect on a
// grant is audited, whichever path made it: one change, a batch, an undo, a cancelled invitation, an import), so
// whoever listens (src/bot/accessNotifier.ts) hears of every path without each path reporting it.
import type { GrantView, ProductCode } from '../../flows/ports.ts';
import type { StoreOp } from './practiceChange.ts';
import type { AuditEntry } from './schema.ts';

/** One grant as it was and as it is: null before when added, null after when removed. */
export interface GrantChange {
  colleagueId: string;
  companyId: string;
  product: ProductCode;
  before: GrantView | null;
  after: GrantView | null;
}

export interface CommittedChange {
  practiceId: string;
  /** Who made the change: a colleague's id, or the operator's practice command. */
  actorId: string;
  at: string;
  grants: GrantChange[];
  /** Colleagues taken out of the practice's records. */
  removedColleagues: string[];
}

export type CommittedListener = (change: CommittedChange) => void;

const GRANT_ACTIONS = new Set(['grant-added', 'grant-changed', 'grant-removed']);

/** What the operations of one change did to access; undefined when they touched no grant and no colleague. */
export function committedChange(practiceId: string, ops: readonly StoreOp[]): CommittedChange | undefined {
  const grants: GrantChange[] = [];
  const removedColleagues: string[] = [];
  let actorId: string | undefined;
  let at: string | undefined;
  for (const op of ops) {
    if (op.op === 'delete') {
      if (op.list === 'colleagues') removedColleagues.push(op.id);
      continue;
    }
    if (op.list !== 'audit') continue;
    const entry = op.item as AuditEntry;
    actorId ??= entry.actorId;
    at ??= entry.at;
    if (entry.outcome !== 'done' || !GRANT_ACTIONS.has(entry.action) || !entry.colleagueId || !entry.companyId || !entry.product) continue;
    grants.push({
      colleagueId: entry.colleagueId,
      companyId: entry.companyId,
      product: entry.product,
      before: (entry.before as GrantView | null) ?? null,
      after: (entry.after as GrantView | null) ?? null,
    });
  }
  if (grants.length === 0 && removedColleagues.length === 0) return undefined;
  return { practiceId, actorId: actorId ?? 'unknown', at: at ?? new Date(0).toISOString(), grants, removedColleagues };
}
