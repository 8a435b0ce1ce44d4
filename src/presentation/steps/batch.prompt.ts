import type { AccessChange } from '../../../flows/ports.ts';
import type { Block, Prompt } from '../prompt.ts';
import * as n from './shared.ts';
import type { StepInput } from './shared.ts';

// Several changes confirmed together: exactly what will change, one line each; then what was done.

/** The person the changes are about, when they are all about one. */
function personOf(input: StepInput, changes: AccessChange[]): string {
  const people = new Set(changes.map((c) => (c.person.kind === 'colleague' ? n.colleagueName(input, c.person.colleagueId) : c.person.email)));
  return people.size === 1 ? [...people][0] : '';
}

/** One change in words: "Add Documents basic on AutoEntry at Dupont Frères", "Change … from Files basic to Files admin". */
export function changeLine(input: StepInput, change: AccessChange): string {
  const { t, context, lookups } = input;
  const vars = {
    company: n.companyName(input, change.companyId),
    product: n.productName(input, change.product),
    role: n.roleName(input, change.roleId),
    name: change.person.kind === 'colleague' ? n.colleagueName(input, change.person.colleagueId) : change.person.email,
  };
  if (change.mode === 'add') return t('steps.batch.add', vars);
  const held = change.person.kind === 'colleague'
    ? lookups.usersWithAccess(context.practiceId, change.companyId).find((r) => r.colleagueId === (change.person as { colleagueId: string }).colleagueId)
      ?.grants.find((g) => g.product === change.product)
    : undefined;
  if (change.mode === 'remove') return t('steps.batch.remove', { ...vars, role: n.roleName(input, held?.roleId) });
  return t('steps.batch.change', { ...vars, from: n.roleName(input, held?.roleId) });
}

export function batchConfirmPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const batch = context.batch!;
  const count = batch.changes.length;
  const undo = batch.spec.kind === 'undo';
  const who = personOf(input, batch.changes);
  const body: Block[] = [];
  if (who) body.push(n.text(t('steps.batch.for', { name: who }), { subtle: true }));
  body.push(...batch.changes.map((change) => n.text(`• ${changeLine(input, change)}`)));
  body.push(n.text(t(undo ? 'steps.batch.undoNote' : 'steps.batch.note')));
  return {
    title: t(undo ? 'steps.batch.undoTitle' : 'steps.batch.title', { count }),
    body,
    choices: [{ label: t(undo ? 'steps.batch.undoButton' : 'steps.batch.confirmButton', { count }), event: { type: 'CONFIRM' }, style: 'positive' }],
    actions: n.nav(input, { back: false }),
  };
}

export function batchChoosePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const spec = context.batch!.spec;
  const matches = spec.kind === 'several' ? spec.companyMatches : [];
  return {
    title: t('steps.batch.chooseTitle'),
    body: [n.text(t('steps.batch.chooseText'))],
    choices: matches.map((companyId) => ({ label: n.companyName(input, companyId), event: { type: 'PICK_COMPANY' as const, companyId } })),
    actions: n.nav(input, { back: false }),
  };
}

export function batchDonePrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const batch = context.batch!;
  const count = batch.changes.length;
  const who = personOf(input, batch.changes);
  return {
    title: t('steps.done.title'),
    body: [
      n.text(t(batch.spec.kind === 'undo' ? 'steps.batch.undone' : 'steps.batch.doneText', { count }), { tone: 'good' }),
      ...batch.changes.map((change) => n.text(`• ${changeLine(input, change)}`, { subtle: true })),
      n.text(who ? t('steps.done.takesEffect', { name: who.split(/\s+/)[0] }) : t('steps.batch.takesEffect')),
    ],
    choices: [{ label: t('steps.done.otherCompany'), event: { type: 'START' } }],
    actions: [],
  };
}

/** Nothing was changed: someone changed one of those grants first, or a rule refused one. */
export function batchFailedPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const result = context.batchResult;
  const stopped = result && result.status !== 'done' ? context.batch!.changes[result.index] : undefined;
  const why = result?.status === 'refused' ? t(`refusals.${result.reason}`) : t('steps.batch.conflict');
  return {
    title: t('steps.batch.failedTitle'),
    body: [
      n.text(why, { tone: 'attention' }),
      ...(stopped ? [n.text(`• ${changeLine(input, stopped)}`, { subtle: true })] : []),
      n.text(t('steps.batch.nothingChanged')),
    ],
    choices: [{ label: t('steps.batch.retry'), event: { type: 'RETRY' }, style: 'positive' }],
    actions: n.nav(input, { back: false }),
  };
}

/** There is nothing to change, and why: all already so, nothing to undo, too late, or changed since. */
export function batchNothingPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  return {
    title: t('steps.batch.nothingTitle'),
    body: [n.text(t(`steps.batch.why.${context.batch?.problem ?? 'nothing-to-do'}`), { tone: 'warning' })],
    choices: [{ label: t('steps.done.otherCompany'), event: { type: 'START' } }],
    actions: [],
  };
}
