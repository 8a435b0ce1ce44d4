// Rule 1: only the Business Owner or an Administrator may change access. Sophie Bernard (Standard)
// is told so politely, however she asks, and nothing changes.
import { describe, expect, it } from 'vitest';
import { TO_SUMMARY, createHarness, play, type Transcript } from '../support/conversationHarness.ts';

const SOPHIE = 'demo-standard';

const CASES: Array<{ language: string; locale: string; transcript: Transcript }> = [
  {
    language: 'English',
    locale: 'en-GB',
    transcript: [
      // Told at once, with nothing offered that she would be refused.
      ['hello', ['Hello Sophie', "Sorry, only your practice's Business Owner or an Administrator in Client Management"]],
      [
        'add a user',
        [
          'Only administrators can change access',
          "Sorry, only your practice's Business Owner or an Administrator in Client Management can add, edit or remove colleagues' access. Please ask one of them to make the change.",
        ],
      ],
      ['boulangerie dupont', 'Only administrators can change access'],
      ['edit a user', 'Only administrators can change access'],
      ['remove access', 'Only administrators can change access'],
      ['help', ["Your Client Management role doesn't let you change other people's access."]],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    transcript: [
      ['ajouter un utilisateur', ['Seuls les administrateurs peuvent modifier les accès', 'Désolé, seuls le propriétaire du cabinet ou un administrateur']],
      ['Boulangerie Dupont', 'Seuls les administrateurs peuvent modifier les accès'],
      ["retirer l'accès", 'Seuls les administrateurs peuvent modifier les accès'],
    ],
  },
];

describe.each(CASES)('a Standard colleague in $language', ({ locale, transcript }) => {
  it('is refused politely, with no button that could change anything, and nothing changes', async () => {
    const h = await createHarness({ locale, from: SOPHIE });
    const before = h.practice();

    await play(h, transcript);

    expect(h.buttons()).toEqual([]);
    const after = h.practice();
    expect(after.grants).toEqual(before.grants);
    expect(after.customRoles).toEqual(before.customRoles);
    expect(after.colleagues).toEqual(before.colleagues);
    expect(after.invitations).toEqual(before.invitations);
    // The attempts leave a trace, as refusals by Sophie; nothing was done.
    expect(after.audit.length).toBeGreaterThan(0);
    expect(after.audit.every((e) => e.outcome === 'refused' && e.reason === 'not-allowed' && e.actorId === SOPHIE)).toBe(true);
  });
});

describe('a card shown to the Business Owner, clicked by Sophie in the same chat', () => {
  it('is left alone: Sophie is told it was someone else’s, and the owner’s change is not made', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ...TO_SUMMARY,
      [{ click: 'Add', from: SOPHIE }, "That card was shown to someone else, so I've left it alone."],
    ]);
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toBeUndefined();
    expect(h.repository.audit('demo')).toEqual([]);
    // The owner's own flow is where she left it.
    await play(h, [[{ clickOld: 1, title: 'Add' }, 'Added: Documents standard on AutoEntry for Camille Leroy']]);
  });
});
