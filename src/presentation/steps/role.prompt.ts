import { canCreateRoles, offeredRoles } from '../../../flows/accessFlow.offers.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { asOfferPorts } from '../stepLookups.ts';
import { companyName, nav, permissionGroups, personName, productName, productOf, roleName, text, type StepInput } from './shared.ts';

/** 'role.choose': every role offered with *Show role* beside it; the current one marked; create a custom role. */
export function roleChoosePrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const ports = asOfferPorts(lookups);
  const choices: Choice[] = offeredRoles(ports, context).map((roleId) => {
    const custom = lookups.role(context.practiceId, roleId)?.kind === 'custom';
    const detail = roleId === context.current?.roleId ? t('common.current') : custom ? t('common.customRole') : undefined;
    return {
      label: roleName(input, roleId),
      detail,
      event: { type: 'PICK_ROLE', roleId },
      aside: { label: t('common.showRole'), name: t('common.showRoleNamed', { role: roleName(input, roleId) }), event: { type: 'SHOW_ROLE', roleId } },
    };
  });
  if (canCreateRoles(ports, context)) {
    choices.push({ label: t('steps.role.choose.createRole'), event: { type: 'CREATE_ROLE' } });
  }
  return {
    title: t('steps.role.choose.title'),
    body: [
      text(t('steps.role.choose.text', {
        name: personName(input),
        productOf: productOf(input, context.product),
        company: companyName(input),
      })),
    ],
    choices,
    actions: nav(input),
  };
}

/** What a role allows: every permission of the product's catalogue, or a description where there is none. */
export function roleDetails(input: StepInput, roleId: string): Block[] {
  const { t, context, lookups } = input;
  const product = lookups.role(context.practiceId, roleId)?.product ?? context.product;
  const groups = product ? permissionGroups(input, product, lookups.rolePermissions(context.practiceId, roleId)) : undefined;
  if (groups) return [groups];
  const description = t(`roleDescriptions.${roleId}`, { defaultValue: '' });
  return description ? [text(description)] : [];
}

/** 'role.preview': *Show role*; use this role or go back to the list. */
export function rolePreviewPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const roleId = context.previewRoleId ?? '';
  const role = roleName(input, roleId);
  return {
    title: t('steps.role.preview.title', { role }),
    body: [text(t('steps.role.preview.text', { role, product: productName(input, context.product) })), ...roleDetails(input, roleId)],
    choices: [{ label: t('steps.role.preview.accept'), event: { type: 'ACCEPT_ROLE' }, style: 'positive' }],
    actions: nav(input),
  };
}
