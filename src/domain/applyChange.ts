// Applies an allowed access change to a practice held in memory. Called only by AccessRepository,
// synchronously, right after checkChange, so nothing can slip in between the check and the change.
import { CLIENT_MANAGEMENT, CLIENT_MANAGEMENT_BASIC, type AccessChange, type ProductCode } from '../../flows/ports.ts';
import type { AuditEntry, Colleague, Grant, Invitation } from './schema.ts';
import { auditEntry, type Stamp } from './auditEntries.ts';
import type { Verdict } from './changeRules.ts';
import type { PracticeChange } from './practiceChange.ts';
import { invitationWithdrawn, viewOf } from './practiceView.ts';

/** A pending invitation of the colleague, audited. */
function invitationOf(practice: PracticeChange, colleague: Colleague, change: AccessChange, stamp: Stamp) {
  const invitation: Invitation = {
    id: stamp.newId('invitation'), email: colleague.email, colleagueId: colleague.id, invitedBy: stamp.actorId,
    createdAt: stamp.at, status: 'pending',
  };
  practice.add('invitations', invitation);
  const entry = auditEntry(stamp, {
    action: 'invitation-created', companyId: change.companyId, colleagueId: colleague.id,
    before: null, after: { invitationId: invitation.id, email: colleague.email }, outcome: 'done',
  });
  return { invitationId: invitation.id, entry };
}

function invite(practice: PracticeChange, email: string, change: AccessChange, verdict: Verdict & { kind: 'allowed' }, stamp: Stamp) {
  const colleague: Colleague = {
    id: stamp.newId('colleague'),
    name: email.slice(0, email.indexOf('@')),
    email,
    language: verdict.language,
    status: 'invited',
    // Least reach until the practice says otherwise; never a role that may manage users.
    practiceRole: CLIENT_MANAGEMENT_BASIC,
  };
  practice.add('colleagues', colleague);
  return { colleague, ...invitationOf(practice, colleague, change, stamp) };
}

function addGrant(practice: PracticeChange, companyId: string, colleagueId: string, product: ProductCode, roleId: string, verdict: { language: Grant['language'] }, stamp: Stamp): AuditEntry {
  const grant: Grant = {
    id: stamp.newId('grant'), companyId, colleagueId, product, roleId, language: verdict.language,
    version: 1, updatedAt: stamp.at, updatedBy: stamp.actorId,
  };
  practice.add('grants', grant);
  return auditEntry(stamp, { action: 'grant-added', companyId, colleagueId, product, before: null, after: viewOf(grant), outcome: 'done' });
}

/** Changes the practice (through `practice`); returns the audit entries to append (one per effect) and the invitation made, if any. */
export function applyChange(practice: PracticeChange, change: AccessChange, verdict: Verdict & { kind: 'allowed' }, stamp: Stamp) {
  const entries: AuditEntry[] = [];
  let colleague = verdict.colleague;
  let invitationId: string | undefined;
  if (!colleague) {
    const invited = invite(practice, verdict.inviteEmail ?? '', change, verdict, stamp);
    ({ colleague, invitationId } = invited);
    entries.push(invited.entry);
  } else if (change.mode !== 'remove' && invitationWithdrawn(practice.practice, colleague.id)) {
    // Given access again after their invitation was cancelled: invited again, so they can come in.
    const invited = invitationOf(practice, colleague, change, stamp);
    invitationId = invited.invitationId;
    entries.push(invited.entry);
  }
  const { company, current } = verdict;
  const where = { companyId: company.id, colleagueId: colleague.id, product: change.product };

  if (change.mode === 'remove' && current) {
    practice.remove('grants', current);
    entries.push(auditEntry(stamp, { action: 'grant-removed', ...where, before: viewOf(current), after: null, outcome: 'done' }));
    return { invitationId, entries };
  }
  const roleId = change.roleId ?? '';
  if (current) {
    const before = viewOf(current);
    practice.update<Grant>('grants', current, {
      roleId, language: verdict.language, version: current.version + 1, updatedAt: stamp.at, updatedBy: stamp.actorId,
    });
    entries.push(auditEntry(stamp, { action: 'grant-changed', ...where, before, after: viewOf(current), outcome: 'done' }));
  } else {
    entries.push(addGrant(practice, company.id, colleague.id, change.product, roleId, verdict, stamp));
  }
  if (colleague.language !== verdict.language) practice.update<Colleague>('colleagues', colleague, { language: verdict.language });
  if (verdict.addBasic) {
    entries.push(addGrant(practice, company.id, colleague.id, CLIENT_MANAGEMENT, CLIENT_MANAGEMENT_BASIC, verdict, stamp));
  }
  return { invitationId, entries };
}
