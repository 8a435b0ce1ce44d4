// Teams universal actions: a click on an Action.Execute button comes as an `adaptiveCard/action`
// invoke. It is always answered with status 200; a live click's answer is a card (what was chosen,
// replacing the clicked one) and the next step comes as a new message.
import { describe, expect, it } from 'vitest';
import { createHarness, invokeAnswer, nodesOf, play, type Harness } from '../support/conversationHarness.ts';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

function answerOf(h: Harness) {
  const responses = h.lastTurn().filter((a) => a.type === 'invokeResponse');
  expect(responses).toHaveLength(1);
  return invokeAnswer(responses[0])!;
}

describe.each([
  { language: 'English', locale: 'en-GB', add: 'Add a user', next: 'Who should have access to Boulangerie Dupont SARL?', confirm: 'Add', done: 'Added: Documents standard on AutoEntry for Camille Leroy' },
  { language: 'French', locale: 'fr-FR', add: 'Ajouter un utilisateur', next: 'Qui doit avoir accès à Boulangerie Dupont SARL ?', confirm: 'Ajouter', done: 'Ajouté : Documents standard dans AutoEntry pour Camille Leroy' },
])('an Action.Execute invoke in Teams, in $language', ({ locale, add, next, confirm, done }) => {
  it('is answered with 200 and a card, and the flow moves on', async () => {
    const h = await createHarness({ locale, channelId: 'msteams' });
    await h.say('boulangerie dupont');
    expect(nodesOf(h.lastCard(), 'Action.Execute').length).toBeGreaterThan(0);

    // The shape Teams sends: type invoke, name adaptiveCard/action, the button's data.
    await h.invoke(h.buttonData(add));
    const answer = answerOf(h);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(ADAPTIVE_CARD);
    expect(JSON.stringify(answer.card)).toContain(`✓ ${add}`);
    expect(nodesOf(answer.card, 'Action.Execute')).toEqual([]); // the answered card keeps no live button
    const messages = h.lastTurn().filter((a) => a.type === 'message');
    expect(messages).toHaveLength(1);
    expect(h.lastText()).toContain(next);

    // Every further click is an invoke too (the harness clicks Action.Execute as Teams does).
    await play(h, [
      ['camille', /AutoEntry/],
      [{ click: 'AutoEntry' }, /Documents standard/],
      [{ click: 'Documents standard' }, /Français \(France\)/],
      [{ click: 'Français (France)' }, new RegExp(confirm)],
      [{ click: confirm }, done],
    ]);
    expect(answerOf(h).status).toBe(200);
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.documents-standard');
  });
});

describe('an invoke that cannot act', () => {
  it('a click on a card of an earlier step: 200, a word to the clicker, and the current step again', async () => {
    const h = await createHarness({ locale: 'en-GB', channelId: 'msteams' });
    await h.say('boulangerie dupont');
    const old = h.buttonData('Edit a user');
    await h.invoke(h.buttonData('Add a user'));
    await h.invoke(old);
    const answer = answerOf(h);
    expect(answer.status).toBe(200);
    expect(answer.message).toBe('That card is from an earlier step; here is where we are now.');
    expect(h.lastText()).toContain('Who should have access to Boulangerie Dupont SARL?');
    expect(h.practice().audit).toEqual([]);
  });

  it('data no card offered: 200, the step card again with a note, and an audited refusal', async () => {
    const h = await createHarness({ locale: 'en-GB', channelId: 'msteams' });
    await h.say('boulangerie dupont');
    const forged = { ...h.buttonData('Add a user'), event: { type: 'CONFIRM' } };
    await h.invoke(forged);
    const answer = answerOf(h);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(ADAPTIVE_CARD);
    expect(JSON.stringify(answer.card)).toContain("That button wasn't one I offered, so I've ignored it. Nothing was changed.");
    expect(h.practice().audit).toEqual([expect.objectContaining({ outcome: 'refused', reason: 'forged-payload' })]);
    expect(h.practice().grants).toHaveLength(55);
  });

  it('an invoke from a channel drawing Action.Submit cards is answered the same way', async () => {
    const h = await createHarness({ locale: 'en-GB', channelId: 'test' });
    await h.say('boulangerie dupont');
    await h.invoke(h.buttonData('Add a user'));
    const answer = answerOf(h);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe(ADAPTIVE_CARD);
    expect(h.lastText()).toContain('Who should have access to Boulangerie Dupont SARL?');
  });
});
