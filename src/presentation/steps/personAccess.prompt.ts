import type { Block, Choice, Prompt } from '../prompt.ts';
import { companyName, productName, roleName, text, type StepInput } from './shared.ts';
import { onPage, pageLine, requestFor, viewActions, viewColleagueName } from './view.shared.ts';

// "What access does Sophie have?": every company she has a role on, with her role in each product,
// ten companies a page; each company's button changes her access there, Remove beside it takes it away.

/** 'view.personAccess'. */
export function personAccessPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const colleagueId = context.view?.colleagueId ?? '';
  const name = viewColleagueName(input, colleagueId);
  const rows = lookups.colleagueAccess(context.practiceId, colleagueId);
  const page = pageLine(input, rows.length);
  const body: Block[] = rows.length
    ? [text(t('steps.view.personAccess.text', { name, count: rows.length })), ...(page ? [text(page, { subtle: true })] : [])]
    : [text(t('steps.view.personAccess.nothing', { name }))];
  const choices: Choice[] = onPage(input, rows).map(({ companyId, grants }) => ({
    label: companyName(input, companyId),
    detail: grants
      .map((g) => t('common.productRole', { product: productName(input, g.product), role: roleName(input, g.roleId) }))
      .join(' · '),
    event: requestFor(input, colleagueId, { mode: 'edit', companyId }),
    aside: {
      label: t('steps.view.personAccess.remove'),
      name: t('steps.view.personAccess.removeNamed', { name, company: companyName(input, companyId) }),
      event: requestFor(input, colleagueId, { mode: 'remove', companyId }),
    },
  }));
  const another: Choice = {
    label: t('steps.view.personAccess.another', { name: name.split(/\s+/)[0] }),
    event: requestFor(input, colleagueId, { mode: 'add' }),
  };
  return {
    title: t('steps.view.personAccess.title', { name }),
    body,
    choices,
    actions: viewActions(input, rows.length, [another]),
  };
}
