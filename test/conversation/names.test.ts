// Names shown to other people: a company or colleague named like Markdown shows as written on cards
// (escaped) and in text (sent as plain text); bidi controls and zero-width characters are never shown,
// and a custom role typed with them is stored without them, or refused when nothing else is left.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/domain/schema.ts';
import { cardsIn, createHarness, findButton, nodesOf, play } from '../support/conversationHarness.ts';

type Json = Record<string, any>;

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
/** Bidi overrides and isolates, zero-width space and joiner, soft hyphen, BOM. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u00AD\uFEFF]/;

// As a hand-edited or imported store might hold them: Markdown, and a right-to-left override.
const COMPANY = '[verify](https://evil.example) **Garage** \u202Esli\u200Bf';
const PERSON = '1. _Camille_ \u202ELeroy\u2066';
// What each shows: the same, without the invisible characters; and that, escaped, on cards.
const COMPANY_SHOWN = '[verify](https://evil.example) **Garage** slif';
const PERSON_SHOWN = '1. _Camille_ Leroy';
const COMPANY_ON_CARD = '\\[verify\\](https://evil.example) \\*\\*Garage\\*\\* slif';
const PERSON_ON_CARD = '1\\. \\_Camille\\_ Leroy';

/** The demo practice with Garage Leroy & Fils and Camille Leroy renamed. */
function hostileStore(): StoreData {
  const data = structuredClone(DEMO);
  const practice = data.practices[0];
  practice.companies.find((c) => c.id === 'co-garage-leroy')!.name = COMPANY;
  practice.colleagues.find((c) => c.id === 'demo-basic')!.name = PERSON;
  return data;
}

/** CommonMark's reading of backslash escapes: what a Markdown renderer shows for the text. */
const shown = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('names from the store, on cards', () => {
  it('shows a company and a colleague named like Markdown as written, without their bidi characters', async () => {
    const h = await createHarness({ locale: 'en-GB', seed: hostileStore() });
    await play(h, [
      // A company's name typed straight away: what to do there.
      ['verify', 'What would you like to do for'],
    ]);
    const [heading] = nodesOf(h.lastCard(), 'TextBlock');
    expect(heading.text).toBe(`What would you like to do for ${COMPANY_ON_CARD}?`);
    expect(shown(heading.text)).toBe(`What would you like to do for ${COMPANY_SHOWN}?`);
    // Button titles are plain text: the name as written, unescaped.
    expect(findButton(h.lastCard(), `Someone who works at ${COMPANY_SHOWN}`)).toBeDefined();
    // The text beside the card is plain text too.
    const [message] = h.lastTurn();
    expect(message).toMatchObject({ text: `What would you like to do for ${COMPANY_SHOWN}?`, textFormat: 'plain' });

    await h.click('Who has access');
    const texts = nodesOf(h.lastCard(), 'TextBlock').map((b: Json) => b.text);
    expect(texts[0]).toBe(`Who has access to ${COMPANY_ON_CARD}`);
    const facts = nodesOf(h.lastCard(), 'FactSet').flatMap((set: Json) => set.facts);
    expect(facts).toContainEqual({ title: PERSON_ON_CARD, value: 'Client Management: Basic · AutoEntry: Files basic' });
    expect(shown(PERSON_ON_CARD)).toBe(PERSON_SHOWN);

    for (const card of h.allCards()) expect(JSON.stringify(card)).not.toMatch(INVISIBLE);
  });

  it('shows them in the person’s language too, the French sentence around them unescaped', async () => {
    const h = await createHarness({ locale: 'fr-FR', seed: hostileStore() });
    await play(h, [
      ['verify', 'Que souhaitez-vous faire pour'],
      [{ click: "Modifier l'utilisateur" }, 'Ces personnes ont accès à'],
    ]);
    expect(nodesOf(h.lastCard(), 'TextBlock').map((b: Json) => b.text)).toContain(`Ces personnes ont accès à ${COMPANY_ON_CARD}.`);
    // The colleague's button carries their name as written; choosing it names them on the next card.
    await play(h, [[{ click: PERSON_SHOWN }, 'Quel produit ?']]);
    expect(nodesOf(h.lastCard(), 'TextBlock').map((b: Json) => b.text))
      // Inside a sentence "1." starts no list, so only the emphasis is escaped.
      .toContain(`Quel produit modifier pour 1. \\_Camille\\_ Leroy chez ${COMPANY_ON_CARD}\u00A0?`);
    for (const card of h.allCards()) expect(JSON.stringify(card)).not.toMatch(INVISIBLE);
  });
});

describe('names from the store, as text', () => {
  it('sends them as written, as plain text, without their bidi characters', async () => {
    const h = await createHarness({ locale: 'en-GB', channelId: 'sms', seed: hostileStore() });
    await play(h, [
      ['verify', `What would you like to do for ${COMPANY_SHOWN}?`],
      ['who has access', [`Who has access to ${COMPANY_SHOWN}`, `${PERSON_SHOWN} — Client Management: Basic · AutoEntry: Files basic`]],
    ]);
    for (const activity of h.sent()) {
      expect(cardsIn(activity)).toEqual([]);
      expect(activity.textFormat).toBe('plain');
      expect(activity.text).not.toMatch(INVISIBLE);
      for (const action of activity.suggestedActions?.actions ?? []) expect(String(action.title)).not.toMatch(INVISIBLE);
    }
  });
});

describe('a custom role’s name typed with invisible characters', () => {
  const TO_NAME_EN = [
    ['add a user', 'Which client company?'],
    ['cafe etoile', "Who should have access to Café de l'Étoile?"],
    ['camille', 'Which product?'],
    [{ click: 'AutoEntry' }, 'Create a custom role'],
    [{ click: 'Create a custom role' }, 'What should the new AutoEntry role be called?'],
  ] as const;

  it('in English: refuses a name of only invisible characters, and stores one without them', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ...TO_NAME_EN.map(([act, says]) => [act, says] as [typeof act, string]),
      [{ click: 'Next', text: '\u202E\u200B\u2066\uFEFF' }, ["I couldn't read that: it was only invisible characters", 'What should the new AutoEntry role be called?']],
      // Rule 5's uniqueness sees through them.
      [{ click: 'Next', text: 'Saisie\u200B achats\u202C' }, "There's already a role with that name for this product."],
      [{ click: 'Next', text: '\u202EAchats\u200B  seulement\u2069' }, 'How should Achats seulement start?'],
      [{ click: 'Start blank' }, 'Permissions for Achats seulement'],
      [{ click: 'Continue', toggles: { 'purchases.view': true } }, 'Create Achats seulement?'],
      [{ click: 'Create role' }, 'Role created, and picked for this change.'],
    ]);
    const names = h.practice().customRoles.map((r) => r.name);
    expect(names).toContain('Achats seulement');
    expect(names.filter((name) => INVISIBLE.test(name))).toEqual([]);
    expect(h.repository.audit('demo').filter((e) => e.action === 'role-created')).toHaveLength(1);
  });

  it('in French, typed: refuses a name of only invisible characters, and stores one without them', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['cafe etoile', "Qui doit avoir accès à Café de l'Étoile ?"],
      ['camille', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Créer un rôle personnalisé'],
      [{ click: 'Créer un rôle personnalisé' }, "Comment s'appellera le nouveau rôle d'AutoEntry ?"],
      ['\u200F\u200D\u2060', ["Je n'ai pas pu lire ce message : il ne contenait que des caractères invisibles", "Comment s'appellera le nouveau rôle d'AutoEntry ?"]],
      ['\u2067Achats\u00AD fournisseurs\u200D', 'Point de départ du rôle Achats fournisseurs'],
      [{ click: 'Partir de zéro' }, 'Autorisations du rôle Achats fournisseurs'],
      [{ click: 'Continuer', toggles: { 'purchases.view': true } }, 'Créer le rôle Achats fournisseurs ?'],
      [{ click: 'Créer le rôle' }, 'Rôle créé, et choisi pour cette modification.'],
    ]);
    expect(h.practice().customRoles.map((r) => r.name)).toContain('Achats fournisseurs');
    expect(h.practice().customRoles.filter((r) => INVISIBLE.test(r.name))).toEqual([]);
  });
});

describe('an e-mail typed with invisible characters', () => {
  it('is read without them: the invitation goes to the address that shows', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['cafe etoile', "Who should have access to Café de l'Étoile?"],
      ['nadia\u200B.roux@cabinet-\u202Emartin.fr', ["nadia.roux@cabinet-martin.fr isn't in your practice yet. Invite them?"]],
    ]);
    expect(JSON.stringify(h.lastCard())).not.toMatch(INVISIBLE);
  });
});
