// Several at once and undo (issue 18): copy a colleague's access, one role at several companies, a leaver,
// and taking back one's own last change; one confirmation each, applied whole or not at all, audited
// entry by entry. Through the bot's door, in English and French.
import { describe, expect, it } from 'vitest';
import { createHarness, plainSpaces } from '../support/conversationHarness.ts';

type Harness = Awaited<ReturnType<typeof createHarness>>;

const said = async (h: Harness, text: string) => (await h.say(text), plainSpaces(h.lastText()));
const clicked = async (h: Harness, title: string | RegExp) => (await h.click(title), plainSpaces(h.lastText()));
const grants = (h: Harness, colleagueId: string) =>
  h.practice().grants.filter((g) => g.colleagueId === colleagueId).map((g) => `${g.companyId} ${g.roleId}`).sort();

describe('several changes at once', () => {
  it("copies Julien's access to Camille: the list of changes, one confirmation, each change audited", async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const auditBefore = h.practice().audit.length;
    const card = await said(h, 'give Camille the same access as Julien');
    expect(card).toContain('Ready to make these 11 changes?');
    expect(card).toContain('Add Administrator on AutoEntry for Camille Leroy at Boulangerie Dupont SARL');
    expect(card).toContain('Change Camille Leroy from Basic to Administrator on Client Management at Garage Leroy & Fils');
    const done = await clicked(h, 'Make 11 changes');
    expect(done).toContain('Done: 11 changes made.');
    const julien = grants(h, 'demo-admin').map((g) => g.split(' ')[1]).sort();
    expect(grants(h, 'demo-basic').filter((g) => !g.startsWith('co-patisserie-lefevre') && !g.includes('files-basic')).map((g) => g.split(' ')[1]).sort()).toEqual(julien);
    const added = h.practice().audit.slice(auditBefore);
    expect(added).toHaveLength(11);
    expect(new Set(added.map((e) => e.at)).size).toBe(1);
    expect(added.every((e) => e.outcome === 'done' && e.actorId === 'demo-owner')).toBe(true);
  });

  it('gives one role at several companies, asking only which "Dupont" was meant (French)', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    const question = await said(h, 'donne à Thomas le rôle Documents de base chez Dupont et au Garage Leroy');
    expect(question).toContain('De quelle entreprise parlez-vous ?');
    const card = await clicked(h, 'Boulangerie Dupont SARL');
    expect(card).toContain('Prêt à faire ces 2 modifications ?');
    await clicked(h, 'Faire 2 modifications');
    expect(h.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-readonly', 'autoentry')?.roleId).toBe('autoentry.documents-basic');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-readonly', 'autoentry')?.roleId).toBe('autoentry.documents-basic');
  });

  it("removes all of a leaver's access, but never the Business Owner's own (rule 2)", async () => {
    const h = await createHarness({ locale: 'en-GB' });
    expect(await said(h, "remove all of Thomas's access")).toContain('Ready to make these 2 changes?');
    await clicked(h, 'Make 2 changes');
    expect(grants(h, 'demo-readonly')).toEqual([]);

    const owner = await said(h, "remove all of Claire Martin's access");
    expect(owner).toContain('Nothing to change');
    expect(grants(h, 'demo-owner')).toHaveLength(14);
  });

  it('applies all or nothing: a grant changed by someone else meanwhile refuses the set, and it can be reviewed again', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await said(h, 'give Sophie Files admin at Garage Leroy and Hotel des Voyageurs');
    // Another administrator gives Sophie a role at Hôtel des Voyageurs first.
    await h.repository.commit({
      practiceId: 'demo', actorId: 'demo-admin', companyId: 'co-hotel-voyageurs', person: { kind: 'colleague', colleagueId: 'demo-standard' },
      product: 'autoentry', mode: 'add', roleId: 'autoentry.expenses-admin', language: 'fr-FR', baseVersion: null, addClientManagementBasic: false,
    });
    const failed = await clicked(h, 'Make 2 changes');
    expect(failed).toContain('Nothing was changed');
    expect(failed).toContain('Someone else changed one of these grants in the meantime.');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-standard', 'autoentry')).toBeUndefined();
    const again = await clicked(h, 'Review again');
    expect(again).toContain('Change Sophie Bernard from Expenses admin to Files admin on AutoEntry at Hôtel des Voyageurs');
    await clicked(h, 'Make 2 changes');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-standard', 'autoentry')?.roleId).toBe('autoentry.files-admin');
  });
});

describe('undo', () => {
  it('takes back your own last change exactly, after a confirmation, and audits it', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await said(h, "change Camille's role at Garage Leroy to Files admin");
    await clicked(h, 'Save');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.files-admin');
    const card = await said(h, 'undo');
    expect(card).toContain('Undo your last change?');
    expect(card).toContain('Change Camille Leroy from Files admin to Files basic on AutoEntry at Garage Leroy & Fils');
    expect(await clicked(h, 'Undo it')).toContain('Undone: 1 changes put back as they were.');
    expect(h.repository.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.files-basic');
    expect(h.practice().audit.at(-1)).toMatchObject({ action: 'grant-changed', outcome: 'done', before: { roleId: 'autoentry.files-admin' }, after: { roleId: 'autoentry.files-basic' } });
  });

  it('undoes an addition, Client Management Basic given with it included (French)', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await said(h, 'donne à Thomas le rôle Fichiers de base chez Crêperie Sainte-Anne');
    await clicked(h, 'Ajouter');
    expect(grants(h, 'demo-readonly').filter((g) => g.startsWith('co-creperie'))).toHaveLength(2);
    expect(await said(h, 'annule ma dernière modification')).toContain('Annuler votre dernière modification ?');
    await clicked(h, 'Annuler la modification');
    expect(grants(h, 'demo-readonly').filter((g) => g.startsWith('co-creperie'))).toEqual([]);
  });

  it('refuses, saying why, when someone has changed those grants since, or after 15 minutes', async () => {
    let now = new Date('2026-12-07T10:00:00Z');
    const h = await createHarness({ locale: 'en-GB', now: () => now });
    await said(h, 'give Thomas Files basic at Crêperie Sainte-Anne');
    await clicked(h, 'Add');
    const grant = h.repository.grantOf('demo', 'co-creperie-sainte-anne', 'demo-readonly', 'autoentry')!;
    await h.repository.commit({
      practiceId: 'demo', actorId: 'demo-admin', companyId: 'co-creperie-sainte-anne', person: { kind: 'colleague', colleagueId: 'demo-readonly' },
      product: 'autoentry', mode: 'edit', roleId: 'autoentry.files-admin', language: 'fr-FR', baseVersion: grant.version, addClientManagementBasic: false,
    });
    expect(await said(h, 'undo')).toContain('Someone has changed those grants since your last change');

    await said(h, 'give James Files basic at Boucherie Dupuis');
    await clicked(h, 'Add');
    now = new Date(now.getTime() + 16 * 60 * 1000);
    expect(await said(h, 'undo')).toContain('more than 15 minutes ago');
    expect(h.repository.grantOf('demo', 'co-boucherie-dupuis', 'demo-james', 'autoentry')?.roleId).toBe('autoentry.files-basic');
  });
});
