// The words that work anywhere: back, cancel, start over and help — typed in English or French, or
// clicked — from the middle of a flow.
import { describe, expect, it } from 'vitest';
import { createHarness, play, type Transcript } from '../support/conversationHarness.ts';

interface Language {
  language: string;
  locale: string;
  toRole: Transcript;
  /** [what is typed, what the bot must say, what it must not say] */
  commands: Array<[string, string[], string[]?]>;
}

const LANGUAGES: Language[] = [
  {
    language: 'English',
    locale: 'en-GB',
    toRole: [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['camille', 'Which product?'],
      [{ click: 'AutoEntry' }, 'Which role?'],
    ],
    commands: [
      ['back', ['Which product?', 'Which product should Camille Leroy have a role in at Boulangerie Dupont SARL?']],
      ['Cancel', ['Cancelled. Nothing was changed.', 'Hello Claire', 'Add a user'], ['Which role?']],
      ['start over', ['Which client company?'], ['Camille']],
      [
        'help',
        [
          "I give your colleagues access to your clients' companies",
          'On this step: A role is a set of permissions. Show role lists what it allows',
          'At any point you can say "back", "cancel" or "start over", and "help" to see this again.',
          'Which role?',
        ],
      ],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    toRole: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès'],
      ['camille', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
    ],
    commands: [
      ['retour', ['Quel produit ?', 'Dans quel produit donner un rôle à Camille Leroy chez Boulangerie Dupont SARL ?']],
      ['Annuler', ["Annulé. Rien n'a été modifié.", 'Bonjour Claire', 'Ajouter un utilisateur'], ['Quel rôle ?']],
      ['recommencer', ['Quelle entreprise cliente ?'], ['Camille']],
      [
        'aide',
        [
          "Je donne à vos collègues l'accès aux entreprises de vos clients",
          "À cette étape : Un rôle est un ensemble d'autorisations.",
          'À tout moment, vous pouvez dire « retour », « annuler » ou « recommencer », et « aide » pour revoir ce message.',
          'Quel rôle ?',
        ],
      ],
    ],
  },
];

describe.each(LANGUAGES)('in $language, from the role step', ({ locale, toRole, commands }) => {
  it.each(commands)('"%s" does what it says', async (word, says, doesNotSay = []) => {
    const h = await createHarness({ locale });
    await play(h, toRole);
    await play(h, [[word, says]]);
    for (const absent of doesNotSay) expect(h.lastText()).not.toContain(absent);
    expect(h.practice().audit).toEqual([]);
  });
});

describe('going back step by step, and the buttons', () => {
  it('Back walks back one answer at a time, and forgets only that answer', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access to Boulangerie Dupont SARL?'],
      ['camille', 'Which product?'],
      [{ click: 'AutoEntry' }, 'Which role?'],
      [{ click: 'Documents standard' }, 'Preferred language'],
      [{ click: 'Back' }, 'Which role?'],
      [{ click: 'Back' }, 'Which product?'],
      [{ click: 'Back' }, 'Who should have access to Boulangerie Dupont SARL?'],
      // Forward again: the company was kept.
      ['camille', 'Which product should Camille Leroy have a role in at Boulangerie Dupont SARL?'],
    ]);
  });

  it('Annuler on the summary changes nothing, and there is then nothing to cancel', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès'],
      ['camille', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Documents standard' }, 'Langue préférée'],
      [{ click: 'Français (France)' }, 'Prêt à ajouter ?'],
      [{ click: 'Annuler' }, ["Annulé. Rien n'a été modifié.", 'Bonjour Claire']],
      ['annuler', "Il n'y a rien à annuler."],
    ]);
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toBeUndefined();
    expect(h.practice().audit).toEqual([]);
  });

  it('a French speaker typing the English words is understood, and answered in French', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès'],
      ['back', 'Que souhaitez-vous faire pour Boulangerie Dupont SARL ?'],
      ['cancel', "Annulé. Rien n'a été modifié."],
    ]);
  });

  it('Change role on the summary comes straight back to the summary once answered', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['camille', 'Which product?'],
      [{ click: 'AutoEntry' }, 'Which role?'],
      [{ click: 'Documents standard' }, 'Preferred language'],
      [{ click: 'Français (France)' }, 'Ready to add?'],
      [{ click: 'Change role' }, 'Which role?'],
      [{ click: 'Files basic' }, ['Ready to add?', 'Role: no access → Files basic on AutoEntry', 'Preferred language: Français (France)']],
    ]);
  });
});
