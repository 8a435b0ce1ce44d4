// Issue 19, item 7: "Pending invitations" lists who is invited and not yet in (by whom, when, the access
// waiting for them); each can be marked to be sent again or cancelled, which removes that access, all audited.
import { describe, expect, it } from 'vitest';
import { createHarness, play, type Harness } from '../support/conversationHarness.ts';

const MARC = 'marc.durand@cabinet-martin.fr';

const invitationOf = (h: Harness, email: string) => h.practice().invitations.find((i) => i.email === email)!;
const auditOf = (h: Harness, action: string) => h.practice().audit.filter((entry) => entry.action === action);

describe('pending invitations', () => {
  it('lists Lucas and a new invitation, resends one and cancels it, removing his access (English)', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await play(h, [
      [`give ${MARC} Files basic at Garage Leroy`, 'Ready to add?'],
      [{ click: 'Add' }, 'Done'],
      ['pending invitations', [
        'Pending invitations',
        '2 invitations are waiting to be accepted.',
        'Resend to lucas.girard@cabinet-martin.fr',
        'Lucas Girard · invited by Julien Moreau on 20 Sept 2025 · Pâtisserie Lefèvre: Client Management: Basic, AutoEntry: Documents basic',
        `Resend to ${MARC}`,
        'Garage Leroy & Fils: AutoEntry: Files basic, Client Management: Basic',
      ]],
    ]);
    const marc = invitationOf(h, MARC);
    expect(h.repository.grantsOfColleague('demo', marc.colleagueId).length).toBeGreaterThan(0);

    await play(h, [
      [{ click: `Resend to ${MARC}` }, ['Marked to be sent again', 'the practice\'s suite will send the invitation', 'marked to be sent again on']],
    ]);
    expect(invitationOf(h, MARC)).toMatchObject({ status: 'pending', resendCount: 1 });
    expect(auditOf(h, 'invitation-resent')).toEqual([
      expect.objectContaining({ actorId: 'demo-admin', colleagueId: marc.colleagueId, outcome: 'done', after: expect.objectContaining({ email: MARC, resendCount: 1 }) }),
    ]);

    await play(h, [
      [{ click: 'Cancel invitation', beside: `Resend to ${MARC}` }, [`Cancel the invitation of ${MARC}?`, 'Their access is removed too: Garage Leroy & Fils']],
      [{ click: 'Cancel invitation' }, ['Invitation cancelled', '1 invitation is waiting', 'Resend to lucas.girard@cabinet-martin.fr']],
    ]);
    expect(h.lastText()).not.toContain(`Resend to ${MARC}`);
    expect(invitationOf(h, MARC).status).toBe('cancelled');
    expect(h.repository.grantsOfColleague('demo', marc.colleagueId)).toEqual([]);
    expect(auditOf(h, 'invitation-cancelled')).toEqual([
      expect.objectContaining({ actorId: 'demo-admin', colleagueId: marc.colleagueId, outcome: 'done', after: expect.objectContaining({ status: 'cancelled' }) }),
    ]);
    const removed = auditOf(h, 'grant-removed').filter((entry) => entry.colleagueId === marc.colleagueId);
    expect(removed.map((entry) => entry.product).sort()).toEqual(['autoentry', 'client-management']);
    // Lucas is untouched, and the history tells what happened.
    expect(invitationOf(h, 'lucas.girard@cabinet-martin.fr')).toMatchObject({ status: 'pending' });
    await play(h, [['history', [`Julien Moreau cancelled the invitation of ${MARC}`, `Julien Moreau marked the invitation of ${MARC} to be sent again`]]]);
  });

  it('does the same in French, confirming the cancel by typing', async () => {
    const h = await createHarness({ locale: 'fr-FR', from: 'demo-admin' });
    await play(h, [
      [`donne à ${MARC} Fichiers de base chez Garage Leroy`, 'Ajouter'],
      [{ click: 'Ajouter' }, "C'est fait"],
      ['invitations en attente', [
        'Invitations en attente',
        '2 invitations attendent d\'être acceptées.',
        'Renvoyer à lucas.girard@cabinet-martin.fr',
        'Lucas Girard · invité par Julien Moreau le',
        `Renvoyer à ${MARC}`,
        'Garage Leroy & Fils : AutoEntry : Fichiers de base',
      ]],
      [{ click: 'Renvoyer à lucas.girard@cabinet-martin.fr' }, 'Marquée à renvoyer'],
      [{ click: 'Annuler l\'invitation', beside: `Renvoyer à ${MARC}` }, [`Annuler l'invitation de ${MARC} ?`, 'Ses accès sont supprimés aussi']],
      ['oui', ['Invitation annulée', '1 invitation attend d\'être acceptée.']],
      ['qui est invité ?', 'Renvoyer à lucas.girard@cabinet-martin.fr'],
    ]);
    expect(invitationOf(h, 'lucas.girard@cabinet-martin.fr')).toMatchObject({ status: 'pending', resendCount: 1 });
    const marc = invitationOf(h, MARC);
    expect(marc.status).toBe('cancelled');
    expect(h.repository.grantsOfColleague('demo', marc.colleagueId)).toEqual([]);
    expect(auditOf(h, 'invitation-cancelled')).toHaveLength(1);
    expect(auditOf(h, 'invitation-resent')).toHaveLength(1);
  });

  it('invites someone again when they are given access after their invitation was cancelled', async () => {
    const h = await createHarness({ locale: 'en-GB', from: 'demo-admin' });
    await play(h, [
      [`give ${MARC} Files basic at Garage Leroy`, 'Ready to add?'],
      [{ click: 'Add' }, 'Done'],
      ['pending invitations', `Resend to ${MARC}`],
      [{ click: 'Cancel invitation', beside: `Resend to ${MARC}` }, `Cancel the invitation of ${MARC}?`],
      [{ click: 'Cancel invitation' }, 'Invitation cancelled'],
      [`give ${MARC} Files basic at Garage Leroy`, 'Ready to add?'],
      [{ click: 'Add' }, 'Done'],
      ['pending invitations', ['2 invitations are waiting to be accepted.', `Resend to ${MARC}`]],
    ]);
    const theirs = h.practice().invitations.filter((i) => i.email === MARC);
    expect(theirs.map((i) => i.status)).toEqual(['cancelled', 'pending']);
    expect(auditOf(h, 'invitation-created').filter((e) => e.colleagueId === theirs[0].colleagueId)).toHaveLength(2);
    // One colleague throughout: the same person, invited twice.
    expect(new Set(theirs.map((i) => i.colleagueId)).size).toBe(1);
  });

  it("never cancels the Business Owner's own invitation (rule 2): not offered, a forged click refused, in both languages", async () => {
    // A practice registered by the operator: its Business Owner is invited until she first writes.
    const seed = JSON.parse(JSON.stringify((await import('../../data/demo.json', { with: { type: 'json' } })).default));
    const demo = seed.practices.find((p: { id: string }) => p.id === 'demo');
    const owner = demo.colleagues.find((c: { id: string }) => c.id === 'demo-owner');
    Object.assign(owner, { status: 'invited' });
    delete owner.aadObjectId;
    demo.invitations.push({ id: 'inv-owner', email: owner.email, colleagueId: 'demo-owner', invitedBy: 'operator', createdAt: '2025-09-01T09:00:00.000Z', status: 'pending' });
    for (const [locale, sentence, cancel, refusal] of [
      ['en-GB', 'pending invitations', 'Cancel invitation', "That button wasn't one I offered"],
      ['fr-FR', 'invitations en attente', "Annuler l'invitation", 'Ce bouton ne faisait pas partie de mes propositions'],
    ] as const) {
      const h = await createHarness({ locale, from: 'demo-admin', seed });
      await play(h, [[sentence, owner.email]]);
      const cancels = h.buttons().filter((b) => b === cancel);
      expect(cancels).toHaveLength(1); // Lucas's only
      const data = h.buttonData(cancel);
      await h.send({ type: 'message', value: { ...data, event: { ...data.event, invitationId: 'inv-owner' } } });
      expect(h.lastText()).toContain(refusal);
      expect(h.practice().invitations.find((i) => i.id === 'inv-owner')!.status).toBe('pending');
      expect(h.practice().grants.filter((g) => g.colleagueId === 'demo-owner').length).toBeGreaterThan(0);
      // And the store refuses it too, audited, should anything ask it (a role changed between showing and clicking).
      const refused = await h.repository.cancelInvitation({ practiceId: 'demo', actorId: 'demo-admin', invitationId: 'inv-owner' });
      expect(refused).toEqual({ status: 'refused', reason: 'protected-owner' });
      expect(h.practice().audit.at(-1)).toMatchObject({ action: 'invitation-cancelled', outcome: 'refused', reason: 'protected-owner' });
      expect(h.practice().invitations.find((i) => i.id === 'inv-owner')!.status).toBe('pending');
    }
  });

  it('refuses a Standard colleague, and changes nothing', async () => {
    for (const [locale, sentence, refusal] of [['en-GB', 'pending invitations', 'Business Owner'], ['fr-FR', 'invitations en attente', 'propriétaire']] as const) {
      const h = await createHarness({ locale, from: 'demo-standard' });
      await play(h, [[sentence, refusal]]);
      expect(h.lastText()).not.toContain('lucas.girard@cabinet-martin.fr');
      expect(h.buttons().join(' ')).not.toMatch(/Resend|Renvoyer|Cancel invitation|Annuler l'invitation/);
      expect(invitationOf(h, 'lucas.girard@cabinet-martin.fr').resendCount).toBeUndefined();
    }
  });
});
