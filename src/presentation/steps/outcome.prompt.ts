import type { Field } from '../../../flows/accessFlow.types.ts';
import type { Block, Prompt } from '../prompt.ts';
import * as n from './shared.ts';
import type { StepInput } from './shared.ts';

// After the write: done (rule 4 said again), someone else's change got there first, or a refusal.

/** 'done': what was done, and when it takes effect. */
export function donePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const vars = {
    name: n.personName(input),
    company: n.companyName(input),
    product: n.productName(input, context.product),
    role: n.roleName(input, context.roleId),
    language: n.languageName(input, context.language),
  };
  const said = context.mode === 'remove' ? 'removed' : context.mode === 'edit' ? 'saved' : 'added';
  const body: Block[] = [n.text(t(`steps.done.${said}`, vars), { tone: 'good' })];
  if (context.cmBasicIncluded) body.push(n.text(t('steps.done.cmBasicToo', { name: n.personFirstName(input), company: vars.company })));
  if (context.person?.kind === 'invitee') body.push(n.text(t('steps.done.invited', { email: context.person.email })));
  else body.push(n.text(t('steps.done.takesEffect', { name: n.personFirstName(input) })));
  return {
    title: t('steps.done.title'),
    body,
    choices: [
      { label: t('steps.done.another'), event: { type: 'ANOTHER' } },
      { label: t('steps.done.otherCompany'), event: { type: 'START' } },
    ],
    actions: [],
  };
}

/** 'conflict': someone else changed the same grant first; carry on from where things are now. */
export function conflictPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const current = context.result?.status === 'conflict' ? context.result.current : null;
  const vars = { name: n.personName(input), company: n.companyName(input), product: n.productName(input, context.product) };
  const what = current
    ? t('steps.conflict.changed', { ...vars, productOf: n.productOf(input, context.product), role: n.roleName(input, current.roleId) })
    : t('steps.conflict.removed', vars);
  return {
    title: t('steps.conflict.title'),
    body: [n.text(what, { tone: 'warning' }), n.text(t('steps.conflict.text'))],
    choices: [{ label: t('steps.conflict.retry'), event: { type: 'RETRY' }, style: 'positive' }],
    actions: n.nav(input, { back: t('steps.conflict.back') }),
  };
}

/** 'refused': the store refused the change; nothing was changed. */
export function refusedPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const reason = context.result?.status === 'refused' ? context.result.reason : 'not-allowed';
  return {
    title: t('steps.refused.title'),
    body: [n.text(t(`refusals.${reason}`), { tone: 'attention' }), n.text(t('steps.refused.text'))],
    choices: [{ label: t('steps.refused.startAgain'), event: { type: 'START' } }],
    actions: n.nav(input, { back: t('steps.refused.back') }),
  };
}

/** "Company: Dupont Frères ✓": one answered field, for the small card that replaces an answered step's card. */
export function answerLine(input: StepInput, field: Field): string | undefined {
  const { t, context } = input;
  const value = {
    company: () => n.companyName(input),
    person: () => n.personName(input),
    product: () => n.productName(input, context.product),
    role: () => n.roleName(input, context.roleId),
    language: () => n.languageName(input, context.language),
  }[field]();
  return value ? t('outcome.answer', { label: t(`fields.${field}`), value }) : undefined;
}
