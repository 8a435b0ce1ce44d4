// A colleague recognised in Teams by their e-mail: their Entra object id is written down, once.
import { auditEntry, type Stamp } from './auditEntries.ts';
import { findColleague, invitationWithdrawn } from './practiceView.ts';
import type { PracticeChange } from './practiceChange.ts';
import type { LinkRefusal, Practice } from './schema.ts';

export type LinkOutcome = 'linked' | 'unknown-person' | LinkRefusal;

/**
 * Links the colleague to the object id, audited. A colleague already linked to another id is never
 * re-linked, nor is an id already another colleague's; linking again to the same id changes nothing.
 * Writing from Teams is accepting the invitation: an invited colleague becomes active; one whose every
 * invitation was cancelled is not linked (until someone gives them access again, which invites them again).
 */
export function linkColleague(practice: Practice, edit: PracticeChange, stamp: Stamp, colleagueId: string, aadObjectId: string): LinkOutcome {
  const colleague = findColleague(practice, colleagueId);
  if (!colleague || !aadObjectId) return 'unknown-person';
  if (colleague.aadObjectId === aadObjectId) return 'linked';
  const holder = practice.colleagues.find((c) => c.aadObjectId === aadObjectId);
  const refusal: LinkRefusal | undefined = colleague.aadObjectId ? 'already-linked' : holder ? 'id-in-use'
    : invitationWithdrawn(practice, colleagueId) ? 'invitation-cancelled' : undefined;
  const before = { aadObjectId: colleague.aadObjectId ?? null, status: colleague.status };
  if (refusal) {
    edit.add('audit', auditEntry(stamp, {
      action: 'colleague-linked', colleagueId, before, after: { aadObjectId, ...(holder && { heldBy: holder.id }) }, outcome: 'refused', reason: refusal,
    }));
    return refusal;
  }
  edit.update('colleagues', colleague, { aadObjectId, status: 'active' });
  for (const invitation of practice.invitations) {
    if (invitation.colleagueId === colleagueId && invitation.status === 'pending') edit.update('invitations', invitation, { status: 'accepted' });
  }
  edit.add('audit', auditEntry(stamp, { action: 'colleague-linked', colleagueId, before, after: { aadObjectId, status: 'active' }, outcome: 'done' }));
  return 'linked';
}
