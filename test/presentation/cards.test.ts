// How prompts are drawn: role rows, long lists, switches and text inputs on cards, and their round
// trip through the card interpreter; numbered switches in plain text read back by the text interpreter.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import { interpretCard } from '../../src/conversation/interpretCard.ts';
import { interpretText } from '../../src/conversation/interpretText.ts';
import { BUTTON_TITLE_MAX, outcomeCard, toAdaptiveCard } from '../../src/presentation/adaptiveCard.ts';
import { describeStep, type StepId } from '../../src/presentation/describeStep.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';
import { toPlainText } from '../../src/presentation/plainText.ts';
import type { Choice, Prompt, Tone } from '../../src/presentation/prompt.ts';
import { cardProblems, demoRepository, run } from './support.ts';
import { buttonTitles, contrast, contrastOf, TEAMS_LIGHT, TEXT_CONTRAST, textLooks } from './teamsLook.ts';

type Json = Record<string, any>;
const STAMP = { v: 1, seq: 3, step: 'x', for: 'aad-1' };
const T = (text: string): FlowEvent => ({ type: 'TEXT', text });
const atRoles: FlowEvent[] = [
  { type: 'START', mode: 'add' }, T('Dupont Frères'), T('elodie.roux@cabinet-martin.fr'), { type: 'INVITE' },
  { type: 'PICK_PRODUCT', product: 'autoentry' },
];
const toBase: FlowEvent[] = [...atRoles, { type: 'CREATE_ROLE' }, T('Achats seulement')];

async function promptAt(events: FlowEvent[], lang = 'en'): Promise<{ step: string; prompt: Prompt }> {
  const repo = demoRepository();
  const { step, context } = await run(repo, 'demo-admin', events);
  return { step, prompt: describeStep({ step: step as StepId, context, lookups: repo, t: translatorFor(lang) }) };
}

function all(node: unknown, type: string, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => all(n, type, out));
  else if (node && typeof node === 'object') {
    if ((node as Json).type === type) out.push(node as Json);
    Object.values(node).forEach((v) => all(v, type, out));
  }
  return out;
}

describe('the role list card', () => {
  let card: Json;
  beforeAll(async () => {
    card = toAdaptiveCard((await promptAt(atRoles, 'fr')).prompt, STAMP) as Json;
  });

  it('draws each role as a row with Afficher le rôle beside it', () => {
    const rows = all(card, 'ColumnSet');
    expect(rows).toHaveLength(9);
    const [roleButton, showButton] = all(rows[3], 'Action.Submit');
    expect(roleButton.title).toBe('Documents de base');
    expect(roleButton.data.event).toEqual({ type: 'PICK_ROLE', roleId: 'autoentry.documents-basic' });
    expect(showButton.title).toBe('Afficher le rôle');
    expect(showButton.data.event).toEqual({ type: 'SHOW_ROLE', roleId: 'autoentry.documents-basic' });
  });

  it('names each Afficher le rôle by its role, in the tooltip a screen reader reads', () => {
    const names = all(card, 'ColumnSet').map((row) => all(row, 'Action.Submit')[1]!.tooltip);
    expect(names.slice(0, 4)).toEqual([
      'Afficher le rôle Administrateur', 'Afficher le rôle Administrateur standard', 'Afficher le rôle Documents standard', 'Afficher le rôle Documents de base',
    ]);
    expect(new Set(names).size).toBe(9);
    // The role buttons themselves need none: their title is the role's name.
    expect(all(card, 'Action.Submit').filter((a) => a.tooltip)).toHaveLength(9);
  });

  it('offers to create a custom role and keeps the custom role’s own name', () => {
    const titles = all(card, 'Action.Submit').map((a) => a.title);
    expect(titles).toContain('Créer un rôle personnalisé');
    expect(titles).toContain('Saisie achats');
    expect(titles).toContain('Administrateur des fichiers');
    expect(titles).not.toContain('Files admin');
  });
});

describe('the Show role card', () => {
  it('lists every permission of the catalogue by group, allowed in bold', async () => {
    const { prompt } = await promptAt([...atRoles, { type: 'SHOW_ROLE', roleId: 'autoentry.documents-basic' }], 'fr');
    const card = toAdaptiveCard(prompt, STAMP) as Json;
    const lines = all(card, 'TextBlock').filter((b) => /^[✓✗] /.test(b.text));
    expect(lines).toHaveLength(31);
    expect(lines.filter((b) => b.text.startsWith('✓')).every((b) => b.weight === 'Bolder' && !b.color)).toBe(true);
    expect(lines.filter((b) => b.text.startsWith('✗')).every((b) => b.isSubtle === true && !b.color && !b.weight)).toBe(true);
    expect(lines.filter((b) => b.weight === 'Bolder').map((b) => b.text)).toEqual(['✓ Consulter', '✓ Modifier', '✓ Consulter', '✓ Modifier', '✓ Soumettre']);
    expect(JSON.stringify(card)).toContain('Relevés bancaires');
  });

  it('describes a role of a product without a permission list in words', async () => {
    const events: FlowEvent[] = [...atRoles.slice(0, 4), { type: 'PICK_PRODUCT', product: 'client-management' }, { type: 'SHOW_ROLE', roleId: 'client-management.basic' }];
    const { prompt } = await promptAt(events);
    expect(prompt.body.map((b) => (b.kind === 'text' ? b.text : ''))).toContain('Handles compliance and client subscriptions, and can view clients.');
  });
});

describe('long lists', () => {
  it('draw more than six choices as compact tappable rows', async () => {
    const { prompt } = await promptAt(toBase);
    expect(prompt.choices.length).toBeGreaterThan(6);
    const card = toAdaptiveCard(prompt, STAMP) as Json;
    const rows = all(card, 'Container').filter((c) => c.selectAction);
    expect(rows.map((r) => r.selectAction.data.event)).toEqual(prompt.choices.map((c) => c.event));
    expect(rows[0].selectAction.data.event).toEqual({ type: 'PICK_BASE', roleId: null });
  });

  it('keep short lists as one button per row', async () => {
    const { prompt } = await promptAt([{ type: 'START', mode: 'add' }, T('dupont')]);
    const card = toAdaptiveCard(prompt, STAMP) as Json;
    expect(all(card, 'Container').filter((c) => c.selectAction)).toEqual([]);
    expect(all(card, 'ActionSet').filter((s) => s.actions.length === 1).length).toBeGreaterThanOrEqual(2);
  });
});

describe('permission switches', () => {
  let prompt: Prompt;
  beforeAll(async () => {
    ({ prompt } = await promptAt([...toBase, { type: 'PICK_BASE', roleId: 'autoentry.documents-basic' }]));
  });

  it('are one Input.Toggle per permission, on for the copied role’s', () => {
    const toggles = all(toAdaptiveCard(prompt, STAMP), 'Input.Toggle');
    expect(toggles).toHaveLength(31);
    expect(toggles.every((t) => t.id.startsWith('perm:') && t.valueOn === 'true' && t.valueOff === 'false')).toBe(true);
    expect(toggles.filter((t) => t.value === 'true').map((t) => t.id)).toEqual(
      ['perm:purchases.view', 'perm:purchases.edit', 'perm:sales.view', 'perm:sales.edit', 'perm:expenses.submit'],
    );
  });

  it('come back from Teams as the list of those switched on', () => {
    const submit = all(toAdaptiveCard(prompt, STAMP), 'Action.Submit').find((a) => a.data.toggleSet);
    expect(submit!.data).toEqual({ ...STAMP, event: { type: 'SET_PERMISSIONS' }, toggleSet: true });
    const sent = { ...submit!.data, 'perm:files.move': 'true', 'perm:purchases.view': 'true', 'perm:sales.view': 'false' };
    const read = interpretCard(sent, { seq: 3, step: 'x', person: 'aad-1' }, prompt);
    expect(read).toEqual({ kind: 'events', events: [{ type: 'SET_PERMISSIONS', permissions: ['purchases.view', 'files.move'] }] });
  });

  it('are numbered in plain text in the order the text interpreter reads them', () => {
    const { text } = toPlainText(prompt);
    expect(text).toContain('  4. ✓ View');
    expect(text).toContain('  25. · Move');
    expect(text).toContain('"done"');
    expect(interpretText('25', 'role.builder.permissions', prompt, null)).toEqual({
      kind: 'events', events: [{ type: 'TOGGLE_PERMISSION', permission: 'files.move' }],
    });
  });
});

describe('text inputs', () => {
  it('are an Input.Text named text, with the length limit, read back by the card interpreter', async () => {
    const { prompt } = await promptAt([...atRoles, { type: 'CREATE_ROLE' }]);
    const card = toAdaptiveCard(prompt, STAMP) as Json;
    const [input] = all(card, 'Input.Text');
    expect(input).toMatchObject({ id: 'text', maxLength: 50 });
    const submit = all(card, 'Action.Submit').find((a) => a.data.textInput)!;
    const read = interpretCard({ ...submit.data, text: ' Achats seulement ' }, { seq: 3, step: 'x', person: 'aad-1' }, prompt);
    expect(read).toEqual({ kind: 'events', events: [{ type: 'TEXT', text: 'Achats seulement' }] });
  });
});

describe('outcomeCard', () => {
  it('is a small valid card without buttons', () => {
    const card = outcomeCard('Entreprise', ['Entreprise : Dupont Frères ✓']) as Json;
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(all(card, 'Action.Submit')).toEqual([]);
    expect(JSON.stringify(card)).toContain('Dupont Frères ✓');
  });
});

describe('long labels', () => {
  const pick = (label: string, extra: Partial<Choice> = {}): Choice => ({ label, event: { type: 'PICK_PERSON', colleagueId: label }, ...extra });
  const long = 'Quelqu’un qui travaille chez Boulangerie Dupont SARL';
  const tappableRows = (card: unknown) => all(card, 'Container').concat(all(card, 'Column')).filter((c) => c.selectAction);

  it.each(['en', 'fr'])('are drawn as wrapped text in a tappable row, never as a clipped button (%s)', async (lang) => {
    const { prompt } = await promptAt([{ type: 'START', mode: 'add' }, T('Boulangerie Dupont SARL')], lang);
    const staff = prompt.choices.at(-1)!;
    expect([...staff.label].length).toBeGreaterThan(BUTTON_TITLE_MAX);
    const card = toAdaptiveCard(prompt, STAMP) as Json;
    expect(buttonTitles(card)).not.toContain(staff.label);
    const row = tappableRows(card).find((r) => r.selectAction.title === staff.label)!;
    expect(row.selectAction.data.event).toEqual(staff.event);
    expect(all(row, 'TextBlock')[0]).toMatchObject({ text: staff.label, wrap: true });
    expect(cardProblems(card)).toEqual([]);
  });

  it('keep a list of short labels as buttons, and draw the whole list as rows when one is long', () => {
    const short = toAdaptiveCard({ title: 'Who?', body: [], choices: [pick('Camille Leroy'), pick('Thomas Petit')], actions: [] }, STAMP);
    expect(tappableRows(short)).toEqual([]);
    const mixed = toAdaptiveCard({ title: 'Who?', body: [], choices: [pick('Camille Leroy'), pick(long)], actions: [] }, STAMP);
    expect(tappableRows(mixed).map((r) => r.selectAction.title)).toEqual(['Camille Leroy', long]);
    expect(buttonTitles(mixed)).toEqual([]);
  });

  it('beside Show role, draw a long role name as tappable text and keep Show role a button', () => {
    const aside = { label: 'Show role', name: 'Show role r', event: { type: 'SHOW_ROLE', roleId: 'r' } } as const;
    const card = toAdaptiveCard({ title: 'Which role?', body: [], choices: [pick('Documents basic', { aside }), pick(long, { aside })], actions: [] }, STAMP);
    expect(buttonTitles(card)).toEqual(['Documents basic', 'Show role', 'Show role']);
    expect(tappableRows(card).map((c) => [c.type, c.selectAction.title])).toEqual([['Column', long]]);
    expect(cardProblems(card)).toEqual([]);
  });

  it('in secondary actions, take a row of their own, in order, between sets of buttons', () => {
    const actions = [pick('Back'), pick('Cancel'), pick(long), pick('Start over')];
    const card = toAdaptiveCard({ title: 'What now?', body: [], choices: [], actions }, STAMP) as Json;
    const rows = card.body.slice(1);
    expect(rows.map((r: Json) => r.type)).toEqual(['ActionSet', 'Container', 'ActionSet']);
    expect(rows[0]).toMatchObject({ separator: true });
    expect(buttonTitles(card)).toEqual(['Back', 'Cancel', 'Start over']);
    expect(rows[1].selectAction.title).toBe(long);
  });
});

describe('colours, read against Teams’ light theme', () => {
  it('are measured as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The green Teams drew "Added" and "Allowed" in, as reported.
    expect(contrast(TEAMS_LIGHT.foregrounds.good.default, TEAMS_LIGHT.backgrounds.default)).toBeCloseTo(2.1, 1);
  });

  it('give every tone, subtle text, tappable row, fact and switch at least 4.5:1', () => {
    const tones: Tone[] = ['default', 'good', 'warning', 'attention'];
    const many = Array.from({ length: 8 }, (_, i) => ({ label: `Company ${i}`, detail: 'a detail', event: { type: 'PICK_COMPANY', companyId: `c${i}` } }) as Choice);
    const prompt: Prompt = {
      title: 'Every look',
      body: [
        ...tones.map((tone) => ({ kind: 'text' as const, text: `A ${tone} line`, tone })),
        { kind: 'text', text: 'A subtle line', subtle: true },
        { kind: 'facts', facts: [{ title: 'Company', value: 'Dupont Frères' }] },
        { kind: 'groups', groups: [{ title: 'Purchases', items: [{ label: 'View', allowed: true, status: 'Allowed' }, { label: 'Edit', allowed: false, status: 'Not allowed' }] }] },
      ],
      choices: many,
      actions: [],
      toggles: { eventType: 'SET_PERMISSIONS', submitLabel: 'Done', groups: [{ title: 'Sales', items: [{ value: 'sales.view', label: 'View', on: true }] }] },
    };
    const card = toAdaptiveCard(prompt, STAMP);
    const looks = textLooks(card);
    expect(new Set(looks.map((l) => `${l.color}/${l.subtle}/${l.background}`))).toEqual(
      new Set(['default/false/default', 'attention/false/default', 'default/true/default', 'accent/false/emphasis', 'default/true/emphasis']),
    );
    for (const look of looks) expect(contrastOf(look), JSON.stringify(look)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    const line = (text: string) => all(card, 'TextBlock').find((b) => b.text === text)!;
    expect(line('A good line')).toMatchObject({ weight: 'Bolder' });
    expect(line('A warning line')).toMatchObject({ weight: 'Bolder' });
    expect(line('A good line').color).toBeUndefined();
  });

  it('of an answered step’s card are readable too', () => {
    for (const look of textLooks(outcomeCard('Entreprise', ['Entreprise : Dupont Frères ✓']))) {
      expect(contrastOf(look)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });
});
