import { importRoles, memberLanguage, memberPages, membersOnPage, pickedMembers } from '../../../flows/accessFlow.teamImport.ts';
import type { TeamImport } from '../../../flows/accessFlow.types.ts';
import { LANGUAGES, MEMBERS_READ_AT_MOST, type TeamMember } from '../../../flows/ports.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { colleagueName, languageName, nav, roleName, text, type StepInput } from './shared.ts';

// "Import my colleagues" in a Teams team or group chat: why there is nobody to import, who to add (a page of
// switches), with which Client Management role and language, the summary, what was done, and who became
// known meanwhile.

/** People listed by name on a summary at most; the rest are counted. */
const LISTED_AT_MOST = 20;

const importOf = (input: StepInput): TeamImport => input.context.teamImport!;

/** "Teams listed more than 1,000 members: I looked at the first 1,000 only." */
function cappedNote(input: StepInput): Block[] {
  const count = new Intl.NumberFormat(input.t('steps.view.locale')).format(MEMBERS_READ_AT_MOST);
  return importOf(input).capped ? [text(input.t('steps.importTeam.capped', { count }), { tone: 'warning' })] : [];
}

/** Names one a line, the first twenty, then how many more. */
function nameLines(input: StepInput, names: string[]): Block[] {
  const lines = names.slice(0, LISTED_AT_MOST).map((name) => text(`• ${name}`, { subtle: true }));
  const more = names.length - LISTED_AT_MOST;
  return more > 0 ? [...lines, text(input.t('steps.importTeam.more', { count: more }), { subtle: true })] : lines;
}

/** 'importTeam.none': not in a team, Teams unreachable, or everyone known; with the way forward. */
export function importNonePrompt(input: StepInput): Prompt {
  const { t } = input;
  const teamImport = importOf(input);
  const problem = teamImport.problem ?? 'everyone-known';
  const choices: Choice[] = [];
  if (problem === 'unreachable') choices.push({ label: t('steps.importTeam.none.tryAgain'), event: { type: 'IMPORT_TEAM', conversationLanguage: teamImport.language } });
  choices.push({ label: t('steps.importTeam.none.addByEmail'), event: { type: 'START', mode: 'add' } });
  return {
    title: t(`steps.importTeam.none.title.${problem}`),
    body: [text(t(`steps.importTeam.none.${problem}`), { tone: problem === 'unreachable' ? 'warning' : 'default' }), ...(problem === 'everyone-known' ? cappedNote(input) : [])],
    choices,
    actions: [],
  };
}

/** 'importTeam.pick': the members the practice does not know, ten a page, each a switch; typed names and numbers work too. */
export function importPickPrompt(input: StepInput): Prompt {
  const { t } = input;
  const teamImport = importOf(input);
  const picked = new Set(teamImport.picked);
  const pages = memberPages(teamImport);
  const body: Block[] = [text(t('steps.importTeam.pick.text', { count: teamImport.candidates.length })), ...cappedNote(input)];
  if (pages > 1) body.push(text(t('steps.view.page', { page: teamImport.page + 1, pages }), { subtle: true }));
  if (picked.size > 0) body.push(text(t('steps.importTeam.pick.picked', { count: picked.size }), { subtle: true }));
  const actions: Choice[] = [];
  if (teamImport.page > 0) actions.push({ label: t('steps.view.previous'), event: { type: 'PREVIOUS_PAGE' } });
  if (teamImport.page + 1 < pages) actions.push({ label: t('steps.view.next'), event: { type: 'NEXT_PAGE' } });
  return {
    title: t('steps.importTeam.pick.title'),
    body,
    choices: [],
    actions: [...actions, ...nav(input, { back: false })],
    toggles: {
      eventType: 'SET_MEMBERS',
      groups: [{
        title: t('steps.importTeam.pick.members'),
        items: membersOnPage(teamImport).map((member) => ({ value: member.aadObjectId, label: memberLabel(member), on: picked.has(member.aadObjectId) })),
      }],
      submitLabel: t('steps.importTeam.pick.submit'),
      then: { type: 'MEMBERS_DONE' },
      carriedBy: ['NEXT_PAGE', 'PREVIOUS_PAGE'],
    },
  };
}

const memberLabel = (member: TeamMember): string => `${member.name} (${member.email})`;

/** 'importTeam.role': the Client Management roles, each with what it allows. */
export function importRolePrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const people = pickedMembers(importOf(input));
  return {
    title: t('steps.importTeam.role.title'),
    body: [text(t('steps.importTeam.role.text', { count: people.length })), ...nameLines(input, people.map((m) => m.name))],
    choices: importRoles(lookups, context).map((roleId) => ({
      label: roleName(input, roleId),
      detail: t(`roleDescriptions.${roleId}`),
      event: { type: 'PICK_ROLE' as const, roleId },
    })),
    actions: nav(input),
  };
}

/** 'importTeam.language': one preferred language for everyone picked. */
export function importLanguagePrompt(input: StepInput): Prompt {
  const { t } = input;
  const teamImport = importOf(input);
  return {
    title: t('steps.importTeam.language.title'),
    body: [text(t('steps.importTeam.language.text'))],
    choices: LANGUAGES.map((language) => ({
      label: languageName(input, language),
      detail: language === teamImport.chosenLanguage ? t('common.current') : undefined,
      event: { type: 'PICK_LANGUAGE' as const, language },
    })),
    actions: nav(input),
  };
}

/** 'importTeam.confirm': who is added, with which role and language; all of them or none. */
export function importConfirmPrompt(input: StepInput): Prompt {
  const { t } = input;
  const teamImport = importOf(input);
  const people = pickedMembers(teamImport);
  const count = people.length;
  const listed = people.slice(0, LISTED_AT_MOST);
  const body: Block[] = [
    text(t('steps.importTeam.confirm.role', { role: roleName(input, teamImport.roleId) })),
    { kind: 'facts', facts: listed.map((m) => ({ title: m.name, value: `${m.email} · ${languageName(input, memberLanguage(teamImport, m))}` })) },
    ...(count > listed.length ? [text(t('steps.importTeam.more', { count: count - listed.length }), { subtle: true })] : []),
    text(t('steps.importTeam.confirm.note', { count })),
  ];
  return {
    title: t('steps.importTeam.confirm.title', { count }),
    body,
    choices: [{ label: t('steps.importTeam.confirm.add', { count }), event: { type: 'CONFIRM' }, style: 'positive' }],
    actions: [
      { label: t('steps.importTeam.confirm.changeRole'), event: { type: 'CHANGE', field: 'role' } },
      { label: t('steps.importTeam.confirm.changeLanguage'), event: { type: 'CHANGE', field: 'language' } },
      ...nav(input),
    ],
  };
}

/** 'importTeam.done': who was added, as the store now has them. */
export function importDonePrompt(input: StepInput): Prompt {
  const { t } = input;
  const result = importOf(input).result;
  const ids = result?.status === 'done' ? result.colleagueIds : [];
  return {
    title: t('steps.importTeam.done.title', { count: ids.length }),
    body: [
      text(t('steps.importTeam.done.text', { count: ids.length }), { tone: 'good' }),
      ...nameLines(input, ids.map((id) => colleagueName(input, id))),
      text(t('steps.importTeam.done.next')),
    ],
    choices: [{ label: t('steps.importTeam.done.giveAccess'), event: { type: 'START', mode: 'add' } }],
    actions: [],
  };
}

/** 'importTeam.changed': someone picked became known meanwhile, so nobody was added. */
export function importChangedPrompt(input: StepInput): Prompt {
  const { t } = input;
  const teamImport = importOf(input);
  const known = new Set(teamImport.result?.status === 'changed' ? teamImport.result.known : []);
  const names = teamImport.candidates.filter((m) => known.has(m.aadObjectId)).map((m) => m.name);
  return {
    title: t('steps.importTeam.changed.title'),
    body: [text(t('steps.importTeam.changed.text', { count: names.length }), { tone: 'attention' }), ...nameLines(input, names), text(t('steps.importTeam.changed.again'))],
    choices: [{ label: t('steps.importTeam.changed.retry'), event: { type: 'RETRY' }, style: 'positive' }],
    actions: nav(input, { back: false }),
  };
}
