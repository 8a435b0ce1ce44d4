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

// A colleague who may not manage access (rule 1) is told what the assistant does for them and whom to ask.
describe.each([
  { from: 'demo-standard', locale: 'en-GB', greeting: 'Hello Sophie', ask: 'To get access to a client company, or a different role, ask Claire Martin, Julien Moreau, and Amélie Fontaine.' },
  { from: 'demo-basic', locale: 'fr-CA', greeting: 'Bonjour Camille', ask: "Pour obtenir l'accès à une entreprise cliente, ou un autre rôle, adressez-vous à Claire Martin, Julien Moreau et Amélie Fontaine." },
])('the bot added to a chat with a colleague who may not manage access ($locale)', ({ from, locale, greeting, ask }) => {
  it(`says "${greeting}", what it does for them and whom to ask, with nothing to click`, async () => {
    const h = await createHarness({ locale, from });
    const replies = await h.addBot();
    expect(replies).toHaveLength(1);
    expect(h.lastCardText()).toContain(greeting);
    expect(h.lastCardText()).toContain(ask);
    expect(h.buttons()).toEqual([]);
  });
});

describe('added again to the same chat', () => {
  it('says hello once per conversation', async () => {
    const h = await createHarness();
    expect(await h.addBot()).toHaveLength(1);
    expect(await h.addBot()).toEqual([]);
    expect(await h.send({ type: 'installationUpdate', action: 'add' })).toEqual([]);
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
