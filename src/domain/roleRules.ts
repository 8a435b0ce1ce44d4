// Rule 5: what a custom role must be before a practice may create it.
import type { NewRole, ProductCode, RoleNameProblem } from '../../flows/ports.ts';
import { visibleText } from '../text/visibleText.ts';
import { catalogue } from './catalogue.ts';
import { BUSINESS_OWNER, canManage } from './practiceView.ts';
import type { CustomRole, Practice } from './schema.ts';
import { normalise } from '../search/search.ts';

export const MAX_ROLE_NAME = 50;

export type RoleProblem =
  | RoleNameProblem
  | 'not-allowed'
  /** Only products with a permission catalogue (AutoEntry) can have custom roles. */
  | 'no-catalogue'
  | 'no-permissions'
  | 'unknown-permission';

export interface RoleInfo {
  id: string;
  product: ProductCode;
  kind: 'default' | 'custom';
  /** Custom roles only: default role names live in the locale files. */
  name?: string;
}

export class RoleRejected extends Error {
  constructor(readonly problem: RoleProblem) {
    super(`Custom role rejected: ${problem}`);
    this.name = 'RoleRejected';
  }
}

/**
 * The name as it will be stored: without bidi controls or other invisible characters (it is shown to
 * other people), single spaces, trimmed, in composed Unicode form so "é" counts as one character.
 */
export function cleanRoleName(name: unknown): string {
  return typeof name === 'string' ? visibleText(name) : '';
}

/** Case, accents, punctuation and invisible characters do not make a new name: "saisie ACHATS" is "Saisie achats". */
function nameKey(name: string): string {
  return normalise(visibleText(name));
}

export function roleNameProblem(practice: Practice | undefined, product: ProductCode, name: unknown): RoleNameProblem | undefined {
  const clean = cleanRoleName(name);
  // A name of only punctuation has nothing to tell roles apart by.
  if (nameKey(clean) === '') return 'empty';
  if ([...clean].length > MAX_ROLE_NAME) return 'too-long';
  const taken = [
    // Default role ids are "<product>.<slug>"; their slug in words is the name people know them by.
    ...catalogue.defaultRoles(product).map((role) => role.id.slice(role.id.indexOf('.') + 1)),
    ...(practice?.customRoles ?? []).filter((role) => role.product === product).map((role) => role.name),
  ];
  return taken.some((other) => nameKey(other) === nameKey(clean)) ? 'duplicate' : undefined;
}

export function newRoleProblem(practice: Practice, role: NewRole): RoleProblem | undefined {
  if (!canManage(practice, role.actorId)) return 'not-allowed';
  const known = new Set(catalogue.permissions(role.product));
  if (known.size === 0) return 'no-catalogue';
  const nameProblem = roleNameProblem(practice, role.product, role.name);
  if (nameProblem) return nameProblem;
  if (!Array.isArray(role.permissions) || role.permissions.length === 0) return 'no-permissions';
  if (!role.permissions.every((permission) => known.has(permission))) return 'unknown-permission';
  return undefined;
}

/** The stored role: permissions once each, in catalogue order. */
export function customRole(role: NewRole, id: string, createdAt: string): CustomRole {
  const chosen = new Set(role.permissions);
  return {
    id,
    product: role.product,
    name: cleanRoleName(role.name),
    permissions: catalogue.permissions(role.product).filter((permission) => chosen.has(permission)),
    createdBy: role.actorId,
    createdAt,
  };
}

/** A readable id: "custom-saisie-achats-1a2b3c4d". */
export function customRoleId(name: string, unique: string): string {
  const slug = normalise(name).replace(/ /g, '-').slice(0, 40).replace(/-$/, '');
  return ['custom', slug, unique].filter((part) => part !== '').join('-');
}

export function roleInfo(practice: Practice, roleId: string): RoleInfo | undefined {
  const defaultRole = catalogue.defaultRole(roleId);
  if (defaultRole) return { id: defaultRole.id, product: defaultRole.product, kind: 'default' };
  const custom = practice.customRoles.find((role) => role.id === roleId);
  return custom && { id: custom.id, product: custom.product, kind: 'custom', name: custom.name };
}

/** Defaults then the practice's customs; never Business Owner (rule 2). */
export function assignableRoleIds(practice: Practice | undefined, product: ProductCode): string[] {
  return [
    ...catalogue.defaultRoles(product).map((role) => role.id).filter((id) => id !== BUSINESS_OWNER),
    ...(practice?.customRoles ?? []).filter((role) => role.product === product).map((role) => role.id),
  ];
}

export function permissionsOfRole(practice: Practice, roleId: string): string[] {
  const role = catalogue.defaultRole(roleId) ?? practice.customRoles.find((custom) => custom.id === roleId);
  return role ? [...role.permissions] : [];
}
