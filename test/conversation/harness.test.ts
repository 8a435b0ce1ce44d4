// The harness itself: it must refuse a card the Adaptive Cards SDK rejects (or one above schema 1.5),
// and find buttons wherever the cards put them.
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { cardProblems, createHarness, findButton } from '../support/conversationHarness.ts';

const card = (body: any[], version = '1.5') => ({ type: 'AdaptiveCard', version, body });

describe('card checks', () => {
  it.each([
    ['a version above 1.5', card([{ type: 'TextBlock', text: 'hi' }], '1.6'), /version 1.6/],
    ['an element unknown to 1.5', card([{ type: 'Bogus' }]), /Unknown element type "Bogus"/],
    ['two inputs with one id', card([{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }]), /Duplicate Id/],
    ['a colour that does not exist', card([{ type: 'TextBlock', text: 'x', color: 'Purple' }]), /Invalid value "Purple"/],
  ])('flag %s', (_, json, problem) => {
    expect(cardProblems(json).join('\n')).toMatch(problem);
  });

  it('fail the turn when the bot sends such a card', async () => {
    const h = await createHarness();
    h.bot.run = async (context: TurnContext) => {
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card([{ type: 'Bogus' }]))));
    };
    await expect(h.say('hello')).rejects.toThrow(/the bot sent a card the Adaptive Cards SDK rejects/);
  });
});

describe('finding a button', () => {
  const submit = (title: string) => ({ type: 'Action.Submit', title, data: { title } });
  const json = card([
    { type: 'ActionSet', actions: [submit('Plain')] },
    { type: 'Container', selectAction: submit('Row'), items: [{ type: 'TextBlock', text: 'Row' }] },
    ...['One', 'Two'].map((name) => ({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', items: [{ type: 'ActionSet', actions: [submit(name)] }] },
        { type: 'Column', items: [{ type: 'ActionSet', actions: [submit('Show role')] }] },
      ],
    })),
  ]);

  it('in action sets, tappable rows and columns', () => {
    expect(findButton(json, 'Plain').data.title).toBe('Plain');
    expect(findButton(json, 'Row').data.title).toBe('Row');
    expect(findButton(json, 'Two').data.title).toBe('Two');
  });

  it('refuses a title that names several buttons, unless told which row', () => {
    expect(() => findButton(json, 'Show role')).toThrow(/names 2 buttons/);
    expect(findButton(json, 'Show role', 'Two')).toBe(json.body[3].columns[1].items[0].actions[0]);
    expect(() => findButton(json, 'Missing')).toThrow(/no button "Missing"/);
  });
});
