import type { TFunction } from 'i18next';
import type { FlowContext } from '../../../flows/accessFlow.types.ts';
import type { LanguageCode, ProductCode } from '../../../flows/ports.ts';
import type { Block, Choice } from '../prompt.ts';
import type { StepLookups } from '../stepLookups.ts';

// Names and pieces every step description uses: ids in, words in the person's language out.

export interface StepInput {
  context: FlowContext;
  lookups: StepLookups;
  t: TFunction;
  /** The first name of the person talking, for the welcome. */
  firstName?: string;
}

export function companyName({ context, lookups }: StepInput, companyId = context.companyId): string {
  return (companyId && lookups.company(context.practiceId, companyId)?.name) || '';
}

/** A colleague's name; someone invited who has given no name yet is their whole e-mail address. */
export function colleagueName({ context, lookups }: StepInput, colleagueId: string): string {
  const colleague = lookups.colleague(context.practiceId, colleagueId);
  if (!colleague) return colleagueId;
  // Invitations store the address's local part as a name ("marc.durand"), which names nobody recognisably.
  const nameless = colleague.status === 'invited' && [colleague.email.split('@')[0], ''].includes(colleague.name.trim());
  return nameless ? colleague.email : colleague.name;
}

/** The person a change is about: a colleague's full name, or the e-mail of someone being invited. */
export function personName(input: StepInput): string {
  const person = input.context.person;
  if (!person) return '';
  return person.kind === 'colleague' ? colleagueName(input, person.colleagueId) : person.email;
}

/** "Élodie" for Élodie Martin; an invitee is named by their e-mail. */
export function personFirstName(input: StepInput): string {
  const person = input.context.person;
  if (person?.kind !== 'colleague') return personName(input);
  return colleagueName(input, person.colleagueId).split(/\s+/)[0];
}

export function productName({ t }: StepInput, product: ProductCode | null): string {
  return product ? t(`products.${product}`) : '';
}

/** The product as it qualifies a role: "d'AutoEntry" in French ("le rôle … d'AutoEntry"), "AutoEntry" in English. */
export function productOf({ t }: StepInput, product: ProductCode | null): string {
  return product ? t(`productsOf.${product}`) : '';
}

export function roleName({ context, lookups, t }: StepInput, roleId: string | null | undefined): string {
  if (!roleId) return '';
  const role = lookups.role(context.practiceId, roleId);
  if (role?.kind === 'custom' && role.name) return role.name;
  return t(`roles.${roleId}`, { defaultValue: role?.name ?? roleId });
}

export function languageName({ t }: StepInput, language: LanguageCode | null | undefined): string {
  return language ? t(`languages.${language}`) : '';
}

/** A role's permissions laid out as the product's *Show role* screen lays them out. */
export function permissionGroups(input: StepInput, product: ProductCode, held: Iterable<string>): Block | undefined {
  const allowed = new Set(held);
  const groups = input.lookups.permissionGroups(product);
  if (groups.length === 0) return undefined;
  return {
    kind: 'groups',
    groups: groups.map(({ group, permissions }) => ({
      title: input.t(`permissionGroups.${group}`),
      items: permissions.map((code) => ({
        label: input.t(`permissions.${code}`),
        allowed: allowed.has(code),
        // In words too, not only as a tick and a colour, for screen readers.
        status: input.t(allowed.has(code) ? 'permissions.allowed' : 'permissions.notAllowed'),
      })),
    })),
  };
}

/** "AutoEntry: Documents basic · Client Management: Administrator" for one person on the company. */
export function rolesSummary(input: StepInput, colleagueId: string): string {
  const { context, lookups } = input;
  const row = context.companyId
    ? lookups.usersWithAccess(context.practiceId, context.companyId).find((r) => r.colleagueId === colleagueId)
    : undefined;
  return (row?.grants ?? [])
    .map((g) => input.t('common.productRole', { product: productName(input, g.product), role: roleName(input, g.roleId) }))
    .join(' · ');
}

export function text(value: string, extra: Omit<Extract<Block, { kind: 'text' }>, 'kind' | 'text'> = {}): Block {
  return { kind: 'text', text: value, ...extra };
}

/** Back and cancel, drawn after the choices. */
export function nav({ t }: StepInput, options: { back?: boolean | string } = { back: true }): Choice[] {
  const actions: Choice[] = [];
  if (options.back) {
    actions.push({ label: typeof options.back === 'string' ? options.back : t('common.back'), event: { type: 'BACK' } });
  }
  actions.push({ label: t('common.cancel'), event: { type: 'CANCEL' } });
  return actions;
}
