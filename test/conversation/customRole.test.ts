// Creating a custom role from the role step (rule 5): a name, blank or copied, switches, a last look,
// then granting it in the same conversation.
import { describe, expect, it } from 'vitest';
import { createHarness, nodesOf, permissionGroupsOn, play } from '../support/conversationHarness.ts';

const CAFE = 'co-cafe-etoile';
const CAMILLE = 'demo-basic';

describe('creating a custom role, in English: blank', () => {
  it('checks the name and the permissions, creates the role, and grants it', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['cafe etoile', "Who should have access to Café de l'Étoile?"],
      ['camille', 'Which product?'],
      [{ click: 'AutoEntry' }, 'Create a custom role'],
      [{ click: 'Create a custom role' }, ['Create a custom role', 'What should the new AutoEntry role be called?']],
      // Rule 5: unique within the product, case and accents aside.
      [{ click: 'Next', text: 'SAISIE ACHÂTS' }, "There's already a role with that name for this product. Please choose another name."],
      [{ click: 'Next', text: 'Purchases and files' }, ['How should Purchases and files start?', 'Start blank', 'Copy Documents basic']],
      [{ click: 'Start blank' }, ['Permissions for Purchases and files', 'Tick what this role lets people do in AutoEntry.']],
      // Rule 5: at least one permission.
      [{ click: 'Continue' }, 'Please tick at least one permission for the role.'],
      [
        { click: 'Continue', toggles: { 'purchases.view': true, 'purchases.upload': true, 'files.upload': true, 'files.download': true } },
        ['Create Purchases and files?', 'Started from: A blank role', 'Create role'],
      ],
      [{ click: 'Create role' }, ['Role created, and picked for this change.', 'Preferred language']],
      [{ click: 'English (United Kingdom)' }, ['Ready to add?', 'Role: no access → Purchases and files on AutoEntry']],
      [{ click: 'Add' }, 'Added: Purchases and files on AutoEntry for Camille Leroy at Café de l\'Étoile.'],
    ]);

    const created = h.practice().customRoles.find((r) => r.name === 'Purchases and files');
    expect(created).toMatchObject({
      product: 'autoentry',
      createdBy: 'demo-owner',
      permissions: ['purchases.view', 'purchases.upload', 'files.upload', 'files.download'],
    });
    expect(h.repository.grantOf('demo', CAFE, CAMILLE, 'autoentry')).toMatchObject({ roleId: created!.id, language: 'en-GB' });
    expect(h.repository.audit('demo').map((e) => e.action)).toEqual(['role-created', 'grant-added', 'grant-added']);
    // Saved on disk too.
    const onDisk = (await h.storeOnDisk()).practices[0].customRoles.map((r) => r.name);
    expect(onDisk).toContain('Purchases and files');
  });
});

describe('creating a custom role, in French: copied from Documents de base', () => {
  it('starts from the copied permissions, keeps the switches as set, and grants the new role', async () => {
    const h = await createHarness({ locale: 'fr-FR' });
    await play(h, [
      ['ajouter un utilisateur', 'Quelle entreprise cliente ?'],
      ['cafe etoile', "Qui doit avoir accès à Café de l'Étoile ?"],
      ['camille', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, 'Créer un rôle personnalisé'],
      [{ click: 'Créer un rôle personnalisé' }, 'Comment s\'appellera le nouveau rôle d\'AutoEntry ?'],
      [{ click: 'Suivant', text: 'Achats et fichiers' }, ['Point de départ du rôle Achats et fichiers', 'Copier Documents de base']],
      [{ click: 'Copier Documents de base' }, 'Autorisations du rôle Achats et fichiers'],
    ]);
    // The copied role's permissions come switched on.
    const on = nodesOf(h.lastCard(), 'Input.Toggle').filter((t) => t.value === 'true').map((t) => t.id);
    expect(on).toEqual(['perm:purchases.view', 'perm:purchases.edit', 'perm:sales.view', 'perm:sales.edit', 'perm:expenses.submit']);

    await play(h, [
      [
        { click: 'Continuer', toggles: { 'sales.view': false, 'files.upload': true } },
        ['Créer le rôle Achats et fichiers ?', 'Point de départ: Documents de base'],
      ],
    ]);
    const review = permissionGroupsOn(h.lastCard()).flatMap((g) => g.items.filter((i) => i.allowed).map((i) => `${g.title} / ${i.label}`));
    expect(review).toEqual([
      'Achats (factures et relevés fournisseurs) / Consulter',
      'Achats (factures et relevés fournisseurs) / Modifier',
      'Ventes (factures) / Modifier',
      'Notes de frais / Soumettre',
      'Fichiers / Importer',
    ]);

    await play(h, [
      [{ click: 'Créer le rôle' }, ['Rôle créé, et choisi pour cette modification.', 'Langue préférée']],
      [{ click: 'Français (France)' }, ['Prêt à ajouter ?', 'Rôle : aucun accès → Achats et fichiers dans AutoEntry']],
      [{ click: 'Ajouter' }, "Ajouté : Achats et fichiers dans AutoEntry pour Camille Leroy chez Café de l'Étoile."],
    ]);
    const created = h.practice().customRoles.find((r) => r.name === 'Achats et fichiers');
    expect(created?.permissions).toEqual(['purchases.view', 'purchases.edit', 'sales.edit', 'expenses.submit', 'files.upload']);
    expect(h.repository.grantOf('demo', CAFE, CAMILLE, 'autoentry')?.roleId).toBe(created!.id);
    // The new role is offered from now on, marked as custom.
    await play(h, [
      [{ click: 'Un autre utilisateur pour cette entreprise' }, "Que souhaitez-vous faire pour Café de l'Étoile ?"],
      [{ click: 'Ajouter un utilisateur' }, "Qui doit avoir accès à Café de l'Étoile ?"],
      ['julien', 'Quel produit ?'],
      [{ click: 'AutoEntry' }, ['Achats et fichiers', 'Rôle personnalisé']],
    ]);
  });
});
