import type { Choice, Prompt } from '../prompt.ts';
import { colleagueName, companyName, nav, rolesSummary, text, type StepInput } from './shared.ts';

/** Longest name or e-mail accepted (an e-mail address is at most 254 characters). */
export const PERSON_QUERY_MAX = 254;

function clientStaffChoice(input: StepInput): Choice {
  return {
    label: input.t('steps.action.choose.clientStaff', { company: companyName(input) }),
    event: { type: 'CLIENT_STAFF' },
  };
}

/** 'person.search' (adding): a colleague by name or e-mail, or a new e-mail to invite. */
export function personSearchPrompt(input: StepInput): Prompt {
  const { t } = input;
  return {
    title: t('steps.person.search.title', { company: companyName(input) }),
    body: [text(t('steps.person.search.text'))],
    choices: [clientStaffChoice(input)],
    actions: nav(input),
    input: {
      placeholder: t('steps.person.search.placeholder'),
      submitLabel: t('steps.person.search.submit'),
      maxLength: PERSON_QUERY_MAX,
    },
  };
}

/** 'person.choose': search results when adding; the people with access when editing or removing. */
export function personChoosePrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const adding = context.mode === 'add';
  const choices: Choice[] = context.personMatches.map((colleagueId) => {
    const colleague = lookups.colleague(context.practiceId, colleagueId);
    const name = colleagueName(input, colleagueId);
    const invited = colleague?.status === 'invited';
    // Someone named by their address shows it once: in the label, marked as invited.
    const namedByEmail = colleague?.email === name;
    const label = invited && namedByEmail ? t('common.invited', { name }) : name;
    const email = namedByEmail ? undefined : invited ? t('common.invited', { name: colleague.email }) : colleague?.email;
    const detail = adding ? email : [email, rolesSummary(input, colleagueId)].filter(Boolean).join(' · ');
    return { label, detail, event: { type: 'PICK_PERSON', colleagueId } };
  });
  const title = adding ? 'titleAdd' : context.mode === 'remove' ? 'titleRemove' : 'titleEdit';
  return {
    title: t(`steps.person.choose.${title}`),
    body: [text(t(`steps.person.choose.${adding ? 'textAdd' : choices.length ? 'textHolders' : 'nobody'}`, { company: companyName(input) }))],
    choices: adding ? [...choices, clientStaffChoice(input)] : choices,
    actions: nav(input),
    // Only while adding does the step take a new search.
    input: adding
      ? { placeholder: t('common.orSearchAgain'), submitLabel: t('steps.person.search.submit'), maxLength: PERSON_QUERY_MAX, secondary: true }
      : undefined,
  };
}

/** 'person.invite': an e-mail nobody in the practice has yet. */
export function personInvitePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const email = context.pendingEmail ?? '';
  return {
    title: t('steps.person.invite.title'),
    body: [text(t('steps.person.invite.text', { email })), text(t('steps.person.invite.detail'), { subtle: true })],
    choices: [{ label: t('steps.person.invite.invite'), event: { type: 'INVITE' }, style: 'positive' }],
    actions: nav(input),
    input: {
      placeholder: t('common.orSearchAgain'),
      submitLabel: t('steps.person.search.submit'),
      maxLength: PERSON_QUERY_MAX,
      secondary: true,
    },
  };
}
