import type { AccessPorts, ProductCode } from './ports.ts';
import { CLIENT_MANAGEMENT, LANGUAGES } from './ports.ts';
import type { FlowContext } from './accessFlow.types.ts';

// What each step offers. Guards refuse anything else, so a forged or stale choice changes nothing;
// the cards show exactly these, so what is shown and what is accepted cannot drift apart.

export function offeredProducts(ports: AccessPorts, context: FlowContext): ProductCode[] {
  if (!context.companyId) return [];
  const subscribed = ports.companyProducts(context.practiceId, context.companyId);
  if (context.mode === 'add') return subscribed;
  if (context.person?.kind !== 'colleague') return [];
  const { colleagueId } = context.person;
  return subscribed.filter((product) => ports.grantOf(context.practiceId, context.companyId!, colleagueId, product));
}

export function offeredRoles(ports: AccessPorts, context: FlowContext): string[] {
  return context.product ? ports.assignableRoles(context.practiceId, context.product) : [];
}

export function offeredLanguages() {
  return LANGUAGES;
}

export function canCreateRoles(ports: AccessPorts, context: FlowContext): boolean {
  return !!context.product && ports.productPermissions(context.product).length > 0;
}

/** Fields the summary lets a person change without starting again. */
export function changeableFields(context: FlowContext) {
  if (context.mode === 'add') return ['company', 'person', 'product', 'role', 'language'] as const;
  if (context.mode === 'edit') return ['role', 'language'] as const;
  return [] as const;
}

/** Rule 3: a product role without a Client Management role on the company leaves the product invisible. */
export function lacksClientManagement(ports: AccessPorts, context: FlowContext): boolean {
  if (context.mode === 'remove' || !context.product || context.product === CLIENT_MANAGEMENT || !context.companyId) return false;
  if (context.person?.kind !== 'colleague') return true;
  return !ports.grantOf(context.practiceId, context.companyId, context.person.colleagueId, CLIENT_MANAGEMENT);
}
