// The help page's scenario, as a person lives it in Teams: add a user to a client company's AutoEntry,
// look at the role first (Show role), pick the preferred language, Add. In English and in French.
import { describe, expect, it } from 'vitest';
import catalogue from '../../data/catalogue.json' with { type: 'json' };
import en from '../../locales/en/translation.json' with { type: 'json' };
import fr from '../../locales/fr/translation.json' with { type: 'json' };
import { createHarness, permissionGroupsOn, plainSpaces, play, type Transcript } from '../support/conversationHarness.ts';

const COMPANY = 'co-boulangerie-dupont';
const CAMILLE = 'demo-basic';

/** Documents standard, as the product's help page lists it (domain.md, "AutoEntry default roles"). */
const DOCUMENTS_STANDARD = new Set([
  'bank-statements.upload', 'bank-statements.edit', 'bank-statements.delete',
  'purchases.view', 'purchases.upload', 'purchases.edit',
  'sales.view', 'sales.upload', 'sales.edit',
  'simple-documents.sales-summaries-upload', 'simple-documents.sales-summaries-edit',
  'simple-documents.expense-purchases-submit', 'simple-documents.sales-vat-upload',
  'simple-documents.sales-vat-edit', 'simple-documents.sales-vat-delete',
  'expenses.submit',
]);

/** What Show role should list for Documents standard: every group of the catalogue, each permission allowed or not. */
function expectedPreview(words: typeof en) {
  const groups = catalogue.products.find((p) => p.id === 'autoentry')!.permissionGroups;
  return groups.map(({ group, permissions }) => ({
    title: plainSpaces(words.permissionGroups[group as keyof typeof words.permissionGroups]),
    items: permissions.map((code) => {
      const [g, p] = code.split('.');
      return { label: plainSpaces((words.permissions as unknown as Record<string, Record<string, string>>)[g][p]), allowed: DOCUMENTS_STANDARD.has(code) };
    }),
  }));
}

const SCENARIOS: Array<{ language: string; locale: string; words: typeof en; transcript: Transcript }> = [
  {
    language: 'English',
    locale: 'en-GB',
    words: en,
    transcript: [
      ['add a user', 'Which client company?'],
      ['boulangerie dupont', 'Who should have access to Boulangerie Dupont SARL?'],
      ['Camille', ['Which product?', 'Which product should Camille Leroy have a role in at Boulangerie Dupont SARL?']],
      [{ click: 'AutoEntry' }, ['Which role?', 'Documents standard', 'Show role']],
      [{ click: 'Show role', beside: 'Documents standard' }, ['What Documents standard allows in AutoEntry:', 'Use this role']],
      [{ click: 'Use this role' }, ['Preferred language', 'Which language should AutoEntry use for Camille Leroy?']],
      [
        { click: 'Français (France)' },
        [
          'Ready to add?',
          'Role: no access → Documents standard on AutoEntry',
          'Preferred language: Français (France)',
          // Rule 3: Camille has no Client Management role at the bakery.
          'They have no Client Management role on this company, so AutoEntry would stay invisible to them: Client Management Basic will be added too.',
        ],
      ],
      [
        { click: 'Add' },
        [
          'Done',
          'Added: Documents standard on AutoEntry for Camille Leroy at Boulangerie Dupont SARL.',
          // Rule 4.
          'Client Management Basic was added too, so Camille can see Boulangerie Dupont SARL.',
          'It takes effect the next time Camille signs in.',
        ],
      ],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    words: fr,
    transcript: [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', 'Qui doit avoir accès à Boulangerie Dupont SARL ?'],
      ['Camille', ['Quel produit ?', 'Dans quel produit donner un rôle à Camille Leroy chez Boulangerie Dupont SARL ?']],
      [{ click: 'AutoEntry' }, ['Quel rôle ?', 'Documents standard', 'Afficher le rôle']],
      [{ click: 'Afficher le rôle', beside: 'Documents standard' }, ['Ce que le rôle Documents standard permet dans AutoEntry :', 'Choisir ce rôle']],
      [{ click: 'Choisir ce rôle' }, ['Langue préférée', "Dans quelle langue AutoEntry doit-il s'afficher pour Camille Leroy ?"]],
      [
        { click: 'Français (France)' },
        [
          'Prêt à ajouter ?',
          'Rôle : aucun accès → Documents standard dans AutoEntry',
          'Langue préférée: Français (France)',
          "Cette personne n'a aucun rôle dans Gestion des clients sur cette entreprise, donc AutoEntry lui resterait invisible : le rôle De base de Gestion des clients sera ajouté aussi.",
        ],
      ],
      [
        { click: 'Ajouter' },
        [
          "C'est fait",
          'Ajouté : Documents standard dans AutoEntry pour Camille Leroy chez Boulangerie Dupont SARL.',
          'Le rôle De base de Gestion des clients a aussi été ajouté, pour que Camille voie Boulangerie Dupont SARL.',
          'Camille verra la modification à sa prochaine connexion.',
        ],
      ],
    ],
  },
];

describe.each(SCENARIOS)('the help page scenario in $language', ({ locale, words, transcript }) => {
  it('adds Camille to Boulangerie Dupont’s AutoEntry as Documents standard, with Client Management Basic (rule 3)', async () => {
    const h = await createHarness({ locale });
    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'autoentry')).toBeUndefined();
    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'client-management')).toBeUndefined();
    const grantsBefore = h.practice().grants.length;

    await play(h, transcript);

    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'autoentry')).toEqual({
      product: 'autoentry', roleId: 'autoentry.documents-standard', language: 'fr-FR', version: 1,
    });
    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'client-management')).toMatchObject({
      roleId: 'client-management.basic', version: 1,
    });
    expect(h.practice().grants).toHaveLength(grantsBefore + 2);
    expect(h.repository.audit('demo')).toEqual([
      expect.objectContaining({
        actorId: 'demo-owner', action: 'grant-added', companyId: COMPANY, colleagueId: CAMILLE, product: 'autoentry',
        before: null, after: { product: 'autoentry', roleId: 'autoentry.documents-standard', language: 'fr-FR', version: 1 },
        outcome: 'done',
      }),
      expect.objectContaining({
        actorId: 'demo-owner', action: 'grant-added', companyId: COMPANY, colleagueId: CAMILLE, product: 'client-management',
        after: expect.objectContaining({ roleId: 'client-management.basic' }), outcome: 'done',
      }),
    ]);
    // Saved, not only held in memory.
    const onDisk = await h.storeOnDisk();
    const grants = onDisk.practices.find((p) => p.id === 'demo')!.grants;
    expect(grants.filter((g) => g.companyId === COMPANY && g.colleagueId === CAMILLE).map((g) => g.roleId).sort()).toEqual([
      'autoentry.documents-standard', 'client-management.basic',
    ]);
    expect(h.errors).toEqual([]);
  });

  it('Show role lists every permission grouped as the product does, allowed or not', async () => {
    const h = await createHarness({ locale });
    await play(h, transcript.slice(0, 5));
    const shown = permissionGroupsOn(h.lastCard());
    const seen = shown.map(({ title, items }) => ({
      title: plainSpaces(title),
      items: items.map(({ label, allowed }) => ({ label: plainSpaces(label), allowed })),
    }));
    expect(seen)
      .toEqual(expectedPreview(words));
    const lines = shown.flatMap((g) => g.items);
    // Bold, not Teams' green (too pale to read on white); not allowed is subtle.
    expect(lines.filter((l) => l.allowed).every((l) => l.weight === 'Bolder' && l.colour === undefined)).toBe(true);
    expect(lines.filter((l) => !l.allowed).every((l) => l.subtle === true && l.colour === undefined && l.weight === undefined)).toBe(true);
    // Said in words too, for screen readers, not only by a tick and a colour.
    expect(lines.every((l) => l.status === (l.allowed ? words.permissions.allowed : words.permissions.notAllowed))).toBe(true);
  });
});

describe('starting from the company, as Client Management does', () => {
  it('asks what to do (Manage users) and adds the user when asked', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['Boulangerie Dupont', ['What would you like to do for Boulangerie Dupont SARL?', 'In Client Management, this is Manage users for Boulangerie Dupont SARL.']],
      [{ click: 'Add a user' }, 'Who should have access to Boulangerie Dupont SARL?'],
      ['camille leroy', 'Which product?'],
      [{ click: 'AutoEntry' }, 'Which role?'],
      [{ click: 'Documents standard' }, 'Preferred language'],
      [{ click: 'Français (France)' }, 'Ready to add?'],
      [{ click: "Don't add Client Management Basic" }, "Client Management Basic won't be added, so AutoEntry will stay invisible to them"],
      [{ click: 'Add' }, 'Added: Documents standard on AutoEntry for Camille Leroy at Boulangerie Dupont SARL.'],
    ]);
    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'autoentry')?.roleId).toBe('autoentry.documents-standard');
    // Switched off on the summary: no Client Management Basic this time.
    expect(h.repository.grantOf('demo', COMPANY, CAMILLE, 'client-management')).toBeUndefined();
  });
});
