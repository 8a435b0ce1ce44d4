import type { Prompt } from '../prompt.ts';
import { companyName, nav, text, type StepInput } from './shared.ts';

// Steps where nothing is under way yet: the welcome, the refusal of rule 1, and the client's own staff.

/** 'idle': greets by first name when known and offers the four things the assistant does. */
export function welcomePrompt(input: StepInput): Prompt {
  const { t, firstName, context, lookups } = input;
  const title = firstName ? t('steps.idle.titleNamed', { name: firstName }) : t('steps.idle.title');
  // Someone who may not manage users (rule 1) is told so at once, rather than offered what they'd be refused.
  if (!lookups.canManageUsers(context.practiceId, context.actorId)) {
    return { title, body: [text(t('steps.notAllowed.text'))], choices: [], actions: [] };
  }
  return {
    title,
    body: [text(t('steps.idle.text'))],
    choices: [
      { label: t('steps.idle.add'), event: { type: 'START', mode: 'add' } },
      { label: t('steps.idle.edit'), event: { type: 'START', mode: 'edit' } },
      { label: t('steps.idle.remove'), event: { type: 'START', mode: 'remove' } },
      // "Who has access" starts without a mode: the action step offers the list once a company is chosen.
      { label: t('steps.idle.list'), event: { type: 'START', mode: 'list' } },
    ],
    actions: [],
  };
}

/** 'notAllowed' (rule 1): said politely; there is nothing this person can do here. */
export function notAllowedPrompt({ t }: StepInput): Prompt {
  return {
    title: t('steps.notAllowed.title'),
    body: [text(t('steps.notAllowed.text'))],
    choices: [],
    actions: [],
  };
}

/** 'clientStaff': the client's own people get their access inside AutoEntry, not here. */
export function clientStaffPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const company = companyName(input);
  const body = [text(company ? t('steps.clientStaff.text', { company }) : t('steps.clientStaff.textAny'))];
  if (company && context.pendingEmail) {
    body.unshift(text(t('steps.clientStaff.email', { email: context.pendingEmail, company }), { subtle: true }));
  }
  body.push(text(t('steps.clientStaff.more')));
  // With a company chosen, back returns to it; without one, starting afresh is the way on.
  return company
    ? { title: t('steps.clientStaff.title'), body, choices: [], actions: nav(input, { back: true }) }
    : {
        title: t('steps.clientStaff.title'),
        body,
        choices: [{ label: t('steps.clientStaff.startAgain'), event: { type: 'START', mode: 'add' } }],
        actions: nav(input, { back: false }),
      };
}
