// The catalogue and the demo data say what domain.md says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/domain/catalogue.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { validateStore } from '../../src/domain/validateStore.ts';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
const perms = (id: string) => catalogue.defaultRole(id)?.permissions;

describe('catalogue', () => {
  it('groups the AutoEntry permissions as Show role does', () => {
    expect(catalogue.permissionGroups('autoentry').map((g) => g.group)).toEqual([
      'bank-statements', 'purchases', 'sales', 'simple-documents', 'expenses', 'files', 'company-management',
    ]);
    expect(catalogue.permissions('autoentry')).toHaveLength(3 + 5 + 5 + 6 + 4 + 5 + 3);
    expect(catalogue.permissions('autoentry')).toContain('simple-documents.sales-summaries-upload');
    expect(catalogue.permissionGroups('goproposal')).toEqual([]);
  });

  it('gives each AutoEntry default role the permissions of the table', () => {
    const all = catalogue.permissions('autoentry');
    expect(perms('autoentry.administrator')).toEqual(all);
    expect(perms('autoentry.standard-administrator')).toEqual(all.filter((p) => !p.startsWith('company-management.')));
    expect(perms('autoentry.documents-basic')).toEqual(['purchases.view', 'purchases.edit', 'sales.view', 'sales.edit', 'expenses.submit']);
    expect(perms('autoentry.documents-standard')).toEqual([
      'bank-statements.upload', 'bank-statements.edit', 'bank-statements.delete',
      'purchases.view', 'purchases.upload', 'purchases.edit', 'sales.view', 'sales.upload', 'sales.edit',
      ...all.filter((p) => p.startsWith('simple-documents.')), 'expenses.submit',
    ]);
    expect(perms('autoentry.expenses-admin')).toEqual(all.filter((p) => p.startsWith('expenses.')));
    expect(perms('autoentry.expenses-standard')).toEqual(['expenses.submit']);
    expect(perms('autoentry.files-admin')).toEqual(['files.upload', 'files.move', 'files.edit']);
    expect(perms('autoentry.files-basic')).toEqual(['files.move', 'files.edit']);
  });

  it('lists every default role, practice-wide only for AutoEntry Administrator', () => {
    expect(catalogue.defaultRoles('client-management').map((r) => r.id)).toEqual([
      'client-management.business-owner', 'client-management.administrator', 'client-management.standard',
      'client-management.basic', 'client-management.read-only', 'client-management.practice-management',
    ]);
    expect(catalogue.defaultRoles('goproposal')).toHaveLength(6);
    expect(catalogue.defaultRoles('futrli').map((r) => r.id)).toEqual(['futrli.administrator', 'futrli.standard']);
    const wide = ['client-management', 'autoentry', 'goproposal', 'futrli'] as const;
    expect(wide.flatMap((p) => catalogue.defaultRoles(p)).filter((r) => r.practiceWide).map((r) => r.id))
      .toEqual(['autoentry.administrator']);
  });
});

describe('demo data', () => {
  it('passes the store check', () => {
    expect(validateStore(demo)).toEqual([]);
  });

  it('has what the demo needs', () => {
    const [main, north] = demo.practices;
    expect(main.companies.length).toBeGreaterThanOrEqual(12);
    expect(main.companies.map((c) => c.name)).toEqual(expect.arrayContaining(['Boulangerie Dupont SARL', 'Dupont Frères']));
    const roles = new Set(main.colleagues.map((c) => c.practiceRole));
    expect([...roles].sort()).toEqual(catalogue.defaultRoles('client-management').map((r) => r.id).sort());
    const owner = main.colleagues.find((c) => c.practiceRole === 'client-management.business-owner')!;
    expect(main.companies.every((co) => main.grants.some((g) => g.companyId === co.id && g.colleagueId === owner.id
      && g.roleId === 'client-management.business-owner'))).toBe(true);
    expect(main.companies.some((co) => !main.grants.some((g) => g.companyId === co.id && g.product === 'autoentry'))).toBe(true);
    expect(main.invitations.map((i) => i.colleagueId))
      .toEqual(main.colleagues.filter((c) => c.status === 'invited').map((c) => c.id));
    expect(north.companies).toHaveLength(3);
  });

  it('is refused with a reason when an id appears twice or a reference is broken', () => {
    const broken = structuredClone(demo);
    broken.practices[1].companies[0].id = broken.practices[0].companies[0].id;
    broken.practices[0].grants[0].colleagueId = 'north-owner';
    const problems = validateStore(broken);
    expect(problems.some((p) => p.includes('used twice'))).toBe(true);
    expect(problems.some((p) => p.includes('no colleague north-owner'))).toBe(true);
  });
});
