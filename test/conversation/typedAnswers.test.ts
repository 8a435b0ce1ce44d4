// Typing instead of clicking, on a card channel: numbers from a list, names as written (case and
// accents aside), "show <role>", yes/oui, and a language typed out.
import { describe, expect, it } from 'vitest';
import { createHarness, play, type Transcript } from '../support/conversationHarness.ts';

const CASES: Array<{ language: string; locale: string; transcript: Transcript; storedLanguage: string }> = [
  {
    language: 'English',
    locale: 'en-GB',
    storedLanguage: 'fr-FR',
    transcript: [
      ['add a user', 'Which client company?'],
      ['dupont', ['Which company do you mean?', 'Dupont Frères', 'Boulangerie Dupont SARL']],
      ['2', 'Who should have access to Boulangerie Dupont SARL?'],
      ['camille', 'Which product?'],
      ['2', 'Which role?'], // AutoEntry, second in the list
      ['documents standard', 'Preferred language'], // a role name typed
      ['Français (France)', ['Ready to add?', 'Preferred language: Français (France)']],
      ['yes', 'Added: Documents standard on AutoEntry for Camille Leroy at Boulangerie Dupont SARL.'],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    storedLanguage: 'fr-CA',
    transcript: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['dupont', ['De quelle entreprise s\'agit-il ?', 'Boulangerie Dupont SARL']],
      ['2', 'Qui doit avoir accès à Boulangerie Dupont SARL ?'],
      ['camille', 'Quel produit ?'],
      ['autoentry', 'Quel rôle ?'],
      ['afficher documents standard', ['Ce que le rôle Documents standard permet dans AutoEntry :', '✓ Importer']],
      ['oui', 'Langue préférée'],
      ['francais (canada)', ['Prêt à ajouter ?', 'Langue préférée: Français (Canada)']], // accents and case aside
      ['oui', 'Ajouté : Documents standard dans AutoEntry pour Camille Leroy chez Boulangerie Dupont SARL.'],
    ],
  },
];

describe.each(CASES)('typed answers in $language', ({ locale, transcript, storedLanguage }) => {
  it('complete the help page scenario without a click', async () => {
    const h = await createHarness({ locale });
    await play(h, transcript);
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toMatchObject({
      roleId: 'autoentry.documents-standard',
      language: storedLanguage,
    });
  });
});

describe('typed answers that do not fit', () => {
  it('a number beyond the list says which numbers are valid; words that mean nothing here are not understood; the step stays', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['camille', 'Which product?'],
      ['7', ['Please choose a number from 1 to 2.', 'Which product?']],
      ['purple monkey dishwasher', ["Sorry, I didn't understand that.", 'Which product?']],
      ['AutoEntry', 'Which role?'],
    ]);
  });

  it('a company nobody has is said so, and another name can be typed', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['zzzzqqq', "Je n'ai trouvé aucune entreprise correspondante."],
      ['Cafe de l etoile', "Qui doit avoir accès à Café de l'Étoile ?"],
    ]);
  });
});
