// The practice's set-up through the repository, as the operator's command and the chat use it: an
// import previewed, then applied in one change (all or nothing, audited); a practice registered.
import { existsSync } from 'node:fs';
import { copyFile, rm, symlink } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../flows/ports.ts';
import { readCsv } from '../../src/import/readCsv.ts';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { openStore } from '../support/openStore.ts';
import { validateStore } from '../../src/domain/validateStore.ts';
import { storeBytes, storeOnDisk } from '../support/storeOnDisk.ts';
import { openRepository, tempFile } from './helpers.ts';

function csv(text: string) {
  const read = readCsv(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.problem.reason);
  return read.table;
}

const COMPANIES = csv('Nom;Produits\nBoulangerie Martin;AutoEntry, Futrli\nDUPONT FRERES;\nÉpicerie Vauban;\n');
const COLLEAGUES = csv('Name,E-mail,Role,Language\nNina Roy,nina.roy@cabinet-martin.fr,Standard,fr-CA\nClaire,CLAIRE.MARTIN@cabinet-martin.fr,Basic,fr-FR\nPaul,paul@boulangerie-dupont.fr,Basic,fr-FR\n');

describe('an import through the repository', () => {
  it('previews without writing, then adds only the new rows in one change, each audited, read back after a restart', async () => {
    const { file, repo } = await openRepository();
    const before = await storeBytes(file);
    const preview = repo.previewImport('demo', 'companies', COMPANIES);
    expect(preview?.ok && preview.preview).toMatchObject({ fresh: [{ line: 2 }, { line: 4 }], existing: [{ line: 3, name: 'DUPONT FRERES' }], refused: [] });
    expect(await storeBytes(file)).toBe(before);

    const outcome = await repo.importRows('demo', { colleagueId: 'demo-admin' }, 'companies', COMPANIES);
    expect(outcome.status).toBe('done');
    const found = repo.findCompanies('demo', 'vauban');
    expect(found).toHaveLength(1);
    expect(repo.company('demo', found[0])).toMatchObject({ name: 'Épicerie Vauban', products: ['client-management', 'autoentry'], emailDomains: [] });

    const onDisk = await storeOnDisk(file);
    expect(validateStore(onDisk)).toEqual([]);
    const demo = onDisk.practices.find((p) => p.id === 'demo')!;
    expect(demo.companies.filter((c) => ['Boulangerie Martin', 'Épicerie Vauban'].includes(c.name))).toHaveLength(2);
    const added = demo.audit.filter((entry) => entry.action === 'company-added');
    expect(added.map((entry) => [entry.actorId, entry.outcome, (entry.after as { name: string }).name])).toEqual([
      ['demo-admin', 'done', 'Boulangerie Martin'], ['demo-admin', 'done', 'Épicerie Vauban'],
    ]);
  });

  it('adds colleagues as invited, with their invitation audited; an address of a client company is refused', async () => {
    const { repo } = await openRepository();
    const outcome = await repo.importRows('demo', OPERATOR, 'colleagues', COLLEAGUES);
    expect(outcome.status === 'done' && outcome.preview).toMatchObject({
      fresh: [{ line: 2 }], existing: [{ line: 3 }], refused: [{ line: 4, reason: 'client-staff' }],
    });
    const nina = repo.colleagueByEmail('demo', 'nina.roy@cabinet-martin.fr')!;
    expect(repo.colleague('demo', nina)).toMatchObject({ name: 'Nina Roy', status: 'invited', practiceRole: 'client-management.standard', language: 'fr-CA' });
    expect(repo.findColleagues('demo', 'nina roy')).toContain(nina);
    expect(repo.audit('demo').at(-1)).toMatchObject({ actorId: OPERATOR, action: 'invitation-created', colleagueId: nina, outcome: 'done' });
  });

  it('refuses a colleague who may not manage users (rule 1), audits the attempt and adds nothing', async () => {
    const { repo } = await openRepository();
    const outcome = await repo.importRows('demo', { colleagueId: 'demo-standard' }, 'companies', COMPANIES);
    expect(outcome).toEqual({ status: 'refused', reason: 'not-allowed' });
    expect(repo.findCompanies('demo', 'vauban')).toEqual([]);
    expect(repo.audit('demo').at(-1)).toMatchObject({ actorId: 'demo-standard', action: 'company-added', outcome: 'refused', reason: 'not-allowed' });
  });

  it('previews again when applying: a company added since the preview is not added twice', async () => {
    const { repo } = await openRepository();
    await repo.importRows('demo', OPERATOR, 'companies', csv('Name\nepicerie vauban\n'));
    const outcome = await repo.importRows('demo', OPERATOR, 'companies', COMPANIES);
    expect(outcome.status === 'done' && outcome.preview.fresh.map((row) => row.item.name)).toEqual(['Boulangerie Martin']);
    expect(repo.findCompanies('demo', 'vauban')).toHaveLength(1);
  });

  describe.skipIf(!existsSync('/dev/full'))('on a full disk', () => {
    it('adds nothing at all, in memory or on disk, when the change cannot be written', async () => {
      // A store file already there: opening it writes nothing, so the journal is first opened by the import.
      const file = await tempFile();
      await copyFile(new URL('../../data/demo.json', import.meta.url), file);
      const { repo } = await openRepository(file);
      const before = await storeBytes(file);
      // Writing to /dev/full fails with ENOSPC, even for root: the journal pointed at it is a full disk.
      await symlink('/dev/full', `${file}.journal`);
      await expect(repo.importRows('demo', OPERATOR, 'companies', COMPANIES)).rejects.toThrow(/could not write .*store\.json\.journal/);
      await rm(`${file}.journal`);
      expect(repo.findCompanies('demo', 'vauban')).toEqual([]);
      const again = repo.previewImport('demo', 'companies', COMPANIES);
      expect(again?.ok && again.preview.fresh).toHaveLength(2);
      expect(repo.audit('demo').filter((entry) => entry.action === 'company-added')).toEqual([]);
      expect(await storeBytes(file)).toBe(before);
    });
  });
});

describe('registering a practice through the repository', () => {
  it('adds it beside the others, as a new snapshot that the next start reads', async () => {
    const { file, repo } = await openRepository();
    const outcome = await repo.registerPractice({ name: 'Cabinet Dubois', tenantId: 'AAAAAAAA-1111-2222-3333-444444444444', ownerEmail: 'marie@dubois.fr', ownerLanguage: 'fr-FR' });
    expect(outcome).toEqual({ status: 'done', practiceId: 'cabinet-dubois' });
    expect(repo.practiceByTenant('aaaaaaaa-1111-2222-3333-444444444444')).toBe('cabinet-dubois');
    const reopened = new AccessRepository(await openStore(file));
    expect(reopened.practiceSummary('cabinet-dubois')).toEqual({
      name: 'Cabinet Dubois', tenantId: 'aaaaaaaa-1111-2222-3333-444444444444', companies: 0, colleagues: 1, grants: 0, invitations: 1,
    });
    const owner = reopened.colleagueByEmail('cabinet-dubois', 'marie@dubois.fr')!;
    expect(reopened.colleague('cabinet-dubois', owner)).toEqual({
      id: owner, name: 'marie', email: 'marie@dubois.fr', language: 'fr-FR', status: 'invited', practiceRole: 'client-management.business-owner',
    });
    expect(reopened.practiceByTenant('7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d')).toBe('demo');
  });

  it('refuses a tenant already registered, in any case, and changes nothing', async () => {
    const { file, repo } = await openRepository();
    const before = await storeBytes(file);
    expect(await repo.registerPractice({ name: 'Again', tenantId: '7D3C9A52-5F1E-4B8A-9C2D-1E0F3A4B5C6D', ownerEmail: 'a@b.fr' }))
      .toEqual({ status: 'refused', problem: 'tenant-taken' });
    expect(await storeBytes(file)).toBe(before);
  });
});
