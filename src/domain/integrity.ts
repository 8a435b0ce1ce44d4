// Cross-references and domain invariants of a store whose fields already have the right types.
import { CLIENT_MANAGEMENT } from '../../flows/ports.ts';
import { catalogue } from './catalogue.ts';
import { indexOf } from './practiceIndex.ts';
import type { Practice, StoreData } from './schema.ts';

export const BUSINESS_OWNER = 'client-management.business-owner';

export function checkIntegrity(data: StoreData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const tenants = new Set<string>();
  const unique = (id: string, path: string) => {
    if (ids.has(id)) problems.push(`${path}: id ${id} is used twice`);
    ids.add(id);
  };
  data.practices.forEach((practice, p) => {
    const path = `practices[${p}]`;
    unique(practice.id, `${path}.id`);
    if (tenants.has(practice.tenantId)) problems.push(`${path}.tenantId: ${practice.tenantId} is used twice`);
    tenants.add(practice.tenantId);
    for (const list of ['colleagues', 'companies', 'customRoles', 'grants', 'invitations', 'audit'] as const) {
      practice[list].forEach((item, i) => unique(item.id, `${path}.${list}[${i}].id`));
    }
    checkPractice(practice, path, problems);
  });
  return problems;
}

function checkPractice(practice: Practice, path: string, problems: string[]): void {
  const owners = practice.colleagues.filter((colleague) => colleague.practiceRole === BUSINESS_OWNER);
  if (owners.length !== 1) problems.push(`${path}: expected exactly one Business Owner, found ${owners.length}`);
  const emails = new Set<string>();
  practice.colleagues.forEach((colleague, i) => {
    const at = `${path}.colleagues[${i}]`;
    const email = colleague.email.trim().toLowerCase();
    if (emails.has(email)) problems.push(`${at}.email: ${colleague.email} is used twice`);
    emails.add(email);
    if (catalogue.defaultRole(colleague.practiceRole)?.product !== CLIENT_MANAGEMENT) {
      problems.push(`${at}.practiceRole: ${colleague.practiceRole} is not a Client Management role`);
    }
  });
  practice.companies.forEach((company, i) => {
    if (!company.products.includes(CLIENT_MANAGEMENT)) problems.push(`${path}.companies[${i}].products: lacks client-management`);
  });
  practice.customRoles.forEach((role, i) => {
    const known = new Set(catalogue.permissions(role.product));
    const at = `${path}.customRoles[${i}]`;
    if (known.size === 0) problems.push(`${at}.product: ${role.product} has no permission catalogue`);
    if (role.permissions.length === 0) problems.push(`${at}.permissions: expected at least one`);
    for (const permission of role.permissions) {
      if (!known.has(permission)) problems.push(`${at}.permissions: unknown permission ${permission}`);
    }
  });
  // Looked up through the practice's index (built here once, then kept by the repository), so a large
  // practice is checked in one pass.
  const { companies, colleagues } = indexOf(practice);
  const customRoles = new Map(practice.customRoles.map((role) => [role.id, role]));
  const held = new Map<string, Set<string>>();
  practice.grants.forEach((grant, i) => {
    const at = `${path}.grants[${i}]`;
    const company = companies.get(grant.companyId);
    const colleague = colleagues.get(grant.colleagueId);
    if (!company) problems.push(`${at}.companyId: no company ${grant.companyId} in this practice`);
    else if (!company.products.includes(grant.product)) problems.push(`${at}.product: ${company.id} does not subscribe to ${grant.product}`);
    if (!colleague) problems.push(`${at}.colleagueId: no colleague ${grant.colleagueId} in this practice`);
    const roleProduct = catalogue.defaultRole(grant.roleId)?.product ?? customRoles.get(grant.roleId)?.product;
    if (roleProduct !== grant.product) problems.push(`${at}.roleId: ${grant.roleId} is not a ${grant.product} role of this practice`);
    if (grant.roleId === BUSINESS_OWNER && colleague?.practiceRole !== BUSINESS_OWNER) {
      problems.push(`${at}.roleId: only the Business Owner holds ${BUSINESS_OWNER}`);
    }
    let ofCompany = held.get(grant.companyId);
    if (!ofCompany) held.set(grant.companyId, (ofCompany = new Set()));
    const key = `${grant.colleagueId}|${grant.product}`;
    if (ofCompany.has(key)) problems.push(`${at}: a second ${grant.product} role for ${grant.colleagueId} on ${grant.companyId}`);
    ofCompany.add(key);
  });
  practice.invitations.forEach((invitation, i) => {
    if (!colleagues.has(invitation.colleagueId)) {
      problems.push(`${path}.invitations[${i}].colleagueId: no colleague ${invitation.colleagueId} in this practice`);
    }
  });
}
