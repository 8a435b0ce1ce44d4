// Pure look-ups inside one practice. Every id is resolved here, so an id of another practice is simply unknown.
import { CLIENT_MANAGEMENT, PRODUCTS, type AccessRow, type CompanyAccess, type GrantView, type ProductCode } from '../../flows/ports.ts';
import { hasInvisibles } from '../text/visibleText.ts';
import { catalogue } from './catalogue.ts';
import { BUSINESS_OWNER } from './integrity.ts';
import { emailKey, grantIn, indexOf } from './practiceIndex.ts';
import type { Colleague, Company, Grant, Practice } from './schema.ts';

export { BUSINESS_OWNER };
export const CLIENT_MANAGEMENT_ADMINISTRATOR = 'client-management.administrator';
const MANAGERS = new Set([BUSINESS_OWNER, CLIENT_MANAGEMENT_ADMINISTRATOR]);
/** Client Management first: it is what makes the others visible (rule 3). */
const PRODUCT_ORDER: ProductCode[] = [CLIENT_MANAGEMENT, ...PRODUCTS.filter((product) => product !== CLIENT_MANAGEMENT)];

export { emailKey };

export function findCompany(practice: Practice, companyId: unknown): Company | undefined {
  return typeof companyId === 'string' ? indexOf(practice).companies.get(companyId) : undefined;
}

export function findColleague(practice: Practice, colleagueId: unknown): Colleague | undefined {
  return typeof colleagueId === 'string' ? indexOf(practice).colleagues.get(colleagueId) : undefined;
}

export function findGrant(practice: Practice, companyId: string, colleagueId: string, product: ProductCode): Grant | undefined {
  return grantIn(indexOf(practice), companyId, colleagueId, product);
}

export function isOwner(practice: Practice, colleagueId: string): boolean {
  return findColleague(practice, colleagueId)?.practiceRole === BUSINESS_OWNER;
}

/** Rule 1. An invited colleague has not signed in yet, so cannot act. */
export function canManage(practice: Practice, colleagueId: unknown): boolean {
  const colleague = findColleague(practice, colleagueId);
  return colleague?.status === 'active' && MANAGERS.has(colleague.practiceRole);
}

/** The product a role of this practice belongs to; undefined when the practice has no such role. */
export function roleProduct(practice: Practice, roleId: unknown): ProductCode | undefined {
  if (typeof roleId !== 'string') return undefined;
  return catalogue.defaultRole(roleId)?.product ?? practice.customRoles.find((role) => role.id === roleId)?.product;
}

/** Rule 2: the Business Owner's Client Management role. */
export function isProtected(practice: Practice, colleagueId: string, product: ProductCode): boolean {
  return product === CLIENT_MANAGEMENT && isOwner(practice, colleagueId);
}

export function viewOf(grant: Grant): GrantView {
  return { product: grant.product, roleId: grant.roleId, language: grant.language, version: grant.version };
}

export function looksLikeEmail(email: unknown): email is string {
  const key = emailKey(email);
  // An address with a bidi control or a zero-width space in it would read as another one.
  return !hasInvisibles(key) && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(key);
}

/** Someone invited whose invitations were all cancelled: not (or no longer) awaited by the practice. */
export function invitationWithdrawn(practice: Practice, colleagueId: string): boolean {
  const colleague = findColleague(practice, colleagueId);
  if (colleague?.status !== 'invited') return false;
  const theirs = practice.invitations.filter((invitation) => invitation.colleagueId === colleagueId);
  return theirs.length > 0 && theirs.every((invitation) => invitation.status === 'cancelled');
}

export function colleagueWithEmail(practice: Practice, email: unknown): Colleague | undefined {
  const key = emailKey(email);
  return key === '' ? undefined : indexOf(practice).colleaguesByEmail.get(key);
}

/** The client's own staff: an address on one of the company's domains or their subdomains. */
export function isClientStaff(company: Company, email: unknown): boolean {
  const key = emailKey(email);
  const domain = key.slice(key.lastIndexOf('@') + 1);
  if (!key.includes('@') || domain === '') return false;
  return company.emailDomains.some((owned) => {
    const d = owned.trim().toLowerCase();
    return domain === d || domain.endsWith(`.${d}`);
  });
}

export function productsOf(company: Company): ProductCode[] {
  return PRODUCT_ORDER.filter((product) => company.products.includes(product));
}

/** Colleagues with at least one role on the company, in the practice's order, their roles by product. */
export function accessRows(practice: Practice, companyId: string): AccessRow[] {
  const { colleagueOrder, grantsByCompany } = indexOf(practice);
  const byColleague = new Map<string, Grant[]>();
  for (const grant of grantsByCompany.get(companyId) ?? []) {
    if (!colleagueOrder.has(grant.colleagueId)) continue;
    const held = byColleague.get(grant.colleagueId);
    if (held) held.push(grant);
    else byColleague.set(grant.colleagueId, [grant]);
  }
  return [...byColleague]
    .sort(([a], [b]) => colleagueOrder.get(a)! - colleagueOrder.get(b)!)
    .map(([colleagueId, grants]) => ({
      colleagueId,
      grants: grants.sort((a, b) => PRODUCT_ORDER.indexOf(a.product) - PRODUCT_ORDER.indexOf(b.product)).map(viewOf),
    }));
}

const BY_NAME = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Every company a colleague has a role on, by company name, their roles in product order. */
export function colleagueAccess(practice: Practice, colleagueId: string): CompanyAccess[] {
  const { companies, grantsByCompany } = indexOf(practice);
  const rows: Array<CompanyAccess & { name: string }> = [];
  for (const [companyId, grants] of grantsByCompany) {
    const held = grants.filter((grant) => grant.colleagueId === colleagueId);
    if (held.length === 0) continue;
    held.sort((a, b) => PRODUCT_ORDER.indexOf(a.product) - PRODUCT_ORDER.indexOf(b.product));
    rows.push({ companyId, name: companies.get(companyId)?.name ?? companyId, grants: held.map(viewOf) });
  }
  return rows.sort((a, b) => BY_NAME.compare(a.name, b.name)).map(({ companyId, grants }) => ({ companyId, grants }));
}
