import type { Prompt } from '../prompt.ts';
import { companyName, nav, text, type StepInput } from './shared.ts';

/** Longest company search accepted; names in the practice are far shorter. */
export const COMPANY_QUERY_MAX = 100;

/** 'company.search': the client company, by name. */
export function companySearchPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  return {
    title: t('steps.company.search.title'),
    body: [text(t('steps.company.search.text'))],
    choices: [],
    // Back from here leaves the flow, which cancel already says; while changing it from the summary, back returns there.
    actions: nav(input, { back: context.editing === 'company' }),
    input: {
      placeholder: t('steps.company.search.placeholder'),
      submitLabel: t('steps.company.search.submit'),
      maxLength: COMPANY_QUERY_MAX,
    },
  };
}

/** 'company.choose': several companies matched; pick one or search again. */
export function companyChoosePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  return {
    title: t('steps.company.choose.title'),
    body: [text(t('steps.company.choose.text'))],
    choices: context.companyMatches.map((companyId) => ({
      label: companyName(input, companyId),
      event: { type: 'PICK_COMPANY', companyId },
    })),
    actions: nav(input),
    input: {
      placeholder: t('common.orSearchAgain'),
      submitLabel: t('steps.company.search.submit'),
      maxLength: COMPANY_QUERY_MAX,
      secondary: true,
    },
  };
}
