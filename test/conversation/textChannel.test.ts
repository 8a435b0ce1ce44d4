// A channel without Adaptive Cards (SMS): the same step as text, choices numbered, with suggested
// actions; the whole scenario done by typing.
import { describe, expect, it } from 'vitest';
import { createHarness, nodesOf, play, type Transcript } from '../support/conversationHarness.ts';

const CASES: Array<{ language: string; locale: string; transcript: Transcript }> = [
  {
    language: 'English',
    locale: 'en-GB',
    transcript: [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access to Boulangerie Dupont SARL?'],
      ['camille', ['Which product?', '1. Client Management\n2. AutoEntry', 'Pick a product from the list, or type its number.']],
      ['2', ['Which role?', '3. Documents standard', '9. Saisie achats (Custom role)', 'type "show role" and its name']],
      ['show role documents standard', ['What Documents standard allows in AutoEntry:', 'Bank statements\n  ✓ Upload', '  ✗ Publish', '1. Use this role']],
      ['yes', ['Preferred language', '4. Français (France)', '5. Français (Canada) (Their usual language)']],
      ['4', ['Ready to add?', 'Role — Documents standard', 'Preferred language — Français (France)', '1. Add']],
      ['1', ['Done', 'Added: Documents standard on AutoEntry for Camille Leroy at Boulangerie Dupont SARL.', 'It takes effect the next time Camille signs in.']],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    transcript: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès à Boulangerie Dupont SARL ?'],
      ['camille', ['Quel produit ?', '1. Gestion des clients\n2. AutoEntry']],
      ['2', ['Quel rôle ?', '3. Documents standard']],
      ['afficher le rôle documents standard', ['Relevés bancaires\n  ✓ Importer', '1. Choisir ce rôle']],
      ['oui', ['Langue préférée', '4. Français (France)']],
      ['Français (France)', ['Prêt à ajouter ?', 'Rôle — Documents standard', '1. Ajouter']],
      ['oui', ["C'est fait", 'Ajouté : Documents standard dans AutoEntry pour Camille Leroy chez Boulangerie Dupont SARL.']],
    ],
  },
];

describe.each(CASES)('over SMS, in $language', ({ locale, transcript }) => {
  it('every step is text with suggested actions, no card, and the flow completes by typing', async () => {
    const h = await createHarness({ locale, channelId: 'sms' });
    await play(h, transcript);
    const sent = h.sent();
    expect(sent.every((a) => (a.attachments ?? []).length === 0)).toBe(true);
    expect(sent.every((a) => typeof a.text === 'string' && a.text.length > 0)).toBe(true);
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toMatchObject({
      roleId: 'autoentry.documents-standard', language: 'fr-FR',
    });
  });
});

describe('the same step on both kinds of channel', () => {
  it('offers the same choices, in the same order, as suggested actions that send their number', async () => {
    const steps: Transcript = [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['camille', 'Which product?'],
      ['autoentry', 'Which role?'],
    ];
    const sms = await createHarness({ channelId: 'sms' });
    const cards = await createHarness({ channelId: 'test' });
    await play(sms, steps);
    await play(cards, steps);

    const [reply] = sms.lastTurn();
    const suggested = reply.suggestedActions!.actions.map((a) => ({ title: a.title, value: a.value }));
    // On the card: each role's button (Show role aside), then Create a custom role, then Back and Cancel.
    const onCard = nodesOf(cards.lastCard(), 'Action.Submit').map((a) => a.title).filter((t) => t !== 'Show role');
    expect(suggested.map((a) => a.title)).toEqual(onCard);
    expect(suggested.slice(0, 3)).toEqual([
      { title: 'Administrator', value: '1' },
      { title: 'Standard Administrator', value: '2' },
      { title: 'Documents standard', value: '3' },
    ]);
    expect(suggested.slice(-2)).toEqual([{ title: 'Back', value: 'Back' }, { title: 'Cancel', value: 'Cancel' }]);
    expect(reply.text!.split('\n')[0]).toBe(cards.lastTurn()[0].text); // the same title
  });
});
