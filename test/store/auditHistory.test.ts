// The chat history's read of the audit: filtered, newest first, one page, forged payloads left out, copies only.
import { describe, expect, it } from 'vitest';
import { change, openRepository } from './helpers.ts';

describe('auditEntries', () => {
  it('filters by company and by colleague (about them or made by them), newest first, one page at a time', async () => {
    const { repo } = await openRepository();
    await repo.commit(change());
    await repo.commit(change({ companyId: 'co-garage-leroy', person: { kind: 'colleague', colleagueId: 'demo-practice' }, mode: 'add', language: 'en-GB' }));
    await repo.recordRefusal('demo', 'demo-standard', { step: 'start' }, 'not-allowed');
    await repo.recordRefusal('demo', 'demo-standard', { payload: { kind: 'object' } }, 'forged-payload');
    await repo.recordRefusal('demo', 'demo-standard', { repeated: { count: 7, from: 'a', to: 'b' } }, 'forged-payload');

    const all = repo.auditEntries('demo', {}, { offset: 0, limit: 100 });
    // Forged payloads, one by one or summarised, are not the chat's history.
    expect(all.entries.map((e) => e.reason ?? e.action)).toEqual(['not-allowed', 'grant-added', 'grant-added']);
    expect(all.total).toBe(3);

    expect(repo.auditEntries('demo', { companyId: 'co-garage-leroy' }, { offset: 0, limit: 10 }).total).toBe(1);
    expect(repo.auditEntries('demo', { colleagueId: 'demo-basic' }, { offset: 0, limit: 10 }).total).toBe(1);
    // Made by the Administrator: both grants.
    expect(repo.auditEntries('demo', { colleagueId: 'demo-admin' }, { offset: 0, limit: 10 }).total).toBe(2);
    expect(repo.auditEntries('demo', { colleagueId: 'demo-standard' }, { offset: 0, limit: 10 }).entries.map((e) => e.reason)).toEqual(['not-allowed']);
    expect(repo.auditEntries('demo', { since: '2099-01-01T00:00:00.000Z' }, { offset: 0, limit: 10 }).total).toBe(0);

    const second = repo.auditEntries('demo', {}, { offset: 1, limit: 1 });
    expect(second).toMatchObject({ total: 3 });
    expect(second.entries.map((e) => e.id)).toEqual([all.entries[1].id]);
    // A copy: changing it changes nothing stored.
    (second.entries[0] as { actorId: string }).actorId = 'someone';
    expect(repo.auditEntries('demo', {}, { offset: 1, limit: 1 }).entries[0].actorId).toBe('demo-admin');
  });

  it("lists a colleague's companies by name, roles in product order", async () => {
    const { repo } = await openRepository();
    expect(repo.colleagueAccess('demo', 'demo-standard')).toEqual([
      { companyId: 'co-boulangerie-dupont', grants: [expect.objectContaining({ product: 'client-management' }), expect.objectContaining({ product: 'autoentry', roleId: 'autoentry.documents-standard' })] },
      { companyId: 'co-cafe-etoile', grants: [expect.objectContaining({ product: 'client-management' }), expect.objectContaining({ roleId: 'autoentry.documents-basic' })] },
      { companyId: 'co-dupont-freres', grants: [expect.objectContaining({ product: 'client-management' }), expect.objectContaining({ roleId: 'custom-saisie-achats' })] },
    ]);
    expect(repo.colleagueAccess('demo', 'nobody')).toEqual([]);
  });
});
