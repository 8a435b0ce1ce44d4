import { offeredRoles } from '../../../flows/accessFlow.offers.ts';
import type { Block, Prompt } from '../prompt.ts';
import { asOfferPorts } from '../stepLookups.ts';
import { nav, permissionGroups, productName, productOf, roleName, text, type StepInput } from './shared.ts';

// Creating a custom role (rule 5): a name, a starting point, its permissions, then a last look.

/** Rule 5: a custom role's name is 1 to 50 characters. */
export const ROLE_NAME_MAX = 50;

const draftName = ({ context }: StepInput) => context.draft?.name ?? '';

/** 'role.builder.name' */
export function builderNamePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  return {
    title: t('steps.role.builder.name.title'),
    body: [text(t('steps.role.builder.name.text', { productOf: productOf(input, context.product) }))],
    choices: [],
    actions: nav(input),
    input: {
      placeholder: t('steps.role.builder.name.placeholder'),
      submitLabel: t('steps.role.builder.name.submit'),
      maxLength: ROLE_NAME_MAX,
    },
  };
}

/** 'role.builder.base': start blank, or copy one of the roles offered. */
export function builderBasePrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  return {
    title: t('steps.role.builder.base.title', { name: draftName(input) }),
    body: [text(t('steps.role.builder.base.text'))],
    choices: [
      { label: t('steps.role.builder.base.blank'), event: { type: 'PICK_BASE', roleId: null } },
      ...offeredRoles(asOfferPorts(lookups), context).map((roleId) => ({
        label: t('steps.role.builder.base.copy', { role: roleName(input, roleId) }),
        event: { type: 'PICK_BASE' as const, roleId },
      })),
    ],
    actions: nav(input),
  };
}

/** 'role.builder.permissions': one switch per permission of the catalogue, grouped as *Show role* groups them. */
export function builderPermissionsPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const held = new Set(context.draft?.permissions ?? []);
  const groups = context.product ? lookups.permissionGroups(context.product) : [];
  return {
    title: t('steps.role.builder.permissions.title', { name: draftName(input) }),
    body: [text(t('steps.role.builder.permissions.text', { product: productName(input, context.product) }))],
    choices: [],
    actions: nav(input),
    toggles: {
      eventType: 'SET_PERMISSIONS',
      submitLabel: t('steps.role.builder.permissions.submit'),
      groups: groups.map(({ group, permissions }) => ({
        title: t(`permissionGroups.${group}`),
        items: permissions.map((code) => ({ value: code, label: t(`permissions.${code}`), on: held.has(code) })),
      })),
    },
  };
}

/** 'role.builder.review': the new role as it will be created. */
export function builderReviewPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const draft = context.draft;
  const body: Block[] = [
    text(t('steps.role.builder.review.text')),
    {
      kind: 'facts',
      facts: [
        { title: t('steps.role.builder.review.name'), value: draftName(input) },
        { title: t('fields.product'), value: productName(input, context.product) },
        {
          title: t('steps.role.builder.review.base'),
          value: draft?.baseRoleId ? roleName(input, draft.baseRoleId) : t('steps.role.builder.review.blank'),
        },
      ],
    },
  ];
  const groups = context.product ? permissionGroups(input, context.product, draft?.permissions ?? []) : undefined;
  if (groups) body.push(groups);
  return {
    title: t('steps.role.builder.review.title', { name: draftName(input) }),
    body,
    choices: [{ label: t('steps.role.builder.review.save'), event: { type: 'SAVE_ROLE' }, style: 'positive' }],
    actions: nav(input),
  };
}
