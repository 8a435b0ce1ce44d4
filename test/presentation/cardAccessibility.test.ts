// The cards as Teams receives them, read as a screen reader and a reader of Teams' light theme would. The
// add-user flow is walked in Teams (Action.Execute, each click answered with a card that replaces the
// clicked one), in English and French, through the choices with the most buttons (company results, an
// invitation, the role list and Show role), then the lists that put the same action beside every row (a
// colleague's access, pending invitations). Every card the bot sent is checked: its title is a heading, no
// two of its actions share a name, and every text's colour reaches 4.5:1 on Teams' light backgrounds.
// (steps.test.ts checks the same of every step of the flow, drawn directly.)
import { describe, expect, it } from 'vitest';
import { createHarness, nodesOf, play, type Transcript } from '../support/conversationHarness.ts';
import { actionNames, contrastOf, sharedActionNames, TEXT_CONTRAST, textLooks } from './teamsLook.ts';

type Json = Record<string, any>;

const WALKS: Array<{ language: string; locale: string; transcript: Transcript; showRole: string }> = [
  {
    language: 'English',
    locale: 'en-GB',
    showRole: 'Show role Documents standard',
    transcript: [
      ['add a user', 'Which client company?'],
      ['dupont', ['Boulangerie Dupont SARL', 'Dupont Frères']],
      [{ click: 'Dupont Frères' }, 'Who should have access to Dupont Frères?'],
      ['marie.noel@example.com', 'Invite someone new?'],
      [{ click: 'Invite them' }, 'Which product?'],
      [{ click: 'AutoEntry' }, 'Which role?'],
      [{ click: 'Show role', beside: 'Documents standard' }, 'What Documents standard allows in AutoEntry:'],
      [{ click: 'Use this role' }, 'Preferred language'],
      [{ click: 'Français (France)' }, 'Ready to add?'],
      [{ click: 'Add' }, 'Done'],
      ['what access does Claire have?', 'What access Claire Martin has'],
      ['pending invitations', ['Pending invitations', 'marie.noel@example.com']],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    showRole: 'Afficher le rôle Documents standard',
    transcript: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['dupont', ['Boulangerie Dupont SARL', 'Dupont Frères']],
      [{ click: 'Dupont Frères' }, 'Qui doit avoir accès à Dupont Frères ?'],
      ['marie.noel@example.com', 'Inviter une nouvelle personne ?'],
      [{ click: "L'inviter" }, 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Afficher le rôle', beside: 'Documents standard' }, 'Ce que le rôle Documents standard permet dans AutoEntry :'],
      [{ click: 'Choisir ce rôle' }, 'Langue préférée'],
      [{ click: 'Français (France)' }, 'Prêt à ajouter ?'],
      [{ click: 'Ajouter' }, "C'est fait"],
      ['quels accès a Claire ?', 'Les accès de Claire Martin'],
      ['invitations en attente', ['Invitations en attente', 'marie.noel@example.com']],
    ],
  },
];

/** The steps a card stands for, read from the stamp its buttons carry. */
const stepsOf = (cards: Json[]): Set<string> =>
  new Set(cards.flatMap((card) => nodesOf(card, 'Action.Execute').map((action) => String(action.data?.step))));

describe.each(WALKS)('the cards Teams receives in the add-user flow, in $language', ({ locale, transcript, showRole }) => {
  it('each have their title as a heading, actions named apart, and text readable in the light theme', async () => {
    const h = await createHarness({ locale, channelId: 'msteams' });
    await play(h, transcript);

    const received = h.receivedCards();
    const sent = received.filter((c) => c.via === 'message').map((c) => c.card);
    // Every click was answered in place, and every step a person meets on the way sent its card.
    expect(received.filter((c) => c.via === 'invoke')).toHaveLength(transcript.filter(([act]) => typeof act !== 'string').length);
    expect([...stepsOf(sent)]).toEqual(expect.arrayContaining([
      'company.search', 'company.choose', 'person.search', 'person.invite', 'product', 'role.choose', 'role.preview',
      'language', 'confirm', 'done', 'view.personAccess', 'view.invitations',
    ]));

    for (const { card } of received) {
      const title = (card.body as Json[])[0]!;
      expect(title, JSON.stringify(card)).toMatchObject({ type: 'TextBlock', style: 'heading' });
      expect(actionNames(card).every((name) => name.trim() !== ''), JSON.stringify(card)).toBe(true);
      expect(sharedActionNames(card)).toEqual([]);
      const looks = textLooks(card);
      expect(looks.length).toBeGreaterThan(0);
      for (const look of looks) expect(contrastOf(look), JSON.stringify(look)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }

    // The rows that repeat one action: each says which row it acts on.
    const roles = sent.find((card) => stepsOf([card]).has('role.choose'))!;
    expect(actionNames(roles)).toContain(showRole);
    // The card that replaces the role list once clicked says which role was shown.
    expect(received.filter((c) => c.via === 'invoke').some(({ card }) => JSON.stringify(card).includes(`✓ ${showRole}`))).toBe(true);
    const access = sent.find((card) => stepsOf([card]).has('view.personAccess'))!;
    const removes = nodesOf(access, 'Action.Execute').filter((action) => action.tooltip);
    expect(removes.length).toBeGreaterThan(5);
    expect(removes.every((action) => action.tooltip.startsWith(action.title) && action.tooltip.includes('Claire Martin'))).toBe(true);
    const invitations = sent.find((card) => stepsOf([card]).has('view.invitations'))!;
    expect(nodesOf(invitations, 'Action.Execute').filter((action) => action.tooltip?.includes('marie.noel@example.com'))).toHaveLength(1);
  });
});
