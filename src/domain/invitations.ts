// Pending invitations: listed with the access they give, marked to be sent again, or cancelled. Called only by
// AccessRepository, inside one change, so a cancel and the grants it removes are written together or not at all.
import type { InvitationAction, InvitationResult, PendingInvitation } from '../../flows/ports.ts';
import { attemptEntry, auditEntry, type Stamp } from './auditEntries.ts';
import type { PracticeChange } from './practiceChange.ts';
import { BUSINESS_OWNER } from './integrity.ts';
import { canManage, findColleague, viewOf } from './practiceView.ts';
import type { Grant, Invitation, Practice } from './schema.ts';

export function pendingInvitations(practice: Practice): PendingInvitation[] {
  return practice.invitations
    .filter((invitation) => invitation.status === 'pending')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      colleagueId: invitation.colleagueId,
      invitedBy: invitation.invitedBy,
      createdAt: invitation.createdAt,
      ...(invitation.resentAt && { resentAt: invitation.resentAt }),
      resendCount: invitation.resendCount ?? 0,
      protected: findColleague(practice, invitation.colleagueId)?.practiceRole === BUSINESS_OWNER,
      grants: practice.grants
        .filter((grant) => grant.colleagueId === invitation.colleagueId)
        .map((grant) => ({ companyId: grant.companyId, ...viewOf(grant) })),
    }));
}

/** Rule 1, then a pending invitation of this practice; a refusal of rule 1 is audited. */
function checked(edit: PracticeChange, stamp: Stamp, action: InvitationAction, audit: 'invitation-resent' | 'invitation-cancelled'): Invitation | InvitationResult {
  const practice = edit.practice;
  if (!canManage(practice, action.actorId)) {
    edit.add('audit', attemptEntry(stamp, { action: audit, invitationId: action.invitationId }, 'not-allowed'));
    return { status: 'refused', reason: 'not-allowed' };
  }
  const invitation = practice.invitations.find((i) => i.id === action.invitationId);
  return invitation?.status === 'pending' ? invitation : { status: 'refused', reason: 'not-pending' };
}

const isInvitation = (value: Invitation | InvitationResult): value is Invitation => 'email' in value;

/** Marks the invitation to be sent again (there is no e-mail sending here: the practice's suite acts on it). */
export function resendInvitation(edit: PracticeChange, stamp: Stamp, action: InvitationAction): InvitationResult {
  const invitation = checked(edit, stamp, action, 'invitation-resent');
  if (!isInvitation(invitation)) return invitation;
  const before = { resendCount: invitation.resendCount ?? 0, ...(invitation.resentAt && { resentAt: invitation.resentAt }) };
  edit.update<Invitation>('invitations', invitation, { resentAt: stamp.at, resendCount: before.resendCount + 1 });
  edit.add('audit', auditEntry(stamp, {
    action: 'invitation-resent', colleagueId: invitation.colleagueId, before,
    after: { invitationId: invitation.id, email: invitation.email, resendCount: invitation.resendCount, resentAt: stamp.at }, outcome: 'done',
  }));
  return { status: 'done' };
}

/** Cancels the invitation and removes every grant the invited person holds, each removal audited. */
export function cancelInvitation(edit: PracticeChange, stamp: Stamp, action: InvitationAction): InvitationResult {
  const invitation = checked(edit, stamp, action, 'invitation-cancelled');
  if (!isInvitation(invitation)) return invitation;
  // Rule 2: the practice's Business Owner, invited by the operator, cannot be un-invited (nor lose her access).
  if (findColleague(edit.practice, invitation.colleagueId)?.practiceRole === BUSINESS_OWNER) {
    edit.add('audit', attemptEntry(stamp, { action: 'invitation-cancelled', invitationId: action.invitationId }, 'protected-owner'));
    return { status: 'refused', reason: 'protected-owner' };
  }
  const grants: Grant[] = edit.practice.grants.filter((grant) => grant.colleagueId === invitation.colleagueId);
  for (const grant of grants) {
    edit.remove('grants', grant);
    edit.add('audit', auditEntry(stamp, {
      action: 'grant-removed', companyId: grant.companyId, colleagueId: grant.colleagueId, product: grant.product,
      before: viewOf(grant), after: null, outcome: 'done',
    }));
  }
  edit.update<Invitation>('invitations', invitation, { status: 'cancelled', cancelledAt: stamp.at });
  edit.add('audit', auditEntry(stamp, {
    action: 'invitation-cancelled', colleagueId: invitation.colleagueId, before: { status: 'pending' },
    after: { invitationId: invitation.id, email: invitation.email, status: 'cancelled', grantsRemoved: grants.length }, outcome: 'done',
  }));
  return { status: 'done' };
}
