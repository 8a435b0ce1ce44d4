// Undo (ours): the person who made a change may take it back within 15 minutes, exactly as it was, as
// long as nobody has changed those grants since. The plan is read from the audit: the entries of their
// last change (one commit shares one time stamp) and what each grant held before and after.
import type { AccessChange, GrantView, UndoPlan } from '../../flows/ports.ts';
import { findGrant } from './practiceView.ts';
import type { AuditEntry, Practice } from './schema.ts';

export const UNDO_WINDOW_MS = 15 * 60 * 1000;

const GRANT_ACTIONS = new Set(['grant-added', 'grant-changed', 'grant-removed']);

export function undoPlan(practice: Practice, actorId: string, now: Date): UndoPlan {
  const last = lastChangeOf(practice.audit, actorId);
  if (last.length === 0) return { status: 'nothing' };
  if (now.getTime() - Date.parse(last[0].at) > UNDO_WINDOW_MS) return { status: 'too-late' };
  const changes: AccessChange[] = [];
  // Later effects first, so a Client Management Basic added with a grant goes after it.
  for (const entry of [...last].reverse()) {
    const before = entry.before as GrantView | null;
    const after = entry.after as GrantView | null;
    const current = findGrant(practice, entry.companyId!, entry.colleagueId!, entry.product!);
    // What the change left must still be there, untouched: else someone has changed it since.
    const untouched = after ? current !== undefined && current.version === after.version && current.roleId === after.roleId : current === undefined;
    if (!untouched) return { status: 'changed-since' };
    const where = {
      practiceId: practice.id, actorId, companyId: entry.companyId!, person: { kind: 'colleague' as const, colleagueId: entry.colleagueId! },
      product: entry.product!, addClientManagementBasic: false,
    };
    if (!before) changes.push({ ...where, mode: 'remove', baseVersion: current!.version });
    else if (!after) changes.push({ ...where, mode: 'add', roleId: before.roleId, language: before.language, baseVersion: null });
    else changes.push({ ...where, mode: 'edit', roleId: before.roleId, language: before.language, baseVersion: current!.version });
  }
  return { status: 'ready', changes };
}

/** The grant entries of the actor's last change that did something (newest commit), oldest first. */
function lastChangeOf(audit: AuditEntry[], actorId: string): AuditEntry[] {
  let at: string | undefined;
  const entries: AuditEntry[] = [];
  for (let i = audit.length - 1; i >= 0; i--) {
    const entry = audit[i];
    if (entry.actorId !== actorId || entry.outcome !== 'done' || !GRANT_ACTIONS.has(entry.action)) continue;
    if (at === undefined) at = entry.at;
    if (entry.at !== at) break;
    entries.unshift(entry);
  }
  return entries;
}
