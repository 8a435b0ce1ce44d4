// Issue 18, item 7: the remove button says what it removes, French names a role before its product
// ("le rôle De base de Gestion des clients", "d'AutoEntry"), and an invitee is named by their whole e-mail.
import { describe, expect, it } from 'vitest';
import { createHarness, play } from '../support/conversationHarness.ts';

describe('the button that removes access', () => {
  it.each([
    { locale: 'fr-FR', start: "retirer l'accès", button: "Retirer l'accès", vague: 'Supprimer', done: "Retiré : Sophie Bernard n'a plus accès à AutoEntry chez Dupont Frères." },
    { locale: 'en-GB', start: 'remove access', button: 'Remove access', vague: 'Remove', done: 'Removed: Sophie Bernard no longer has AutoEntry access at Dupont Frères.' },
  ])('says "$button" on the summary ($locale)', async ({ locale, start, button, vague, done }) => {
    const h = await createHarness({ locale });
    await play(h, [
      [start, /.+/],
      ['dupont freres', /.+/],
      [{ click: 'Sophie Bernard' }, /.+/],
      [{ click: 'AutoEntry' }, /.+/],
    ]);
    expect(h.buttons()).toContain(button);
    expect(h.buttons()).not.toContain(vague);
    await play(h, [[{ click: button }, done]]);
  });
});

describe('a role and its product, in French', () => {
  it('names the role first, then "de" or "d\'" and the product', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès'],
      ['Camille', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, "Choisissez le rôle d'AutoEntry à donner à Camille Leroy pour Boulangerie Dupont SARL."],
      [{ click: 'Documents standard' }, 'Langue préférée'],
      [
        { click: 'Français (France)' },
        [
          "Cette personne n'a aucun rôle dans Gestion des clients sur cette entreprise, donc AutoEntry lui resterait invisible : le rôle De base de Gestion des clients sera ajouté aussi.",
          'Ne pas ajouter le rôle De base de Gestion des clients',
        ],
      ],
      [{ click: 'Ne pas ajouter le rôle De base de Gestion des clients' }, ['Le rôle De base de Gestion des clients ne sera pas ajouté', 'Ajouter aussi le rôle De base de Gestion des clients']],
    ]);
    expect(h.lastText()).not.toMatch(/Gestion des clients De base|rôle AutoEntry/);
  });

  it('says "de" before a consonant: the Futrli role, and a new custom role', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['dupont freres', 'Qui doit avoir accès'],
      ['Camille', 'Quel produit ?'],
      [{ click: 'Futrli' }, 'Choisissez le rôle de Futrli à donner à Camille Leroy pour Dupont Frères.'],
      [{ click: 'Retour' }, 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Créer un rôle personnalisé' }, "Comment s'appellera le nouveau rôle d'AutoEntry ? 50 caractères au plus, et un nom différent des autres rôles d'AutoEntry."],
    ]);
  });

  it('keeps the natural English order', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access'],
      ['camille', 'Which product?'],
      [{ click: 'AutoEntry' }, "Pick Camille Leroy's AutoEntry role for Boulangerie Dupont SARL."],
      [{ click: 'Documents standard' }, 'Preferred language'],
      [{ click: 'Français (France)' }, ['Client Management Basic will be added too.', "Don't add Client Management Basic"]],
    ]);
  });
});

describe('someone invited by e-mail', () => {
  const MARC = 'marc.durand@cabinet-martin.fr';
  /** "marc.durand" not followed by the rest of the address. */
  const LOCAL_PART_ALONE = /marc\.durand(?!@cabinet-martin\.fr)/;

  it('is named by the whole address everywhere, in French, once the invitation is stored', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    const said: string[] = [];
    const step = async (...transcript: Parameters<typeof play>[1]) => {
      for (const line of transcript) {
        await play(h, [line]);
        said.push(h.lastText());
      }
    };
    await step(
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès'],
      [MARC, 'Inviter une nouvelle personne ?'],
      [{ click: "L'inviter" }, 'Quel produit ?'],
      [{ click: 'AutoEntry' }, `Choisissez le rôle d'AutoEntry à donner à ${MARC} pour Boulangerie Dupont SARL.`],
      [{ click: 'Documents standard' }, 'Langue préférée'],
      [{ click: 'Français (France)' }, `${MARC} (nouveau : une invitation sera envoyée)`],
      [{ click: 'Ajouter' }, `Ajouté : Documents standard dans AutoEntry pour ${MARC} chez Boulangerie Dupont SARL.`],
    );
    expect(h.practice().colleagues.find((c) => c.email === MARC)?.status).toBe('invited');

    // A later request reads the stored invitee back: the list, the person picker, the summary and the done message.
    await step(
      [{ click: 'Une autre entreprise' }, 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Que souhaitez-vous faire pour Boulangerie Dupont SARL ?'],
      [{ click: 'Qui a accès' }, `${MARC} (invitation en attente)`],
      [{ click: "Modifier l'utilisateur" }, `${MARC} (invitation en attente)`],
      [{ click: `${MARC} (invitation en attente)` }, `Quel produit modifier pour ${MARC} chez Boulangerie Dupont SARL ?`],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Documents de base' }, 'Langue préférée'],
      [{ click: 'Français (France)' }, [`Utilisateur: ${MARC}`, `${MARC} verra la modification à sa prochaine connexion.`]],
      [{ click: 'Enregistrer' }, `Enregistré : ${MARC} a désormais le rôle Documents de base dans AutoEntry chez Boulangerie Dupont SARL`],
    );
    for (const text of said) expect(text).not.toMatch(LOCAL_PART_ALONE);
  });

  it('is named by the whole address in the English list of who has access', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      [`give ${MARC} Documents standard on AutoEntry at Boulangerie Dupont`, 'Ready to add?'],
      [{ click: 'Add' }, 'Done'],
      [{ click: 'Another company' }, 'Which client company?'],
      ['boulangerie dupont', 'What would you like to do for Boulangerie Dupont SARL?'],
      [{ click: 'Who has access' }, `${MARC} (invited)`],
    ]);
    expect(h.lastText()).not.toMatch(LOCAL_PART_ALONE);
  });

  it('keeps the real name of an invitee who has one', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['patisserie lefevre', 'Que souhaitez-vous faire pour Pâtisserie Lefèvre ?'],
      [{ click: 'Qui a accès' }, 'Lucas Girard (invitation en attente)'],
    ]);
  });
});
