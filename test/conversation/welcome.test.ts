// When the assistant is added to a chat, it says hello to the colleague it knows, by first name, in
// their language, and offers what it can do.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/conversationHarness.ts';

describe.each([
  { who: 'the Business Owner', from: 'demo-owner', locale: 'en-GB', greeting: 'Hello Claire', offers: ['Add a user', 'Edit a user', 'Remove access', 'Who has access'] },
  { who: 'the Business Owner', from: 'demo-owner', locale: 'fr-FR', greeting: 'Bonjour Claire', offers: ['Ajouter un utilisateur', "Modifier l'utilisateur", "Retirer l'accès", 'Qui a accès'] },
  { who: 'an Administrator', from: 'demo-admin', locale: 'fr-CA', greeting: 'Bonjour Julien', offers: ['Ajouter un utilisateur', "Modifier l'utilisateur", "Retirer l'accès", 'Qui a accès'] },
  // Local mode: someone the practice does not know acts as the demo Business Owner.
  { who: 'an unknown sender in local mode', from: 'emulator-user', locale: 'en-US', greeting: 'Hello Claire', offers: ['Add a user', 'Edit a user', 'Remove access', 'Who has access'] },
])('the bot added to a chat with $who ($locale)', ({ from, locale, greeting, offers }) => {
  it(`says "${greeting}" and offers what it can do`, async () => {
    const h = await createHarness({ locale, from });
    const replies = await h.addBot();
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(greeting);
    expect(h.lastCardText()).toContain(greeting);
    expect(h.buttons()).toEqual(offers);
  });
});

describe('other members added', () => {
  it('are not greeted: only the bot joining is', async () => {
    const h = await createHarness();
    const replies = await h.send({ type: 'conversationUpdate', membersAdded: [{ id: 'demo-admin', name: 'Julien Moreau' }] });
    expect(replies).toEqual([]);
  });
});

describe('the welcome, then a click on it', () => {
  it('starts the flow it offers', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await h.addBot();
    await h.click('Ajouter un utilisateur');
    expect(h.lastText()).toContain('Quelle entreprise cliente ?');
  });
});
