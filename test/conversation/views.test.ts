// Issue 18, items 3 and 6: two read-only views, asked for in a sentence, in English and French. "What access
// does Sophie have?" lists every company, product and role of hers, ten companies a page, each with a way to
// change or remove that access; "What changed at Dupont this week?" lists the audit, newest first, paged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATOR, type AccessChange } from '../../flows/ports.ts';
import { readCsv } from '../../src/import/readCsv.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { TO_SUMMARY, createHarness, play, plainSpaces } from '../support/conversationHarness.ts';

const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
const SOPHIE = 'demo-standard';
const CAMILLE = 'demo-basic';

/** The demo practice with six more client companies, and Camille Leroy given a role on all twenty. */
function camilleEverywhere(): StoreData {
  const data = structuredClone(DEMO);
  const practice = data.practices[0];
  for (let n = 1; n <= 6; n++) {
    practice.companies.push({ id: `co-extra-${n}`, name: `Zeta Client ${n}`, products: ['client-management', 'autoentry'], emailDomains: [`zeta${n}.example`] } as never);
  }
  const held = new Set(practice.grants.filter((g) => g.colleagueId === CAMILLE).map((g) => g.companyId));
  for (const company of practice.companies) {
    if (held.has(company.id)) continue;
    practice.grants.push({
      id: `seed-${company.id}`, companyId: company.id, colleagueId: CAMILLE, product: 'client-management', roleId: 'client-management.read-only',
      language: 'fr-CA', version: 1, updatedAt: '2025-10-01T09:00:00.000Z', updatedBy: 'demo-owner',
    });
  }
  return data;
}

/** Camille's AutoEntry role at Garage Leroy, changed by the Administrator. */
function changeAtGarage(repositoryVersion: number, roleId: string): AccessChange {
  return {
    practiceId: 'demo', actorId: 'demo-admin', companyId: 'co-garage-leroy', person: { kind: 'colleague', colleagueId: CAMILLE },
    product: 'autoentry', mode: 'edit', roleId, language: 'fr-CA', baseVersion: repositoryVersion, addClientManagementBasic: false,
  };
}

/** The lines of the history's list, in order (facts are "when: what"). */
const historyLines = (text: string) => plainSpaces(text).split('\n').filter((line) => /^\d{1,2} \S+ \d{4}, \d\d:\d\d: /.test(line));

describe('what access a colleague has', () => {
  it('lists every company, product and role of Sophie in the demo data (English)', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['What access does Sophie have?', [
        'What access Sophie Bernard has',
        'Sophie Bernard has a role on 3 client companies.',
        'Boulangerie Dupont SARL\nClient Management: Standard · AutoEntry: Documents standard',
        "Café de l'Étoile\nClient Management: Standard · AutoEntry: Documents basic",
        // Her custom role is named as the practice named it.
        'Dupont Frères\nClient Management: Standard · AutoEntry: Saisie achats',
      ]],
    ]);
    expect(h.lastText()).not.toContain('Garage Leroy');
    expect(h.lastText()).not.toContain('Next page');
    expect(h.buttons()).toEqual([
      'Boulangerie Dupont SARL', 'Remove', "Café de l'Étoile", 'Remove', 'Dupont Frères', 'Remove',
      'Give Sophie access to another company', 'Back',
    ]);
  });

  it('lists them in French', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['quels accès a Sophie ?', [
        'Les accès de Sophie Bernard',
        'Sophie Bernard a un rôle sur 3 entreprises clientes.',
        'Boulangerie Dupont SARL\nGestion des clients : Standard · AutoEntry : Documents standard',
        "Café de l'Étoile\nGestion des clients : Standard · AutoEntry : Documents de base",
        'Dupont Frères\nGestion des clients : Standard · AutoEntry : Saisie achats',
        'Donner à Sophie l\'accès à une autre entreprise',
      ]],
    ]);
  });

  it('pages a long list ten companies at a time, by button or typed', async () => {
    const h = await createHarness({ locale: 'en-GB', seed: camilleEverywhere() });
    await h.say('What access does Camille have?');
    const first = h.lastText();
    expect(first).toContain('Camille Leroy has a role on 20 client companies.');
    expect(first).toContain('Page 1 of 2');
    expect(h.buttons().filter((b) => b === 'Remove')).toHaveLength(10);
    expect(h.buttons()).toContain('Next page');
    expect(h.buttons()).not.toContain('Previous page');
    // By company name: Boucherie Dupuis first, the six Zeta clients last.
    expect(h.buttons()[0]).toBe('Boucherie Dupuis');
    expect(first).not.toContain('Zeta Client');

    await h.click('Next page');
    const second = h.lastText();
    expect(second).toContain('Page 2 of 2');
    expect(h.buttons().filter((b) => b === 'Remove')).toHaveLength(10);
    for (let n = 1; n <= 6; n++) expect(second).toContain(`Zeta Client ${n}\nClient Management: Read Only`);
    expect(second).not.toContain('Boucherie Dupuis');
    expect(h.buttons()).not.toContain('Next page');

    await play(h, [['previous page', ['Page 1 of 2', 'Boucherie Dupuis']]]);
    // Past the last page there is nothing more: the list stays where it is.
    await play(h, [['page suivante', 'Page 2 sur 2'], ['page suivante', 'Page 2 sur 2']], { locale: 'fr-FR' });
  });

  it("starts the flow for that company and person from a company's button: change, then remove", async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['What access does Sophie have?', 'What access Sophie Bernard has'],
      // Change at Dupont Frères: only what she holds there is offered, then the role to give (her language as it is).
      [{ click: 'Dupont Frères' }, ["Which of Sophie Bernard's products at Dupont Frères would you like to change?"]],
      [{ click: 'AutoEntry' }, 'Which role?'],
      [{ click: 'Files admin' }, 'Ready to save?'],
      [{ click: 'Save' }, 'Sophie Bernard'],
    ]);
    expect(h.repository.grantOf('demo', 'co-dupont-freres', SOPHIE, 'autoentry')).toMatchObject({ roleId: 'autoentry.files-admin', language: 'fr-FR' });

    await play(h, [
      ['What access does Sophie have?', 'Dupont Frères\nClient Management: Standard · AutoEntry: Files admin'],
      [{ click: 'Remove', beside: "Café de l'Étoile" }, "Café de l'Étoile"],
      [{ click: 'AutoEntry' }, 'Remove'],
    ]);
    await h.click(/^Remove/);
    expect(h.repository.grantOf('demo', 'co-cafe-etoile', SOPHIE, 'autoentry')).toBeUndefined();
    // Nothing was said about leaving something unfinished: a view is nothing under way.
    expect(h.sent().map((a) => a.text ?? '').join('\n')).not.toContain('unfinished');
  });

  it('gives access to another company with the person filled in (French)', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['quels accès a Sophie ?', 'Les accès de Sophie Bernard'],
      [{ click: "Donner à Sophie l'accès à une autre entreprise" }, 'Quelle entreprise cliente'],
      ['Garage Leroy', 'Quel produit'],
    ]);
  });

  it('is for those who may manage access only (rule 1), as the list of who has access is', async () => {
    const h = await createHarness({ locale: 'en-GB', from: SOPHIE });
    await play(h, [
      ['What access does Camille have?', 'Only administrators can change access'],
      ['who has access to Garage Leroy', 'Only administrators can change access'],
      ['What changed at Garage Leroy this week?', 'Only administrators can change access'],
    ]);
    expect(h.buttons()).toEqual([]);
  });
});

describe('the history', () => {
  it('shows a change made through the flow, newest first, in the reader’s words (English, then French)', async () => {
    const clock = { now: new Date('2025-11-03T10:00:00Z') };
    const h = await createHarness({ locale: 'en-GB', now: () => clock.now });
    await play(h, [...TO_SUMMARY, [{ click: 'Add' }, 'Added']]);
    clock.now = new Date('2025-11-04T16:45:00Z');
    await play(h, [
      ['change the role of Camille at Boulangerie Dupont to Files admin', 'Ready to save?'],
      [{ click: 'Save' }, 'Files admin'],
    ]);

    await h.say('history of Boulangerie Dupont');
    expect(h.lastText()).toContain('History of Boulangerie Dupont SARL');
    expect(historyLines(h.lastText())).toEqual([
      '4 Nov 2025, 16:45: Claire Martin changed Camille Leroy\'s AutoEntry access at Boulangerie Dupont SARL: Documents standard → Files admin',
      // Rule 3: Client Management Basic went with the first change.
      '3 Nov 2025, 10:00: Claire Martin gave Camille Leroy Client Management: Basic at Boulangerie Dupont SARL',
      '3 Nov 2025, 10:00: Claire Martin gave Camille Leroy AutoEntry: Documents standard at Boulangerie Dupont SARL',
    ]);
    expect(h.buttons()).toEqual(['Who has access', 'Back']);

    await h.say('historique de Boulangerie Dupont', { locale: 'fr-FR' });
    expect(h.lastText()).toContain('Historique de Boulangerie Dupont SARL');
    expect(historyLines(h.lastText())).toEqual([
      "4 nov. 2025, 16:45: Claire Martin a modifié l'accès AutoEntry de Camille Leroy chez Boulangerie Dupont SARL : Documents standard → Administrateur des fichiers",
      '3 nov. 2025, 10:00: Claire Martin a donné à Camille Leroy Gestion des clients : De base chez Boulangerie Dupont SARL',
      '3 nov. 2025, 10:00: Claire Martin a donné à Camille Leroy AutoEntry : Documents standard chez Boulangerie Dupont SARL',
    ]);
    await play(h, [[{ click: 'Qui a accès' }, 'Qui a accès à Boulangerie Dupont SARL']], { locale: 'fr-FR' });
  });

  it('filters by company, and by person: changes about them and changes they made', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [...TO_SUMMARY, [{ click: 'Add' }, 'Added']]);
    // Julien (Administrator) removes Sophie's AutoEntry role at Café de l'Étoile.
    await play(h, [
      ["remove Sophie's AutoEntry access at Café de l'Étoile", 'Remove'],
    ], { from: 'demo-admin' });
    await h.click(/^Remove/, { from: 'demo-admin' });
    expect(h.repository.grantOf('demo', 'co-cafe-etoile', SOPHIE, 'autoentry')).toBeUndefined();

    await h.say("What changed at Café de l'Étoile?");
    expect(historyLines(h.lastText())).toEqual([
      expect.stringContaining("Julien Moreau removed Sophie Bernard's AutoEntry role (Documents basic) at Café de l'Étoile"),
    ]);

    // Camille's history: about her (the owner's change); Julien's: made by him.
    await h.say('history for Camille');
    expect(h.lastText()).toContain("Changes to Camille Leroy's access, and changes Camille Leroy made.");
    expect(historyLines(h.lastText())).toHaveLength(2);
    expect(h.lastText()).not.toContain('Sophie');
    await h.say('history for julien');
    expect(historyLines(h.lastText())).toEqual([expect.stringContaining('Julien Moreau removed Sophie Bernard')]);
    await play(h, [[{ click: 'What access Julien has' }, 'What access Julien Moreau has']]);
  });

  it('shows refused attempts by the colleague in their history (French)', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [['ajouter un utilisateur', 'Seuls les administrateurs']], { from: SOPHIE });
    await h.say('historique de Sophie');
    expect(historyLines(h.lastText())).toEqual([
      expect.stringContaining('Refusé : Sophie Bernard a tenté de modifier un accès (pas administrateur)'),
    ]);
  });

  it('shows an import by the operator: the company added, found by the search at once, and the colleague invited', async () => {
    const clock = { now: new Date('2025-11-03T10:00:00Z') };
    const h = await createHarness({ locale: 'en-GB', now: () => clock.now });
    const table = (text: string) => {
      const read = readCsv(new TextEncoder().encode(text));
      if (!read.ok) throw new Error(read.problem.reason);
      return read.table;
    };
    await h.repository.importRows('demo', OPERATOR, 'companies', table('Nom;Produits\nÉpicerie Vauban;AutoEntry\n'));
    await h.repository.importRows('demo', OPERATOR, 'colleagues', table('Name,E-mail,Role,Language\nNina Roy,nina.roy@cabinet-martin.fr,Standard,fr-CA\n'));
    await h.say('history of Epicerie Vauban');
    expect(historyLines(h.lastText())).toEqual(['3 Nov 2025, 10:00: The operator added the client company Épicerie Vauban']);
    await h.say('historique de Nina Roy', { locale: 'fr-FR' });
    expect(historyLines(h.lastText())).toEqual(["3 nov. 2025, 10:00: L'opérateur a invité nina.roy@cabinet-martin.fr"]);
  });

  it('"this week" leaves out older changes; "today" too', async () => {
    const clock = { now: new Date('2025-10-20T09:00:00Z') };
    const h = await createHarness({ locale: 'en-GB', now: () => clock.now });
    await play(h, [...TO_SUMMARY, [{ click: 'Add' }, 'Added']]);
    clock.now = new Date('2025-11-05T11:00:00Z');
    await h.repository.commit(changeAtGarage(1, 'autoentry.files-admin'));

    await h.say('What changed this week?');
    expect(h.lastText()).toContain('History of your practice');
    expect(h.lastText()).toContain('Since 29 Oct 2025.');
    expect(historyLines(h.lastText())).toEqual([
      "5 Nov 2025, 11:00: Julien Moreau changed Camille Leroy's AutoEntry access at Garage Leroy & Fils: Files basic → Files admin",
    ]);
    await h.say('What changed at Boulangerie Dupont this week?');
    expect(h.lastText()).toContain('Nothing has changed.');
    await h.say('history of Boulangerie Dupont');
    expect(historyLines(h.lastText())).toHaveLength(2);
    await h.say("qu'est-ce qui a changé aujourd'hui ?", { locale: 'fr-FR' });
    expect(historyLines(h.lastText())).toEqual([expect.stringMatching(/^5 nov\. 2025, 11:00: Julien Moreau a modifié/)]);
  });

  it('asks which company when "Dupont" could be two', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [...TO_SUMMARY, [{ click: 'Add' }, 'Added']]);
    await play(h, [
      ['What changed at Dupont this week?', ['Which client company?', 'Dupont Frères', 'Boulangerie Dupont SARL']],
      [{ click: 'Boulangerie Dupont SARL' }, ['History of Boulangerie Dupont SARL', 'Claire Martin gave Camille Leroy AutoEntry: Documents standard']],
    ]);
    await play(h, [
      ["qu'est-ce qui a changé chez Dupont cette semaine ?", 'Quelle entreprise cliente'],
      ['Dupont Frères', ['Historique de Dupont Frères', "Rien n'a changé."]],
    ], { locale: 'fr-FR' });
  });

  it('pages ten lines at a time, newest first', async () => {
    const clock = { now: new Date('2025-11-03T08:00:00Z') };
    const h = await createHarness({ locale: 'en-GB', now: () => clock.now });
    // Twelve changes to Camille's role at Garage Leroy, a minute apart.
    const roles = ['autoentry.files-admin', 'autoentry.files-basic'];
    for (let i = 0; i < 12; i++) {
      clock.now = new Date(Date.UTC(2025, 10, 3, 8, i));
      expect(await h.repository.commit(changeAtGarage(i + 1, roles[i % 2]))).toEqual({ status: 'done' });
    }
    await h.say('history of Garage Leroy');
    const first = historyLines(h.lastText());
    expect(h.lastText()).toContain('Page 1 of 2');
    expect(first).toHaveLength(10);
    expect(first[0]).toMatch(/^3 Nov 2025, 08:11: .*Files admin → Files basic$/);
    expect(first[9]).toMatch(/^3 Nov 2025, 08:02: /);
    await h.click('Next page');
    expect(h.lastText()).toContain('Page 2 of 2');
    expect(historyLines(h.lastText()).map((line) => line.slice(0, 18))).toEqual(['3 Nov 2025, 08:01:', '3 Nov 2025, 08:00:']);
    await h.click('Previous page');
    expect(historyLines(h.lastText())[0]).toMatch(/08:11/);
    await play(h, [['back', 'Hello Claire']]);
  });
});
