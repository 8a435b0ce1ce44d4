// Edit user (Save / Enregistrer) and removing access, in English and French: what the summary says,
// what is stored, and the audit's before and after.
import { describe, expect, it } from 'vitest';
import { createHarness, play, type Transcript } from '../support/conversationHarness.ts';

const BAKERY = 'co-boulangerie-dupont';
const BROTHERS = 'co-dupont-freres';
const SOPHIE = 'demo-standard';

const EDITS: Array<{ language: string; locale: string; transcript: Transcript }> = [
  {
    language: 'English',
    locale: 'en-GB',
    transcript: [
      ['edit a user', 'Which client company?'],
      ['boulangerie dupont', ['Whose access would you like to change?', 'Sophie Bernard', 'AutoEntry: Documents standard']],
      [{ click: 'Sophie Bernard' }, ['Which product?', 'Current role: Documents standard']],
      [{ click: 'AutoEntry' }, ['Which role?', 'Current']],
      [{ click: 'Documents basic' }, 'Preferred language'],
      [
        { click: 'Français (Canada)' },
        [
          'Ready to save?',
          'Role: Documents standard → Documents basic',
          'Preferred language: Français (France) → Français (Canada)',
          'It takes effect the next time Sophie signs in.',
        ],
      ],
      [
        { click: 'Save' },
        [
          'Saved: Sophie Bernard now has Documents basic on AutoEntry at Boulangerie Dupont SARL; preferred language: Français (Canada).',
          'It takes effect the next time Sophie signs in.',
        ],
      ],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    transcript: [
      ["modifier l'utilisateur", 'Quelle entreprise cliente ?'],
      ['boulangerie dupont', ['De qui souhaitez-vous modifier l\'accès ?', 'Sophie Bernard']],
      [{ click: 'Sophie Bernard' }, ['Quel produit ?', 'Rôle actuel : Documents standard']],
      [{ click: 'AutoEntry' }, 'Quel rôle ?'],
      [{ click: 'Documents de base' }, 'Langue préférée'],
      [
        { click: 'Français (Canada)' },
        ['Prêt à enregistrer ?', 'Rôle : Documents standard → Documents de base', 'Langue préférée : Français (France) → Français (Canada)'],
      ],
      [
        { click: 'Enregistrer' },
        [
          'Enregistré : Sophie Bernard a désormais le rôle Documents de base dans AutoEntry chez Boulangerie Dupont SARL ; langue préférée : Français (Canada).',
          'Sophie verra la modification à sa prochaine connexion.',
        ],
      ],
    ],
  },
];

describe.each(EDITS)('editing a user in $language', ({ locale, transcript }) => {
  it('changes Sophie’s AutoEntry role and language, bumps the version, and audits before and after', async () => {
    const h = await createHarness({ locale });
    const before = h.repository.grantOf('demo', BAKERY, SOPHIE, 'autoentry');
    expect(before).toEqual({ product: 'autoentry', roleId: 'autoentry.documents-standard', language: 'fr-FR', version: 1 });
    const grantsBefore = h.practice().grants.length;

    await play(h, transcript);

    const after = { product: 'autoentry', roleId: 'autoentry.documents-basic', language: 'fr-CA', version: 2 };
    expect(h.repository.grantOf('demo', BAKERY, SOPHIE, 'autoentry')).toEqual(after);
    // She already had a Client Management role there: nothing else added.
    expect(h.repository.grantOf('demo', BAKERY, SOPHIE, 'client-management')?.roleId).toBe('client-management.standard');
    expect(h.practice().grants).toHaveLength(grantsBefore);
    expect(h.repository.audit('demo')).toEqual([
      expect.objectContaining({
        actorId: 'demo-owner', action: 'grant-changed', companyId: BAKERY, colleagueId: SOPHIE, product: 'autoentry',
        before, after, outcome: 'done',
      }),
    ]);
    const onDisk = (await h.storeOnDisk()).practices[0].grants.find(
      (g) => g.companyId === BAKERY && g.colleagueId === SOPHIE && g.product === 'autoentry',
    );
    expect(onDisk).toMatchObject({ roleId: 'autoentry.documents-basic', version: 2, updatedBy: 'demo-owner' });
  });
});

const REMOVALS: Array<{ language: string; locale: string; transcript: Transcript }> = [
  {
    language: 'English',
    locale: 'en-GB',
    transcript: [
      ['remove access', 'Which client company?'],
      ['dupont freres', ['Whose access would you like to remove?', 'AutoEntry: Saisie achats']],
      [{ click: 'Sophie Bernard' }, ["Which of Sophie Bernard's access at Dupont Frères would you like to remove?"]],
      [{ click: 'AutoEntry' }, ['Ready to remove?', 'Role: Saisie achats → no access']],
      [{ click: 'Remove access' }, ['Done', 'Removed: Sophie Bernard no longer has AutoEntry access at Dupont Frères.']],
    ],
  },
  {
    language: 'French',
    locale: 'fr-FR',
    transcript: [
      ["retirer l'accès", 'Quelle entreprise cliente ?'],
      ['dupont freres', ["À qui souhaitez-vous retirer l'accès ?", 'AutoEntry : Saisie achats']],
      [{ click: 'Sophie Bernard' }, ['Quel accès retirer à Sophie Bernard chez Dupont Frères ?']],
      [{ click: 'AutoEntry' }, ["Prêt à retirer l'accès ?", 'Rôle : Saisie achats → aucun accès']],
      [{ click: "Retirer l'accès" }, ["C'est fait", "Retiré : Sophie Bernard n'a plus accès à AutoEntry chez Dupont Frères."]],
    ],
  },
];

describe.each(REMOVALS)('removing access in $language', ({ locale, transcript }) => {
  it('removes Sophie’s AutoEntry role at Dupont Frères and keeps her Client Management role', async () => {
    const h = await createHarness({ locale });
    const before = h.repository.grantOf('demo', BROTHERS, SOPHIE, 'autoentry');
    expect(before?.roleId).toBe('custom-saisie-achats');

    await play(h, transcript);

    expect(h.repository.grantOf('demo', BROTHERS, SOPHIE, 'autoentry')).toBeUndefined();
    expect(h.repository.grantOf('demo', BROTHERS, SOPHIE, 'client-management')?.roleId).toBe('client-management.standard');
    expect(h.repository.audit('demo')).toEqual([
      expect.objectContaining({ action: 'grant-removed', companyId: BROTHERS, colleagueId: SOPHIE, product: 'autoentry', before, after: null, outcome: 'done' }),
    ]);
    const onDisk = (await h.storeOnDisk()).practices[0].grants;
    expect(onDisk.some((g) => g.companyId === BROTHERS && g.colleagueId === SOPHIE && g.product === 'autoentry')).toBe(false);
  });
});

describe('removing a colleague’s last role on a company (rule 6)', () => {
  it('warns that they lose access to it, then removes them from the company’s users', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const thames = 'co-thames-valley-plumbing';
    expect(h.repository.usersWithAccess('demo', thames).map((r) => r.colleagueId)).toContain('demo-readonly');
    await play(h, [
      ['remove access', 'Which client company?'],
      ['thames valley', 'Whose access would you like to remove?'],
      [{ click: 'Thomas Petit' }, 'Which product?'],
      [{ click: 'Client Management' }, ['Ready to remove?', 'This is their last role on Thames Valley Plumbing Ltd: they will lose access to it.']],
      [{ click: 'Remove access' }, 'Removed: Thomas Petit no longer has Client Management access at Thames Valley Plumbing Ltd.'],
    ]);
    expect(h.repository.usersWithAccess('demo', thames).map((r) => r.colleagueId)).not.toContain('demo-readonly');
  });
});
