// The assistant as Teams sees it: @mentions, group chats where each person has their own flow,
// universal actions answered in place, and cards answered by the wrong person.
import { describe, expect, it } from 'vitest';
import { cardsIn, nodesOf } from '../support/conversationHarness.ts';
import { PEOPLE, createTeamsDriver, executeButton, invokeCard, textOf } from '../support/teamsDriver.ts';

const GROUP = '19:practice-chat@thread.v2';

describe('in Microsoft Teams', () => {
  it('removes the @mention of the assistant from a group-chat message before reading it', async () => {
    const teams = await createTeamsDriver();
    const replies = await teams.say(PEOPLE.admin, GROUP, 'add a user', { mention: true });
    expect(textOf(replies)).toContain('Which client company?');
  });

  it('draws cards with universal actions (Action.Execute), never Action.Submit', async () => {
    const teams = await createTeamsDriver();
    const [reply] = await teams.say(PEOPLE.admin, 'a:personal-julien', 'add a user');
    const [card] = cardsIn(reply);
    expect(nodesOf(card, 'Action.Execute').length).toBeGreaterThan(0);
    expect(nodesOf(card, 'Action.Submit')).toEqual([]);
  });

  it('answers a click in place: the card becomes what was chosen, the next step is a new message', async () => {
    const teams = await createTeamsDriver();
    await teams.say(PEOPLE.admin, 'a:personal-julien', 'add a user');
    const matches = await teams.say(PEOPLE.admin, 'a:personal-julien', 'dupon');
    const replies = await teams.execute(PEOPLE.admin, 'a:personal-julien', executeButton(matches, 'Dupont Frères'));

    const response = replies.find((r) => r.type === 'invokeResponse')!;
    expect((response.value as { status: number }).status).toBe(200);
    const replaced = invokeCard(response)!;
    expect(JSON.stringify(replaced)).toContain('✓ Dupont Frères');
    expect(nodesOf(replaced, 'Action.Execute')).toEqual([]); // no live buttons left behind
    const next = replies.filter((r) => r.type === 'message');
    expect(textOf(next)).toContain('Who should have access to Dupont Frères?');
  });

  it('gives each person in a group chat their own flow', async () => {
    const teams = await createTeamsDriver();
    await teams.say(PEOPLE.admin, GROUP, 'add a user', { mention: true });
    await teams.say(PEOPLE.owner, GROUP, 'remove access', { mention: true });
    const julien = await teams.say(PEOPLE.admin, GROUP, 'Dupont Frères', { mention: true });
    const claire = await teams.say(PEOPLE.owner, GROUP, 'Café de l’Étoile', { mention: true });

    expect(textOf(julien)).toContain('Who should have access to Dupont Frères?');
    expect(textOf(claire)).toMatch(/Café de l'Étoile/);
    expect(textOf(claire)).not.toContain('Dupont Frères');
  });

  it('refuses, for that person only, a card answered by someone it was not shown to', async () => {
    const teams = await createTeamsDriver();
    await teams.say(PEOPLE.admin, GROUP, 'add a user', { mention: true });
    const matches = await teams.say(PEOPLE.admin, GROUP, 'dupon', { mention: true });
    const forJulien = executeButton(matches, 'Dupont Frères');

    const replies = await teams.execute(PEOPLE.owner, GROUP, forJulien);
    const response = replies.find((r) => r.type === 'invokeResponse')!;
    const body = (response.value as { body: { type: string; value: string } }).body;
    expect(body.type).toBe('application/vnd.microsoft.activity.message'); // the card is left as it was
    expect(body.value).toContain('shown to someone else');
    expect(replies.filter((r) => r.type === 'message')).toEqual([]);

    // Julien's flow did not move: his own click still works.
    const his = await teams.execute(PEOPLE.admin, GROUP, forJulien);
    expect(JSON.stringify(invokeCard(his.find((r) => r.type === 'invokeResponse')!))).toContain('✓ Dupont Frères');
  });

  it('refuses a click on a card of an earlier step, and shows where the flow is now', async () => {
    const teams = await createTeamsDriver();
    await teams.say(PEOPLE.admin, 'a:personal-julien', 'add a user');
    const matches = await teams.say(PEOPLE.admin, 'a:personal-julien', 'dupon');
    await teams.execute(PEOPLE.admin, 'a:personal-julien', executeButton(matches, 'Dupont Frères'));
    const again = await teams.execute(PEOPLE.admin, 'a:personal-julien', executeButton(matches, 'Boulangerie Dupont SARL'));

    const body = (again.find((r) => r.type === 'invokeResponse')!.value as { body: { value: string } }).body;
    expect(body.value).toContain('earlier step');
    expect(textOf(again.filter((r) => r.type === 'message'))).toContain('Who should have access to Dupont Frères?');
  });
});
