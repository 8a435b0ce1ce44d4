import type { AccessPorts, LanguageCode, ProductCode } from '../../flows/ports.ts';

// What the step descriptions read of the practice's data: the flow's read ports plus a few names.
// The repository implements it; tests can build one from plain JSON.

type ReadPorts = Pick<
  AccessPorts,
  | 'companyProducts'
  | 'usersWithAccess'
  | 'grantOf'
  | 'colleagueLanguage'
  | 'assignableRoles'
  | 'productPermissions'
  | 'rolePermissions'
  | 'isProtectedGrant'
  | 'canManageUsers'
  | 'colleagueAccess'
  | 'auditEntries'
  | 'pendingInvitations'
>;

export interface StepLookups extends ReadPorts {
  company(practiceId: string, id: string): { id: string; name: string; products: ProductCode[]; emailDomains: string[] } | undefined;
  colleague(
    practiceId: string,
    id: string,
  ):
    | { id: string; name: string; email: string; language: LanguageCode; status: 'active' | 'invited'; practiceRole: string }
    | undefined;
  /** Custom roles carry their own name; default roles are named by the locale key `roles.<id>`. */
  role(practiceId: string, roleId: string): { id: string; product: ProductCode; kind: 'default' | 'custom'; name?: string } | undefined;
  permissionGroups(product: ProductCode): Array<{ group: string; permissions: string[] }>;
}

/**
 * The offers in flows/accessFlow.offers.ts take the whole ports object but only read from it;
 * this lets the cards call them with the read side alone, so shown and accepted stay the same.
 */
export function asOfferPorts(lookups: StepLookups): AccessPorts {
  return lookups as unknown as AccessPorts;
}
