import { changeableFields, lacksClientManagement } from '../../../flows/accessFlow.offers.ts';
import { CLIENT_MANAGEMENT } from '../../../flows/ports.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { asOfferPorts } from '../stepLookups.ts';
import * as n from './shared.ts';
import type { StepInput } from './shared.ts';

// The summary before the only write: what will change, and what rules 3, 4 and 6 mean for it.

function grantsOnCompany({ context, lookups }: StepInput) {
  if (context.person?.kind !== 'colleague' || !context.companyId) return [];
  const { colleagueId } = context.person;
  return lookups.usersWithAccess(context.practiceId, context.companyId).find((r) => r.colleagueId === colleagueId)?.grants ?? [];
}

function facts(input: StepInput): Block {
  const { t, context } = input;
  const person = context.person;
  const user = person?.kind === 'invitee' ? t('steps.confirm.invitee', { email: person.email }) : n.personName(input);
  const role = context.mode === 'remove' ? context.current?.roleId : context.roleId;
  const rows = [
    { title: t('fields.company'), value: n.companyName(input) },
    { title: t('fields.person'), value: user },
    { title: t('fields.product'), value: n.productName(input, context.product) },
    { title: t('fields.role'), value: n.roleName(input, role) },
  ];
  if (context.mode !== 'remove') rows.push({ title: t('fields.language'), value: n.languageName(input, context.language) });
  return { kind: 'facts', facts: rows };
}

/** "Role: Documents basic → Files admin", one line per thing that changes. */
function changes(input: StepInput): Block[] {
  const { t, context } = input;
  const line = (what: string, from: string, to: string) => n.text(t('steps.confirm.change', { what, from, to }));
  const product = n.productName(input, context.product);
  const noAccess = t('common.noAccess');
  if (context.mode === 'remove') return [line(t('fields.role'), n.roleName(input, context.current?.roleId), noAccess)];
  if (context.mode === 'add' || !context.current) {
    return [line(t('fields.role'), noAccess, t('steps.confirm.roleOn', { role: n.roleName(input, context.roleId), product }))];
  }
  const { roleId, language } = context.current;
  const lines: Block[] = [];
  if (roleId !== context.roleId) lines.push(line(t('fields.role'), n.roleName(input, roleId), n.roleName(input, context.roleId)));
  if (language !== context.language) {
    lines.push(line(t('fields.language'), n.languageName(input, language), n.languageName(input, context.language)));
  }
  return lines.length ? lines : [n.text(t('steps.confirm.nothingChanges'), { tone: 'warning' })];
}

/** Rules 3 and 6: what the change means for seeing the company at all. */
function consequences(input: StepInput): { notes: Block[]; choices: Choice[] } {
  const { t, context } = input;
  const grants = grantsOnCompany(input);
  const company = n.companyName(input);
  const product = n.productName(input, context.product);
  if (context.mode === 'remove') {
    if (grants.length <= 1) return { notes: [n.text(t('steps.confirm.lastRole', { company }), { tone: 'attention' })], choices: [] };
    const others = grants.filter((g) => g.product !== CLIENT_MANAGEMENT).map((g) => n.productName(input, g.product));
    if (context.product !== CLIENT_MANAGEMENT || others.length === 0) return { notes: [], choices: [] };
    const products = others.join(', ');
    return { notes: [n.text(t('steps.confirm.cmRemoval', { products, company }), { tone: 'attention' })], choices: [] };
  }
  if (!lacksClientManagement(asOfferPorts(input.lookups), context)) return { notes: [], choices: [] };
  const on = context.addCmBasic;
  return {
    notes: [n.text(t(on ? 'steps.confirm.cmOffer' : 'steps.confirm.cmOff', { product }), { tone: on ? 'default' : 'warning' })],
    choices: [{ label: t(on ? 'steps.confirm.cmSwitchOff' : 'steps.confirm.cmSwitchOn'), event: { type: 'SET_CM_BASIC', value: !on } }],
  };
}

/** 'confirm': the summary, Add / Save / Remove, and a way to change each answer. */
export function confirmPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const mode = context.mode ?? 'add';
  const { notes, choices } = consequences(input);
  const title = { add: 'titleAdd', edit: 'titleEdit', remove: 'titleRemove' }[mode];
  return {
    title: t(`steps.confirm.${title}`),
    body: [
      facts(input),
      n.text(t('steps.confirm.changes')),
      ...changes(input),
      ...notes,
      n.text(t('steps.confirm.takesEffect', { name: n.personFirstName(input) }), { subtle: true }),
    ],
    choices: [
      { label: t(`steps.confirm.${mode}`), event: { type: 'CONFIRM' }, style: mode === 'remove' ? 'destructive' : 'positive' },
      ...choices,
    ],
    actions: [
      ...changeableFields(context).map((field) => ({
        label: t(`steps.confirm.changeField.${field}`),
        event: { type: 'CHANGE' as const, field },
      })),
      ...n.nav(input),
    ],
  };
}
