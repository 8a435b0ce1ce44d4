// Whether an access change may be applied, decided from the stored data alone: card payloads can be forged.
import {
  CLIENT_MANAGEMENT, LANGUAGES, PRODUCTS,
  type AccessChange, type GrantView, type LanguageCode, type RefusalReason,
} from '../../flows/ports.ts';
import type { Colleague, Company, Grant, Practice } from './schema.ts';
import {
  BUSINESS_OWNER, canManage, colleagueWithEmail, findColleague, findCompany, findGrant, isClientStaff,
  isOwner, isProtected, looksLikeEmail, roleProduct, viewOf,
} from './practiceView.ts';

export type Verdict =
  | { kind: 'refused'; reason: RefusalReason }
  | { kind: 'conflict'; current: GrantView | null }
  | {
      kind: 'allowed';
      company: Company;
      /** The person when already a colleague; absent for a new invitee. */
      colleague?: Colleague;
      inviteEmail?: string;
      current?: Grant;
      language: LanguageCode;
      addBasic: boolean;
    };

const refused = (reason: RefusalReason): Verdict => ({ kind: 'refused', reason });
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** A change whose fields do not even have the right types can only be forged. */
function isWellFormed(change: AccessChange): boolean {
  if (typeof change !== 'object' || change === null) return false;
  const { person, mode, product, baseVersion, language, roleId } = change;
  const personOk = typeof person === 'object' && person !== null
    && ((person.kind === 'colleague' && isText(person.colleagueId)) || (person.kind === 'invitee' && isText(person.email)));
  return personOk
    && isText(change.practiceId) && isText(change.actorId) && isText(change.companyId)
    && ['add', 'edit', 'remove'].includes(mode)
    && (PRODUCTS as readonly unknown[]).includes(product)
    && (baseVersion === null || (Number.isInteger(baseVersion) && baseVersion >= 1))
    && (language === undefined || (LANGUAGES as readonly unknown[]).includes(language))
    && (mode === 'remove' || isText(roleId))
    && ['boolean', 'undefined'].includes(typeof change.addClientManagementBasic);
}

export function checkChange(practice: Practice, change: AccessChange): Verdict {
  if (!isWellFormed(change)) return refused('forged-payload');
  if (!canManage(practice, change.actorId)) return refused('not-allowed');
  const company = findCompany(practice, change.companyId);
  if (!company) return refused('unknown-company');
  if (!company.products.includes(change.product)) return refused('product-not-subscribed');

  const { person } = change;
  let colleague: Colleague | undefined;
  let inviteEmail: string | undefined;
  if (person.kind === 'colleague') {
    colleague = findColleague(practice, person.colleagueId);
    if (!colleague) return refused('unknown-person');
  } else {
    if (!looksLikeEmail(person.email)) return refused('unknown-person');
    colleague = colleagueWithEmail(practice, person.email);
    if (!colleague) {
      if (isClientStaff(company, person.email)) return refused('client-staff');
      // Someone new has nothing to edit or remove yet.
      if (change.mode !== 'add') return refused('unknown-person');
      inviteEmail = person.email.trim();
    }
  }

  if (change.mode !== 'remove') {
    if (change.roleId === BUSINESS_OWNER) return refused('protected-owner');
    const product = roleProduct(practice, change.roleId);
    if (!product) return refused('unknown-role');
    if (product !== change.product) return refused('wrong-product');
  }
  if (colleague && isProtected(practice, colleague.id, change.product)) return refused('protected-owner');

  const current = colleague ? findGrant(practice, company.id, colleague.id, change.product) : undefined;
  if ((current?.version ?? null) !== change.baseVersion || (change.mode === 'remove' && !current)) {
    return { kind: 'conflict', current: current ? viewOf(current) : null };
  }
  const language = change.language ?? current?.language ?? colleague?.language ?? 'en-GB';
  // Rule 3; the Business Owner's Client Management role is never touched (rule 2).
  const addBasic = change.addClientManagementBasic === true
    && change.mode !== 'remove'
    && change.product !== CLIENT_MANAGEMENT
    && !(colleague && (isOwner(practice, colleague.id) || findGrant(practice, company.id, colleague.id, CLIENT_MANAGEMENT)));
  return { kind: 'allowed', company, colleague, inviteEmail, current, language, addBasic };
}
