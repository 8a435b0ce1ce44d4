import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import { withoutInvisibles } from '../text/visibleText.ts';
import { escapeMarkdown } from './escapeMarkdown.ts';
import { toggleInputId, type Block, type Choice, type Prompt, type TextInput, type ToggleSet, type Tone } from './prompt.ts';

// Draws a Prompt as an Adaptive Card. Teams renders schema 1.5 at most, so only 1.5 elements are used.
// Teams lays buttons of one ActionSet side by side and hides what does not fit on mobile, so lists
// are drawn one row per choice, and secondary actions in sets of three. Teams clips a long button
// title, so a choice whose label is longer than BUTTON_TITLE_MAX is drawn as a tappable row of
// wrapped text instead; the row's action keeps the whole label, which screen readers announce.
// Text blocks, facts and switch labels are Markdown, so their text is escaped here, whatever it holds;
// button titles are plain text. Both lose invisible characters (bidi controls…) a stored name may carry.

type Json = Record<string, unknown>;

export const CARD_VERSION = '1.5';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Beyond this many choices a list is drawn as compact tappable rows. */
const LONG_LIST = 6;
const ACTIONS_PER_ROW = 3;

/** Longest label drawn as a button title: past it Teams clips the title on a narrow card. */
export const BUTTON_TITLE_MAX = 30;

// Teams' light theme draws Good and Warning text at 2.1:1 and 1.5:1 on white (text needs 4.5:1): those tones are bold instead.
const TONE_LOOKS: Record<Tone, Json> = { default: {}, good: { weight: 'Bolder' }, warning: { weight: 'Bolder' }, attention: { color: 'Attention' } };

function card(body: Json[]): Json {
  // msteams.width: Teams' own extension, so role rows and permission lists are not squeezed.
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: CARD_VERSION, msteams: { width: 'Full' }, body };
}

/** Text drawn as Markdown, shown exactly as written. */
const markdown = (text: string): string => escapeMarkdown(withoutInvisibles(text));
const textBlock = (text: string, extra: Json = {}): Json => ({ type: 'TextBlock', text: markdown(text), wrap: true, ...extra });
const submit = (title: string, data: Json, style?: Choice['style'], tooltip?: string): Json => ({
  type: 'Action.Submit', title: withoutInvisibles(title), data, ...(style ? { style } : {}), ...(tooltip ? { tooltip: withoutInvisibles(tooltip) } : {}),
});
const actionSet = (...actions: Json[]): Json => ({ type: 'ActionSet', actions });

const eventData = (stamp: Json, event: FlowEvent): Json => ({ ...stamp, event });

function block(b: Block): Json {
  if (b.kind === 'text') return textBlock(b.text, { ...TONE_LOOKS[b.tone ?? 'default'], ...(b.subtle ? { isSubtle: true } : {}) });
  if (b.kind === 'facts') return { type: 'FactSet', facts: b.facts.map((f) => ({ title: markdown(f.title), value: markdown(f.value) })) };
  return {
    type: 'Container',
    items: b.groups.map((group) => ({
      type: 'Container',
      spacing: 'Medium',
      items: [
        textBlock(group.title, { weight: 'Bolder' }),
        ...group.items.map((item) => {
          const look = item.allowed ? TONE_LOOKS.good : { isSubtle: true };
          const mark = textBlock(`${item.allowed ? '✓' : '✗'} ${item.label}`, { spacing: 'None', ...look });
          if (!item.status) return mark;
          return {
            type: 'ColumnSet',
            spacing: 'None',
            columns: [
              { type: 'Column', width: 'stretch', items: [mark] },
              { type: 'Column', width: 'auto', items: [textBlock(item.status, { size: 'Small', spacing: 'None', ...look })] },
            ],
          };
        }),
      ],
    })),
  };
}

function detailBlock(choice: Choice): Json[] {
  return choice.detail ? [textBlock(choice.detail, { isSubtle: true, size: 'Small', spacing: 'None' })] : [];
}

/** The choice's button with its detail line under it. */
const button = (choice: Choice, stamp: Json): Json[] => [
  actionSet(submit(choice.label, eventData(stamp, choice.event), choice.style)),
  ...detailBlock(choice),
];
const column = (width: string, items: Json[]): Json => ({ type: 'Column', width, verticalContentAlignment: 'Center', items });

const fitsButton = (label: string): boolean => [...withoutInvisibles(label)].length <= BUTTON_TITLE_MAX;

/** A choice drawn as text that can be tapped: compact, wrapped, and the detail (an e-mail, a current role) stays readable. */
const tappable = (choice: Choice, stamp: Json): Json => ({
  style: 'emphasis',
  selectAction: submit(choice.label, eventData(stamp, choice.event)),
  items: [textBlock(choice.label, { color: 'Accent', weight: 'Bolder' }), ...detailBlock(choice)],
});

/**
 * A row with a second action beside it: the choice's button (or tappable text, when its label is long), then
 * e.g. *Show role*. Every row's second button looks alike; its tooltip, which Adaptive Cards hosts read out as
 * the button's name, says which row it acts on (*Show role Bookkeeper*).
 */
function rowWithAside(choice: Choice, stamp: Json): Json {
  const aside = choice.aside!;
  const second = actionSet(submit(aside.label, eventData(stamp, aside.event), undefined, aside.name));
  const main = fitsButton(choice.label)
    ? column('stretch', button(choice, stamp))
    : { ...column('stretch', []), ...tappable(choice, stamp) };
  return { type: 'ColumnSet', spacing: 'Small', columns: [main, column('auto', [second])] };
}

function buttonRow(choice: Choice, stamp: Json): Json {
  return { type: 'Container', spacing: 'Small', items: button(choice, stamp) };
}

/** One tappable row of a list drawn without buttons. */
const compactRow = (choice: Choice, stamp: Json): Json => ({ type: 'Container', spacing: 'Small', ...tappable(choice, stamp) });

/** A choice beside role rows: its button, or a tappable row when its label is long. */
const plainRow = (choice: Choice, stamp: Json): Json => (fitsButton(choice.label) ? buttonRow(choice, stamp) : compactRow(choice, stamp));

function choices(list: Choice[], stamp: Json): Json[] {
  if (list.some((c) => c.aside)) return list.map((c) => (c.aside ? rowWithAside(c, stamp) : plainRow(c, stamp)));
  // One long label draws the whole list as rows, so its choices look alike.
  if (list.length > LONG_LIST || !list.every((c) => fitsButton(c.label))) {
    return [{ type: 'Container', spacing: 'Medium', items: list.map((c) => compactRow(c, stamp)) }];
  }
  return list.map((c) => buttonRow(c, stamp));
}

function toggles(set: ToggleSet, stamp: Json): Json[] {
  const groups = set.groups.map((group) => ({
    type: 'Container',
    spacing: 'Medium',
    items: [
      textBlock(group.title, { weight: 'Bolder' }),
      ...group.items.map((item) => ({
        type: 'Input.Toggle',
        id: toggleInputId(set, item.value),
        // The Adaptive Cards renderer draws a switch's label as a text block.
        title: markdown(item.label),
        value: item.on ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
        wrap: true,
        spacing: 'None',
      })),
    ],
  }));
  const data = { ...stamp, event: set.then ?? { type: set.eventType }, toggleSet: true };
  return [...groups, actionSet(submit(set.submitLabel, data, 'positive'))];
}

function textInput(input: TextInput, stamp: Json): Json[] {
  return [
    { type: 'Input.Text', id: 'text', placeholder: input.placeholder, maxLength: input.maxLength },
    actionSet(submit(input.submitLabel, { ...stamp, event: { type: 'TEXT' }, textInput: true }, 'positive')),
  ];
}

/**
 * Secondary actions in sets of three buttons, in order; one with a long label is a tappable row of its own.
 * Those the switches ride with (`carried`) say so in their data, so the switches are read with the click.
 */
function secondary(actions: Choice[], stamp: Json, carried: ReadonlyArray<FlowEvent['type']> = []): Json[] {
  const rows: Json[] = [];
  let buttons: Choice[] = [];
  const stampOf = (action: Choice): Json => (carried.includes(action.event.type) ? { ...stamp, toggleSet: true } : stamp);
  const flush = () => {
    if (buttons.length) rows.push(actionSet(...buttons.map((a) => submit(a.label, eventData(stampOf(a), a.event)))));
    buttons = [];
  };
  for (const action of actions) {
    if (!fitsButton(action.label)) {
      flush();
      rows.push(compactRow(action, stampOf(action)));
    } else if (buttons.push(action) === ACTIONS_PER_ROW) flush();
  }
  flush();
  if (rows[0]) Object.assign(rows[0], { separator: true, spacing: 'Medium' });
  return rows;
}

/** The card for one step; `stamp` (step token, who it is for…) is merged into every button's data. */
export function toAdaptiveCard(prompt: Prompt, stamp: Record<string, unknown>): object {
  return card([
    textBlock(prompt.title, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    ...prompt.body.map(block),
    ...(prompt.input && !prompt.input.secondary ? textInput(prompt.input, stamp) : []),
    ...(prompt.toggles ? toggles(prompt.toggles, stamp) : []),
    ...choices(prompt.choices, stamp),
    ...(prompt.input?.secondary ? textInput(prompt.input, stamp) : []),
    ...secondary(prompt.actions, stamp, prompt.toggles?.carriedBy),
  ]);
}

/** A small card without buttons that replaces an answered step's card ("Company: Dupont Frères ✓"). */
export function outcomeCard(title: string, lines: string[]): object {
  return card([textBlock(title, { weight: 'Bolder', style: 'heading' }), ...lines.map((line) => textBlock(line, { spacing: 'Small' }))]);
}
