import type { Mode } from '../../../flows/accessFlow.types.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { colleagueName, companyName, nav, rolesSummary, text, type StepInput } from './shared.ts';

// Client Management's *Manage users* for one company: what to do, and who has access.

function holders({ context, lookups }: StepInput) {
  return context.companyId ? lookups.usersWithAccess(context.practiceId, context.companyId) : [];
}

/** Add always; edit and remove only when someone has access to edit or remove. */
function modeChoices(input: StepInput): Choice[] {
  const { t } = input;
  const modes: Mode[] = holders(input).length > 0 ? ['add', 'edit', 'remove'] : ['add'];
  return modes.map((action) => ({ label: t(`steps.idle.${action}`), event: { type: 'PICK_ACTION', action } }));
}

/** 'action.choose': add, edit, remove, who has access, or someone of the client's own staff. */
export function actionChoosePrompt(input: StepInput): Prompt {
  const { t } = input;
  const company = companyName(input);
  return {
    title: t('steps.action.choose.title', { company }),
    body: [text(t('steps.action.choose.text', { company }), { subtle: true })],
    choices: [
      ...modeChoices(input),
      { label: t('steps.idle.list'), event: { type: 'PICK_ACTION', action: 'list' } },
      { label: t('steps.action.choose.clientStaff', { company }), event: { type: 'CLIENT_STAFF' } },
    ],
    actions: nav(input),
  };
}

/** 'action.list': everyone with access to the company and their role in each product. */
export function actionListPrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const company = companyName(input);
  const rows = holders(input);
  const body: Block[] = rows.length
    ? [
        text(t('steps.action.list.text')),
        {
          kind: 'facts',
          facts: rows.map(({ colleagueId }) => {
            const colleague = lookups.colleague(context.practiceId, colleagueId);
            const name = colleagueName(input, colleagueId);
            return { title: colleague?.status === 'invited' ? t('common.invited', { name }) : name, value: rolesSummary(input, colleagueId) };
          }),
        },
      ]
    : [text(t('steps.action.list.nobody', { company }))];
  return { title: t('steps.action.list.title', { company }), body, choices: modeChoices(input), actions: nav(input) };
}
