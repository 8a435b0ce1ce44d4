import { withoutInvisibles } from '../text/visibleText.ts';
import type { Block, Choice, Prompt } from './prompt.ts';

// Draws a Prompt as a text message for channels without Adaptive Cards. Choices are numbered so
// a person can answer with the number or the name; permission switches are numbered in the same
// order the text interpreter reads them (groups flattened, catalogue order). The bot sends it as plain
// text (not Markdown), so nothing needs escaping; invisible characters go, line breaks in names become spaces.

export interface PlainTextReply {
  text: string;
  suggestedActions: Array<{ title: string; value: string }>;
}

function blockLines(block: Block): string[] {
  if (block.kind === 'text') return [block.text];
  // A dash, not a colon: French wants a space before a colon, and the facts carry no language.
  if (block.kind === 'facts') return block.facts.map((fact) => `${fact.title} — ${fact.value}`);
  return block.groups.flatMap((group) => [
    group.title,
    ...group.items.map((item) => `  ${item.allowed ? '✓' : '✗'} ${item.label}`),
  ]);
}

function choiceLine(choice: Choice, index: number): string {
  return `${index + 1}. ${choice.label}${choice.detail ? ` (${choice.detail})` : ''}`;
}

function toggleLines(prompt: Prompt): string[] {
  let n = 0;
  return (prompt.toggles?.groups ?? []).flatMap((group) => [
    group.title,
    ...group.items.map((item) => `  ${++n}. ${item.on ? '✓' : '·'} ${item.label}`),
  ]);
}

export function toPlainText(prompt: Prompt): PlainTextReply {
  const sections: string[][] = [[prompt.title], prompt.body.flatMap(blockLines)];
  if (prompt.toggles) sections.push(toggleLines(prompt));
  if (prompt.choices.length) sections.push(prompt.choices.map(choiceLine));
  const footer = [prompt.hint, prompt.actions.length ? `(${prompt.actions.map((a) => a.label).join(' · ')})` : undefined];
  sections.push(footer.filter((line): line is string => !!line));

  const suggestedActions = [
    ...prompt.choices.map((choice, i) => ({ title: choice.label, value: String(i + 1) })),
    // Typing the submit label ("Continue") or a secondary action's label is understood as such.
    ...(prompt.toggles ? [{ title: prompt.toggles.submitLabel, value: prompt.toggles.submitLabel }] : []),
    ...prompt.actions.map((action) => ({ title: action.label, value: action.label })),
  ].map(({ title, value }) => ({ title: withoutInvisibles(title), value: withoutInvisibles(value) }));
  const text = sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.map(withoutInvisibles).join('\n'))
    .join('\n\n');
  return { text, suggestedActions };
}
