// Members of a Teams team or group chat added as colleagues: who among them the practice does not know yet,
// and the change that adds them. Each is added as the chat adds anyone (src/domain/applyImport.ts: invited,
// audited), then linked to their Teams account as a colleague recognised by e-mail is (src/domain/colleagueLink.ts:
// active, the invitation accepted, audited), both in the administrator's name.
import { CLIENT_MANAGEMENT, LANGUAGES, type MemberImport, type MemberImportResult, type TeamMember } from '../../flows/ports.ts';
import { MAX_NAME } from '../import/importPreview.ts';
import { visibleText } from '../text/visibleText.ts';
import { addColleague } from './applyImport.ts';
import { attemptEntry, type Stamp } from './auditEntries.ts';
import { catalogue } from './catalogue.ts';
import { linkColleague } from './colleagueLink.ts';
import type { PracticeChange } from './practiceChange.ts';
import { BUSINESS_OWNER, canManage, colleagueWithEmail, emailKey, looksLikeEmail } from './practiceView.ts';
import type { Practice } from './schema.ts';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * The members the practice could add now, each once, in the order given: of its own tenant (when Teams
 * says), with an object id no colleague holds and an e-mail (or user principal name) no colleague has.
 */
export function newTeamMembers(practice: Practice, members: readonly TeamMember[]): TeamMember[] {
  const tenant = practice.tenantId.toLowerCase();
  const taken = new Set(practice.colleagues.flatMap((c) => (c.aadObjectId ? [c.aadObjectId.toLowerCase()] : [])));
  const addresses = new Set<string>();
  return (Array.isArray(members) ? members : []).filter((member) => {
    if (!isText(member?.aadObjectId) || !looksLikeEmail(member.email)) return false;
    if (isText(member.tenantId) && member.tenantId.toLowerCase() !== tenant) return false;
    const id = member.aadObjectId.toLowerCase();
    const own = [member.email, member.userPrincipalName].filter(isText).map(emailKey);
    if (taken.has(id) || own.some((address) => addresses.has(address) || colleagueWithEmail(practice, address))) return false;
    taken.add(id);
    for (const address of own) addresses.add(address);
    return true;
  });
}

/** A Client Management role a colleague may be given (rule 2: never the Business Owner's). */
const isPracticeRole = (roleId: unknown): roleId is string =>
  typeof roleId === 'string' && roleId !== BUSINESS_OWNER && catalogue.defaultRole(roleId)?.product === CLIENT_MANAGEMENT;

/**
 * Adds the members, re-checked against the practice as it is now: rule 1 first, then every one of them
 * still new, or nobody is added. Each colleague is active and linked to their Teams account at once.
 */
export function addTeamMembers(practice: Practice, edit: PracticeChange, stamp: Stamp, request: MemberImport): MemberImportResult {
  const picks = Array.isArray(request?.members) ? request.members : [];
  if (!canManage(practice, request?.actorId)) {
    edit.add('audit', attemptEntry(stamp, { action: 'invitation-created', members: picks.length, from: 'team' }, 'not-allowed'));
    return { status: 'refused', reason: 'not-allowed' };
  }
  if (picks.some((pick) => !isPracticeRole(pick?.practiceRole) || !(LANGUAGES as readonly unknown[]).includes(pick?.language))) {
    throw new Error('a member of the team is added with a Client Management role (not the Business Owner\'s) and a preferred language');
  }
  const fresh = new Set(newTeamMembers(practice, picks.map((pick) => pick.member)));
  const known = picks.filter((pick) => !fresh.has(pick.member));
  if (known.length > 0) return { status: 'changed', known: known.map((pick) => String(pick.member?.aadObjectId)) };
  const colleagueIds = picks.map(({ member, practiceRole, language }) => {
    const name = visibleText(member.name).slice(0, MAX_NAME) || member.email;
    const colleague = addColleague(edit, { name, email: member.email.trim(), practiceRole, language }, stamp);
    // Never refused here: the object id was checked free above, and the colleague is new.
    const linked = linkColleague(practice, edit, stamp, colleague.id, member.aadObjectId);
    if (linked !== 'linked') throw new Error(`${colleague.id} could not be linked to ${member.aadObjectId}: ${linked}`);
    return colleague.id;
  });
  return { status: 'done', colleagueIds };
}
