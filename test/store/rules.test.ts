// domain.md's rules, enforced by the repository whatever the caller sends.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessChange } from '../../flows/ports.ts';
import { RoleRejected, type AccessRepository } from '../../src/repository/accessRepository.ts';
import { change, openRepository } from './helpers.ts';

let repo: AccessRepository;
beforeEach(async () => {
  ({ repo } = await openRepository());
});

const grant = (companyId: string, colleagueId: string, product: AccessChange['product'] = 'autoentry') =>
  repo.grantOf('demo', companyId, colleagueId, product);
const lastAudit = () => repo.audit('demo').at(-1);

async function expectRefused(asked: AccessChange, reason: string) {
  const before = JSON.stringify(repo.usersWithAccess(asked.practiceId, String(asked.companyId)));
  const audited = repo.audit(asked.practiceId).length;
  expect(await repo.commit(asked)).toEqual({ status: 'refused', reason });
  expect(JSON.stringify(repo.usersWithAccess(asked.practiceId, String(asked.companyId)))).toBe(before);
  expect(repo.audit(asked.practiceId)).toHaveLength(audited + 1);
  expect(repo.audit(asked.practiceId).at(-1)).toMatchObject({ outcome: 'refused', reason, actorId: asked.actorId });
}

describe('rule 1: only Business Owner or Administrator manage access', () => {
  it('knows who may manage', () => {
    const may = ['demo-owner', 'demo-admin', 'demo-standard', 'demo-basic', 'demo-readonly', 'demo-practice']
      .filter((id) => repo.canManageUsers('demo', id));
    expect(may).toEqual(['demo-owner', 'demo-admin']);
    expect(repo.canManageUsers('demo', 'north-admin')).toBe(false);
  });

  it('refuses a change asked by a Standard colleague, and one by another practice’s Administrator', async () => {
    await expectRefused(change({ actorId: 'demo-standard' }), 'not-allowed');
    await expectRefused(change({ actorId: 'north-admin' }), 'not-allowed');
  });

  it('refuses a forged change whose fields have the wrong types', async () => {
    await expectRefused(change({ mode: 'destroy' as never }), 'forged-payload');
    await expectRefused(change({ baseVersion: '1' as never }), 'forged-payload');
    await expectRefused(change({ person: { kind: 'colleague' } as never }), 'forged-payload');
  });
});

describe('rule 2: the Business Owner is protected', () => {
  it('never changes or removes the Business Owner’s Client Management role', async () => {
    const owner = { kind: 'colleague', colleagueId: 'demo-owner' } as const;
    expect(repo.isProtectedGrant('demo', 'co-cafe-etoile', 'demo-owner', 'client-management')).toBe(true);
    expect(repo.isProtectedGrant('demo', 'co-cafe-etoile', 'demo-owner', 'autoentry')).toBe(false);
    const base = { companyId: 'co-cafe-etoile', person: owner, product: 'client-management' as const, baseVersion: 1 };
    await expectRefused(change({ ...base, mode: 'edit', roleId: 'client-management.basic' }), 'protected-owner');
    await expectRefused(change({ ...base, mode: 'remove', roleId: undefined }), 'protected-owner');
    expect(grant('co-cafe-etoile', 'demo-owner', 'client-management')?.roleId).toBe('client-management.business-owner');
  });

  it('gives nobody the Business Owner role', async () => {
    await expectRefused(change({
      companyId: 'co-hotel-voyageurs', person: { kind: 'colleague', colleagueId: 'demo-standard' },
      product: 'client-management', roleId: 'client-management.business-owner',
    }), 'protected-owner');
    expect(repo.assignableRoles('demo', 'client-management')).not.toContain('client-management.business-owner');
  });

  it('still lets the Business Owner be given an AutoEntry role', async () => {
    const result = await repo.commit(change({ companyId: 'co-cafe-etoile', person: { kind: 'colleague', colleagueId: 'demo-owner' } }));
    expect(result).toEqual({ status: 'done' });
  });
});

describe('rule 3: Client Management Basic with a product role', () => {
  it('adds Client Management Basic when the person has no Client Management role there', async () => {
    expect(grant('co-boulangerie-dupont', 'demo-basic', 'client-management')).toBeUndefined();
    await repo.commit(change({ addClientManagementBasic: true }));
    expect(grant('co-boulangerie-dupont', 'demo-basic', 'client-management'))
      .toMatchObject({ roleId: 'client-management.basic', version: 1, language: 'fr-CA' });
    expect(grant('co-boulangerie-dupont', 'demo-basic')).toMatchObject({ roleId: 'autoentry.documents-basic', version: 1 });
  });

  it('leaves an existing Client Management role as it is', async () => {
    const result = await repo.commit(change({
      companyId: 'co-garage-leroy', mode: 'edit', roleId: 'autoentry.files-admin', baseVersion: 1, addClientManagementBasic: true,
    }));
    expect(result.status).toBe('done');
    expect(grant('co-garage-leroy', 'demo-basic', 'client-management')).toMatchObject({ roleId: 'client-management.basic', version: 1 });
    expect(grant('co-garage-leroy', 'demo-basic')).toMatchObject({ roleId: 'autoentry.files-admin', version: 2 });
  });
});

describe('adding, editing, removing', () => {
  it('edits role and language, bumps the version and remembers the preferred language', async () => {
    await repo.commit(change({ companyId: 'co-garage-leroy', mode: 'edit', roleId: 'autoentry.files-admin', language: 'en-CA', baseVersion: 1 }));
    expect(grant('co-garage-leroy', 'demo-basic')).toEqual({ product: 'autoentry', roleId: 'autoentry.files-admin', language: 'en-CA', version: 2 });
    expect(repo.colleagueLanguage('demo', 'demo-basic')).toBe('en-CA');
    expect(lastAudit()).toMatchObject({
      action: 'grant-changed', outcome: 'done', actorId: 'demo-admin', at: '2025-11-03T10:00:00.000Z',
      before: { roleId: 'autoentry.files-basic', version: 1 }, after: { roleId: 'autoentry.files-admin', version: 2 },
    });
  });

  it('rule 6: removing the last role takes the person off the company', async () => {
    const person = { kind: 'colleague', colleagueId: 'demo-standard' } as const;
    const remove = { companyId: 'co-cafe-etoile', person, mode: 'remove', roleId: undefined, baseVersion: 1 } as const;
    await repo.commit(change({ ...remove, product: 'autoentry' }));
    expect(repo.usersWithAccess('demo', 'co-cafe-etoile').map((row) => row.colleagueId)).toContain('demo-standard');
    await repo.commit(change({ ...remove, product: 'client-management' }));
    expect(repo.usersWithAccess('demo', 'co-cafe-etoile').map((row) => row.colleagueId)).not.toContain('demo-standard');
    expect(lastAudit()).toMatchObject({ action: 'grant-removed', after: null, before: { roleId: 'client-management.standard' } });
  });

  it('invites someone new by e-mail: an invited colleague, a pending invitation, then the grant', async () => {
    const result = await repo.commit(change({ person: { kind: 'invitee', email: ' Nadia.Roux@cabinet-martin.fr ' }, language: 'en-US' }));
    expect(result).toEqual({ status: 'done', invitationId: expect.any(String) });
    const id = repo.colleagueByEmail('demo', 'nadia.roux@cabinet-martin.fr')!;
    expect(repo.colleague('demo', id)).toMatchObject({ name: 'Nadia.Roux', status: 'invited', language: 'en-US' });
    expect(repo.canManageUsers('demo', id)).toBe(false);
    expect(grant('co-boulangerie-dupont', id)).toMatchObject({ roleId: 'autoentry.documents-basic', version: 1 });
    expect(repo.audit('demo').slice(-2).map((entry) => entry.action)).toEqual(['invitation-created', 'grant-added']);
  });

  it('refuses to invite an address with a bidi control or a zero-width space in it', async () => {
    await expectRefused(change({ person: { kind: 'invitee', email: 'nadia\u202E@cabinet-martin.fr' } }), 'unknown-person');
    await expectRefused(change({ person: { kind: 'invitee', email: 'nadia\u200B.roux@cabinet-martin.fr' } }), 'unknown-person');
  });

  it('treats an invitee e-mail of an existing colleague as that colleague', async () => {
    const count = repo.findColleagues('demo', 'cabinet-martin.fr').length;
    await repo.commit(change({ person: { kind: 'invitee', email: 'CAMILLE.LEROY@cabinet-martin.fr' } }));
    expect(grant('co-boulangerie-dupont', 'demo-basic')?.roleId).toBe('autoentry.documents-basic');
    expect(repo.findColleagues('demo', 'cabinet-martin.fr').length).toBe(count);
  });

  it('refuses the client’s own staff: they get access inside AutoEntry', async () => {
    expect(repo.isClientStaffEmail('demo', 'co-boulangerie-dupont', 'marie@Boulangerie-Dupont.fr')).toBe(true);
    expect(repo.isClientStaffEmail('demo', 'co-boulangerie-dupont', 'marie@compta.boulangerie-dupont.fr')).toBe(true);
    expect(repo.isClientStaffEmail('demo', 'co-boulangerie-dupont', 'marie@not-boulangerie-dupont.fr')).toBe(false);
    await expectRefused(change({ person: { kind: 'invitee', email: 'marie@boulangerie-dupont.fr' } }), 'client-staff');
    expect(repo.colleagueByEmail('demo', 'marie@boulangerie-dupont.fr')).toBeUndefined();
  });

  it('refuses a role of another product, a product the company lacks, and an unknown role', async () => {
    await expectRefused(change({ roleId: 'client-management.basic' }), 'wrong-product');
    await expectRefused(change({ product: 'futrli', roleId: 'futrli.standard' }), 'product-not-subscribed');
    await expectRefused(change({ roleId: 'autoentry.superuser' }), 'unknown-role');
  });
});

describe('reads for the cards', () => {
  it('lists products Client Management first, and who has access with their roles', () => {
    expect(repo.companyProducts('demo', 'co-green-leaf')).toEqual(['client-management', 'autoentry', 'goproposal', 'futrli']);
    expect(repo.companyProducts('demo', 'co-north-textiles-roubaix')).toEqual([]);
    const rows = repo.usersWithAccess('demo', 'co-green-leaf');
    expect(rows.map((row) => row.colleagueId)).toEqual(['demo-owner', 'demo-admin', 'demo-readonly', 'demo-practice']);
    expect(rows[3].grants.map((g) => g.roleId)).toEqual([
      'client-management.practice-management', 'autoentry.expenses-standard', 'goproposal.proposal-standard',
    ]);
    expect(repo.role('demo', 'autoentry.files-admin')).toEqual({ id: 'autoentry.files-admin', product: 'autoentry', kind: 'default' });
  });

  it('hands out copies, so a caller cannot change the store behind the repository', () => {
    repo.colleague('demo', 'demo-standard')!.practiceRole = 'client-management.administrator';
    repo.company('demo', 'co-cafe-etoile')!.emailDomains.push('cabinet-martin.fr');
    expect(repo.canManageUsers('demo', 'demo-standard')).toBe(false);
    expect(repo.isClientStaffEmail('demo', 'co-cafe-etoile', 'julien.moreau@cabinet-martin.fr')).toBe(false);
  });
});

describe('practices are kept apart', () => {
  it('treats ids of practice north as unknown in practice demo', async () => {
    await expectRefused(change({ companyId: 'co-north-boulangerie-dupont' }), 'unknown-company');
    await expectRefused(change({ person: { kind: 'colleague', colleagueId: 'north-standard' } }), 'unknown-person');
    await expectRefused(change({ roleId: 'custom-north-releves' }), 'unknown-role');
    expect(repo.company('demo', 'co-north-boulangerie-dupont')).toBeUndefined();
    expect(repo.colleague('demo', 'north-owner')).toBeUndefined();
    expect(repo.role('demo', 'custom-north-releves')).toBeUndefined();
    expect(repo.isRoleOf('demo', 'custom-north-releves', 'autoentry')).toBe(false);
    expect(repo.rolePermissions('demo', 'custom-north-releves')).toEqual([]);
    expect(repo.grantOf('demo', 'co-north-brasserie-beffroi', 'north-standard', 'autoentry')).toBeUndefined();
    expect(repo.isRoleOf('north', 'custom-north-releves', 'autoentry')).toBe(true);
  });

  it('finds the practice from its tenant and the colleague from their Teams identity', () => {
    expect(repo.practiceByTenant('2B8E4F61-3C7D-4A9E-8F10-6A5B4C3D2E1F')).toBe('north');
    expect(repo.practiceByTenant('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(repo.colleagueByIdentity('demo', { aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a02', fromId: 'demo-owner' })).toBe('demo-admin');
    expect(repo.colleagueByIdentity('demo', { fromId: 'demo-owner' })).toBe('demo-owner');
    expect(repo.colleagueByIdentity('demo', { fromId: 'north-owner' })).toBeUndefined();
  });
});

describe('rule 5: custom roles', () => {
  const role = (name: string, permissions = ['purchases.view'], actorId = 'demo-admin') =>
    repo.createRole({ practiceId: 'demo', actorId, product: 'autoentry', name, permissions });
  const rejected = async (created: Promise<string>) => {
    const error = await created.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RoleRejected);
    return (error as RoleRejected).problem;
  };

  it('rejects names that clash, case- and accent-insensitively, with custom or default roles', async () => {
    expect(await rejected(role('saisie ACHATS'))).toBe('duplicate');
    expect(await rejected(role('  Saisie Achats  '))).toBe('duplicate');
    expect(await rejected(role('Documents Standard'))).toBe('duplicate');
    expect(await rejected(role('administrator'))).toBe('duplicate');
    expect(repo.roleNameProblem('demo', 'autoentry', 'Sàisie achats')).toBe('duplicate');
    expect(repo.roleNameProblem('north', 'autoentry', 'Saisie achats')).toBeUndefined();
  });

  it('rejects a blank or 51-character name, and accepts 50', async () => {
    expect(await rejected(role('   '))).toBe('empty');
    expect(await rejected(role('a'.repeat(51)))).toBe('too-long');
    expect(repo.roleNameProblem('demo', 'autoentry', `  ${'é'.repeat(50)}  `)).toBeUndefined();
  });

  it('stores a name without bidi controls or invisible characters, and rejects one with nothing else', async () => {
    const id = await role('\u202EAchats\u200B  seulement\u2066');
    expect(repo.role('demo', id)?.name).toBe('Achats seulement');
    expect(await rejected(role('\u202E\u200B\uFEFF\u00AD'))).toBe('empty');
    expect(await rejected(role('Saisie\u200B achats'))).toBe('duplicate');
  });

  it('rejects an empty or unknown permission set, a product without catalogue, and a colleague who may not manage', async () => {
    expect(await rejected(role('Vide', []))).toBe('no-permissions');
    expect(await rejected(role('Inconnu', ['purchases.view', 'payroll.run']))).toBe('unknown-permission');
    expect(await rejected(repo.createRole({ practiceId: 'demo', actorId: 'demo-admin', product: 'goproposal', name: 'GP', permissions: ['x'] })))
      .toBe('no-catalogue');
    expect(await rejected(role('Contrôle', ['purchases.view'], 'demo-standard'))).toBe('not-allowed');
    expect(lastAudit()).toMatchObject({ action: 'role-created', outcome: 'refused', reason: 'not-allowed', actorId: 'demo-standard' });
    expect(repo.assignableRoles('demo', 'autoentry')).toHaveLength(8 + 1);
  });

  it('creates a role that can then be given, its permissions in catalogue order', async () => {
    const id = await role(' Relevés et ventes ', ['sales.view', 'bank-statements.upload', 'sales.view']);
    expect(repo.role('demo', id)).toEqual({ id, product: 'autoentry', kind: 'custom', name: 'Relevés et ventes' });
    expect(repo.rolePermissions('demo', id)).toEqual(['bank-statements.upload', 'sales.view']);
    expect(repo.assignableRoles('demo', 'autoentry').at(-1)).toBe(id);
    expect(lastAudit()).toMatchObject({ action: 'role-created', outcome: 'done', after: { id } });
    expect(await repo.commit(change({ roleId: id }))).toEqual({ status: 'done' });
  });
});
