// Say it in one sentence (issue 18): a typed request fills the flow at once, in English and French, and the
// assistant asks only for what is missing or ambiguous; nothing changes without the confirmation card.
import { describe, expect, it } from 'vitest';
import { createHarness as harness, play, plainSpaces } from '../support/conversationHarness.ts';

/** A harness whose say and click answer with what the assistant said (plain spaces). */
async function createHarness(options: Parameters<typeof harness>[0]) {
  const h = await harness(options);
  const { say, click } = h;
  const text = () => ({ text: plainSpaces(h.lastText()) });
  return {
    ...h,
    say: async (words: string) => (await say(words), text()),
    click: async (title: string) => (await click(title), text()),
  };
}

describe('one sentence fills the flow', () => {
  it('adds a new person in two turns: the sentence, then Add (English)', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const summary = await h.say('give marc.durand@cabinet-martin.fr Documents standard on AutoEntry at Boulangerie Dupont');
    expect(summary.text).toContain('Ready to add?');
    expect(summary.text).toContain('English (United Kingdom)');
    const done = await h.click('Add');
    expect(done.text).toContain('Added: Documents standard on AutoEntry for marc.durand@cabinet-martin.fr at Boulangerie Dupont SARL.');
    const invited = h.practice().colleagues.find((c) => c.email === 'marc.durand@cabinet-martin.fr')!;
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', invited.id, 'autoentry')).toMatchObject({ roleId: 'autoentry.documents-standard', language: 'en-GB' });
  });

  it('adds a new person in two turns (French), the language of the conversation as theirs', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    const summary = await h.say('donne à marc.durand@cabinet-martin.fr le rôle Documents standard sur Boulangerie Dupont');
    expect(summary.text).toContain('Français (France)');
    await h.click('Ajouter');
    const invited = h.practice().colleagues.find((c) => c.email === 'marc.durand@cabinet-martin.fr')!;
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', invited.id, 'autoentry')).toMatchObject({ roleId: 'autoentry.documents-standard', language: 'fr-FR' });
  });

  it("gives a colleague a role in one sentence, with the language stored for them, typos and padding forgiven", async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const summary = await h.say('could you please give sophie bernard documnets basic at hotel des voyageurs');
    expect(summary.text).toContain('Ready to add?');
    expect(summary.text).toContain('Français (France)');
    await h.click('Add');
    expect(h.repository.grantOf('demo', 'co-hotel-voyageurs', 'demo-standard', 'autoentry')).toMatchObject({ roleId: 'autoentry.documents-basic', language: 'fr-FR' });
  });

  it("changes a colleague's role in one sentence, and removes access in another (French)", async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    const before = h.repository.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry');
    expect(before).toBeDefined();
    const summary = await h.say('change le rôle de Camille au Garage Leroy en Administrateur des fichiers');
    expect(summary.text).toContain('Administrateur des fichiers');
    await h.click('Enregistrer');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.files-admin');

    const removal = await h.say("retire l'accès AutoEntry de Camille chez Garage Leroy");
    expect(removal.text).toMatch(/Retirer|retirer/);
  });

  it('asks only about the company when "Dupont" could be two, and keeps the rest', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const question = await h.say('give Sophie Documents basic at Dupont');
    expect(question.text).toContain('Boulangerie Dupont SARL');
    expect(question.text).toContain('Dupont Frères');
    // Sophie holds an AutoEntry role at Dupont Frères already: giving her another is a change of it.
    const summary = await h.click('Dupont Frères');
    expect(summary.text).toContain('Ready to save?');
    expect(summary.text).toContain('Documents basic');
  });

  it('answers "who has access" with the list, once the company is known (not the action menu)', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const list = await h.say('who has access to Dupont Frères');
    expect(list.text).toContain('Who has access to Dupont Frères');
    const asked = await h.say('who has access');
    expect(asked.text).toContain('Which client company?');
    const then = await h.say('Dupont Frères');
    expect(then.text).toContain('Who has access to Dupont Frères');
  });

  it('starts a new request typed mid-flow, saying the unfinished one was left', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h as never, [
      ['add a user', 'Which client company?'],
      ['Dupont Frères', 'Who should have access'],
    ]);
    const list = await h.say('who has access to Garage Leroy');
    expect(list.text).toContain('Who has access to Garage Leroy & Fils');
    expect(list.text).toContain("I've left what we were doing unfinished (nothing was changed)");
  });

  it('understands a typed language name, says which numbers are valid, and says what it cannot do', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h as never, [
      ['add a user', 'Which client company?'],
      ['Dupont Frères', 'Who should have access'],
      ['Camille', 'Which product?'],
    ]);
    expect((await h.say('7')).text).toContain('from 1 to');
    await play(h as never, [
      ['AutoEntry', 'Which role?'],
      ['Files basic', 'Preferred language'],
      ['French', 'Ready to add?'],
    ]);
    const cannot = await h.say("reset Sophie's password");
    expect(cannot.text).toContain("I can't do that yet");
  });
});
