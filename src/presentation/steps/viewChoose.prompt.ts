import { viewPending } from '../../../flows/accessFlow.views.ts';
import type { Prompt } from '../prompt.ts';
import { companyName, text, type StepInput } from './shared.ts';
import { viewColleagueName } from './view.shared.ts';

/** 'view.choose': the sentence could mean several companies (or colleagues): which one, before the view. */
export function viewChoosePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const view = context.view!;
  const asks = viewPending(view) ?? 'company';
  const choices = asks === 'company'
    ? view.companyMatches.map((companyId) => ({ label: companyName(input, companyId), event: { type: 'PICK_COMPANY' as const, companyId } }))
    : view.personMatches.map((colleagueId) => ({ label: viewColleagueName(input, colleagueId), event: { type: 'PICK_PERSON' as const, colleagueId } }));
  return {
    title: t(`steps.view.choose.${asks}`),
    body: [text(t('steps.view.choose.text'))],
    choices,
    actions: [{ label: t('common.back'), event: { type: 'BACK' } }],
  };
}
