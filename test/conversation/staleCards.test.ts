// Cards stay in the chat after their step is answered. A click on one of them (or a second click on
// Add) must not act: it is refused politely and the current step is shown again.
import { describe, expect, it } from 'vitest';
import { createHarness, nodesOf, play, type Harness, type Transcript } from '../support/conversationHarness.ts';

const BAKERY = 'co-boulangerie-dupont';
const CAMILLE = 'demo-basic';

const TO_LANGUAGE: Record<'en' | 'fr', Transcript> = {
  en: [
    ['add a user', 'Which client company?'],
    ['boulangerie dupont', 'Who should have access'],
    ['camille', 'Which product?'],
    [{ click: 'AutoEntry' }, 'Which role?'],
    [{ click: 'Documents standard' }, 'Preferred language'],
  ],
  fr: [
    ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
    ['boulangerie dupont', 'Qui doit avoir accès'],
    ['camille', 'Quel produit ?'],
    [{ click: 'AutoEntry' }, 'Quel rôle ?'],
    [{ click: 'Documents standard' }, 'Langue préférée'],
  ],
};

/** The stamp every button of a card carries. */
const stampOf = (h: Harness) => {
  const { v, seq, step, for: person } = h.buttonData(/^(Cancel|Annuler)$/);
  return { v, seq, step, for: person };
};

describe.each([
  { language: 'English', locale: 'en-GB', lang: 'en' as const, stale: 'That card is from an earlier step; here is where we are now.', title: 'Preferred language', french: 'Français (France)' },
  { language: 'French', locale: 'fr-FR', lang: 'fr' as const, stale: "Cette carte date d'une étape précédente ; voici où nous en sommes.", title: 'Langue préférée', french: 'Français (France)' },
])('a click on a card from two steps ago, in $language', ({ locale, lang, stale, title, french }) => {
  it('is refused politely, the current step is shown again, and the flow carries on from there', async () => {
    const h = await createHarness({ locale });
    await play(h, TO_LANGUAGE[lang]);
    const stamp = stampOf(h);
    const languageCard = h.lastCard();

    // The product card, two cards back: "AutoEntry" again.
    await play(h, [[{ clickOld: 2, title: 'AutoEntry' }, [stale, title, french]]]);
    expect(stampOf(h)).toEqual(stamp); // the flow did not move
    expect(h.buttons()).toEqual(
      nodesOf(languageCard, 'Action.Submit').map((a) => a.title),
    );
    expect(h.practice().audit).toEqual([]);

    // The role card (two back now the language card came again), clicked for another role: refused too.
    await play(h, [[{ clickOld: 2, title: /^(Files admin|Administrateur des fichiers)$/ }, stale]]);
    await play(h, [[{ click: french }, /Documents standard (on|dans) AutoEntry/]]);
  });
});

describe('a double click on Add', () => {
  async function atSummary(h: Harness) {
    await play(h, [
      ...TO_LANGUAGE.en,
      [{ click: 'Français (France)' }, 'Ready to add?'],
      // One effect only (no Client Management Basic), so one audit entry is expected.
      [{ click: "Don't add Client Management Basic" }, "Client Management Basic won't be added"],
    ]);
  }

  function expectAddedOnce(h: Harness) {
    expect(h.practice().grants.filter((g) => g.companyId === BAKERY && g.colleagueId === CAMILLE)).toEqual([
      expect.objectContaining({ product: 'autoentry', roleId: 'autoentry.documents-standard', version: 1 }),
    ]);
    expect(h.practice().audit).toEqual([
      expect.objectContaining({ action: 'grant-added', colleagueId: CAMILLE, product: 'autoentry', outcome: 'done' }),
    ]);
  }

  it('one after the other: the second click is on a card already answered, and changes nothing', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await atSummary(h);
    await play(h, [
      [{ click: 'Add' }, 'Added: Documents standard on AutoEntry for Camille Leroy at Boulangerie Dupont SARL.'],
      [{ clickOld: 1, title: 'Add' }, ['That card is from an earlier step; here is where we are now.', 'Done']],
    ]);
    expectAddedOnce(h);
  });

  it('both at once: one is done, the other is told the card is from an earlier step', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await atSummary(h);
    const replies = await h.clickAtOnce('Add');
    const said = replies.map((r) => r.text ?? '');
    expect(replies).toHaveLength(2);
    expect(said).toEqual(['Done', 'Done']);
    expect(h.lastText().match(/That card is from an earlier step/g)).toHaveLength(1);
    expectAddedOnce(h);
  });

  it('on Save: the grant is changed once, its version bumped once', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ["modifier l'utilisateur", 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Sophie Bernard'],
      [{ click: 'Sophie Bernard' }, 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Fichiers de base' }, 'Langue préférée'],
      [{ click: 'Français (France)' }, 'Prêt à enregistrer ?'],
    ]);
    await h.clickAtOnce('Enregistrer', 3);
    expect(h.repository.grantOf('demo', BAKERY, 'demo-standard', 'autoentry')).toMatchObject({ roleId: 'autoentry.files-basic', version: 2 });
    expect(h.practice().audit.map((e) => `${e.action} ${e.outcome}`)).toEqual(['grant-changed done']);
  });
});

// An answer is read against the card as it was shown. Here another administrator adds a custom role
// while the list is on screen: the number typed still means the line the person read.
describe('a step whose choices changed since it was shown', () => {
  it('takes a typed number as the line shown on the card, not the line it would be now', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, TO_LANGUAGE.en.slice(0, 4));
    const shown = h.buttons().filter((title) => title !== 'Show role');
    const create = shown.indexOf('Create a custom role') + 1;
    expect(create).toBeGreaterThan(1);

    // Added by someone else meanwhile: drawn now, it would take the line "Create a custom role" had.
    await h.repository.createRole({ practiceId: 'demo', actorId: 'demo-admin', product: 'autoentry', name: 'Month-end helpers', permissions: h.repository.productPermissions('autoentry').slice(0, 2) });

    await h.say(String(create));
    expect(h.lastCardText()).toContain('What should the new AutoEntry role be called?');
    expect(h.practice().grants.filter((g) => g.companyId === BAKERY && g.colleagueId === CAMILLE)).toEqual([]);
  });
});
