// The help page's note: the client's own people get their access inside AutoEntry itself. Asked for
// in words, by e-mail on the client's domain, or with the button, the assistant says so and grants nothing.
import { describe, expect, it } from 'vitest';
import { createHarness, play, type Transcript } from '../support/conversationHarness.ts';

const CASES: Array<{ name: string; locale: string; transcript: Transcript }> = [
  {
    name: 'asked for in words, in English',
    locale: 'en-GB',
    transcript: [
      [
        "Give the client's bookkeeper access",
        [
          "The client's own staff",
          "People who work at your client companies get their access inside AutoEntry itself, from each company's AutoEntry settings, not here.",
          'I can only give access to colleagues from your practice.',
        ],
      ],
    ],
  },
  {
    name: 'asked for in words, in French',
    locale: 'fr-FR',
    transcript: [
      [
        'Donner accès au comptable du client',
        [
          'Le personnel du client',
          'Les personnes qui travaillent chez vos clients obtiennent leur accès dans AutoEntry même',
          "Ici, je ne peux donner accès qu'aux collègues de votre cabinet.",
        ],
      ],
    ],
  },
  {
    name: 'an e-mail on the client’s domain, in English',
    locale: 'en-GB',
    transcript: [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access to Boulangerie Dupont SARL?'],
      [
        'Compta@Boulangerie-Dupont.fr',
        [
          "The client's own staff",
          'compta@boulangerie-dupont.fr looks like an address at Boulangerie Dupont SARL.',
          "People who work at Boulangerie Dupont SARL get their access inside AutoEntry itself, from the company's AutoEntry settings, not here.",
        ],
      ],
    ],
  },
  {
    name: 'an e-mail on the client’s domain, in French',
    locale: 'fr-FR',
    transcript: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['dupont frères', 'Qui doit avoir accès à Dupont Frères ?'],
      [
        'marie.dupont@dupont-freres.fr',
        [
          'Le personnel du client',
          "marie.dupont@dupont-freres.fr semble être une adresse de l'entreprise Dupont Frères.",
          'Les personnes qui travaillent chez Dupont Frères obtiennent leur accès dans AutoEntry même',
        ],
      ],
    ],
  },
  {
    name: 'the button on the person step',
    locale: 'en-GB',
    transcript: [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Someone who works at Boulangerie Dupont SARL'],
      [{ click: 'Someone who works at Boulangerie Dupont SARL' }, 'People who work at Boulangerie Dupont SARL get their access inside AutoEntry itself'],
    ],
  },
];

describe.each(CASES)('the client’s own staff: $name', ({ locale, transcript }) => {
  it('gets the AutoEntry note, and nothing is granted, invited or stored', async () => {
    const h = await createHarness({ locale });
    const before = h.practice();
    const fileBefore = await h.storeOnDisk();

    await play(h, transcript);

    const after = h.practice();
    expect(after.grants).toEqual(before.grants);
    expect(after.colleagues).toEqual(before.colleagues);
    expect(after.invitations).toEqual(before.invitations);
    expect(after.audit).toEqual([]);
    expect(await h.storeOnDisk()).toEqual(fileBefore);
    // No way to go on and grant from here: the note offers only going back, cancelling or starting again.
    expect(h.buttons().some((title) => /^(Add|Ajouter|Invite them|L'inviter)$/.test(title))).toBe(false);
  });
});

describe('after the note', () => {
  it('going back returns to the person step for a colleague instead', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['compta@boulangerie-dupont.fr', "The client's own staff"],
      [{ click: 'Back' }, 'Who should have access to Boulangerie Dupont SARL?'],
      ['camille', 'Which product?'],
    ]);
  });
});
