// Writes: conflicts, durability, audit, corrupt files and failed writes.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { openStore } from '../support/openStore.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { change, NOW, openRepository, tempFile } from './helpers.ts';

const edit = (roleId: string, baseVersion: number | null = 1) =>
  change({ companyId: 'co-garage-leroy', mode: 'edit', roleId, baseVersion });

describe('conflicts', () => {
  it('lets one of two edits from the same version win; the other sees the winner', async () => {
    const { repo } = await openRepository();
    const results = await Promise.all([repo.commit(edit('autoentry.files-admin')), repo.commit(edit('autoentry.documents-basic'))]);
    expect(results[0]).toEqual({ status: 'done' });
    const winner = { product: 'autoentry', roleId: 'autoentry.files-admin', language: 'fr-CA', version: 2 };
    expect(results[1]).toEqual({ status: 'conflict', current: winner });
    expect(repo.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')).toEqual(winner);
    expect(repo.audit('demo').map(({ action, outcome, reason }) => ({ action, outcome, reason }))).toEqual([
      { action: 'grant-changed', outcome: 'done' },
      { action: 'grant-changed', outcome: 'refused', reason: 'conflict' },
    ]);
  });

  it('refuses a base that does not match what is stored', async () => {
    const { repo } = await openRepository();
    expect(await repo.commit(edit('autoentry.files-admin', null))).toMatchObject({ status: 'conflict', current: { version: 1 } });
    expect(await repo.commit(edit('autoentry.files-admin', 7))).toMatchObject({ status: 'conflict', current: { version: 1 } });
    expect(await repo.commit(change({ baseVersion: 1 }))).toEqual({ status: 'conflict', current: null });
    expect(await repo.commit(change({ mode: 'remove', roleId: undefined }))).toEqual({ status: 'conflict', current: null });
    expect(repo.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.files-basic');
  });
});

describe('durability and audit', () => {
  it('keeps changes, roles and the audit after closing and reopening, in compact JSON', async () => {
    const { repo, file } = await openRepository();
    await repo.commit(change({ addClientManagementBasic: true }));
    const roleId = await repo.createRole({ practiceId: 'demo', actorId: 'demo-owner', product: 'autoentry', name: 'Ventes', permissions: ['sales.view'] });
    const reopened = new AccessRepository(await openStore(file));
    expect(reopened.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')?.roleId).toBe('autoentry.documents-basic');
    expect(reopened.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'client-management')?.roleId).toBe('client-management.basic');
    expect(reopened.role('demo', roleId)).toMatchObject({ kind: 'custom', name: 'Ventes' });
    expect(reopened.audit('demo')).toEqual(repo.audit('demo'));
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('\n');
  });

  it('audits each change exactly once', async () => {
    const { repo } = await openRepository();
    const counts = [repo.audit('demo').length];
    const count = async (done: Promise<unknown>) => {
      await done;
      counts.push(repo.audit('demo').length);
    };
    await count(repo.commit(edit('autoentry.files-admin')));
    await count(repo.commit(change({ addClientManagementBasic: true })));
    await count(repo.commit(change({ person: { kind: 'invitee', email: 'nadia@cabinet-martin.fr' } })));
    await count(repo.commit(change({ companyId: 'co-garage-leroy', mode: 'remove', roleId: undefined, baseVersion: 2 })));
    await count(repo.recordRefusal('demo', 'demo-standard', { mode: 'add', companyId: 'co-cafe-etoile' }, 'not-allowed'));
    // edit: 1; grant + CM Basic: 2; invitation + grant: 2; removal: 1; refusal: 1.
    expect(counts.slice(1).map((n, i) => n - counts[i])).toEqual([1, 2, 2, 1, 1]);
    expect(new Set(repo.audit('demo').map((entry) => entry.id)).size).toBe(7);
    expect(repo.audit('demo').at(-1)).toMatchObject({ action: 'grant-added', outcome: 'refused', companyId: 'co-cafe-etoile' });
    expect(repo.audit('north')).toEqual([]);
  });

  it('keeps a forged payload in the audit only up to a bounded size', async () => {
    const { repo } = await openRepository();
    await repo.recordRefusal('demo', 'demo-admin', { payload: { junk: 'x'.repeat(50_000) } }, 'forged-payload');
    const entry = repo.audit('demo')[0];
    expect(entry).toMatchObject({ action: 'access-attempt', outcome: 'refused', reason: 'forged-payload', actorId: 'demo-admin' });
    expect(JSON.stringify(entry.after).length).toBeLessThan(2100);
    await repo.recordRefusal('demo', 'demo-admin', { payload: { v: 1 } }, 'forged-payload');
    expect(repo.audit('demo')[1].after).toEqual({ payload: { v: 1 } });
  });
});

describe('compaction at a stop', () => {
  it('rewrites the store file only when the journal holds changes', async () => {
    const { repo, file } = await openRepository();
    const opened = await stat(file);
    await repo.compact();
    expect((await stat(file)).ino).toBe(opened.ino);

    await repo.commit(change());
    await repo.compact();
    const compacted = await stat(file);
    expect(compacted.ino).not.toBe(opened.ino);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe('');
    await repo.compact();
    expect((await stat(file)).ino).toBe(compacted.ino);
    expect(new AccessRepository(await openStore(file)).grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toBeDefined();
  });
});

describe('opening the store file', () => {
  it('creates a missing file from the demo data, or from a given seed', async () => {
    const { repo } = await openRepository();
    expect(repo.practice('demo')?.name).toBe('Cabinet Martin & Associés');
    const seedFile = await tempFile('nested/dir/seeded.json');
    const seed = JSON.parse(await readFile(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;
    seed.practices = seed.practices.filter((p) => p.id === 'north');
    const seeded = new AccessRepository(await openStore(seedFile, seed));
    expect(seeded.practice('demo')).toBeUndefined();
    expect(JSON.parse(await readFile(seedFile, 'utf8')).practices).toHaveLength(1);
  });

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, text.length / 2), /not valid JSON/],
    ['JSON null', () => 'null', /wrong shape/],
    ['a practice without lists', () => '{"schemaVersion":1,"practices":[{"id":"x","name":"X","tenantId":"t"}]}', /colleagues: expected a list/],
    ['a grant on an unknown company', (text: string) => text.replace('"companyId":"co-cafe-etoile"', '"companyId":"co-gone"'), /no company co-gone/],
  ])('refuses %s, naming the file, and leaves it untouched', async (_, corrupt, problem) => {
    const { file } = await openRepository();
    await writeFile(file, corrupt(await readFile(file, 'utf8')));
    const bytes = await readFile(file);
    const opening = openStore(file);
    await expect(opening).rejects.toThrow(file);
    await expect(opening).rejects.toThrow(problem);
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });
});

describe('a failed write', () => {
  /** The store, its journal writes failing while `failures` is above zero. */
  async function flakyRepository() {
    const db = await openStore(await tempFile());
    const adapter = { failures: 0 };
    const appendBatch = db.journaled.appendBatch.bind(db.journaled);
    db.journaled.appendBatch = async (bytes) => {
      if (adapter.failures > 0) {
        adapter.failures -= 1;
        throw new Error('disk full');
      }
      await appendBatch(bytes);
    };
    return { adapter, db, repo: new AccessRepository(db, () => NOW) };
  }

  it('leaves memory as it was and rethrows', async () => {
    const { adapter, db, repo } = await flakyRepository();
    const before = JSON.stringify(db.data);
    adapter.failures = 3;
    await expect(repo.commit(change({ person: { kind: 'invitee', email: 'nadia@cabinet-martin.fr' }, addClientManagementBasic: true }))).rejects.toThrow('disk full');
    await expect(repo.commit(edit('autoentry.files-admin'))).rejects.toThrow('disk full');
    await expect(repo.createRole({ practiceId: 'demo', actorId: 'demo-admin', product: 'autoentry', name: 'Ventes', permissions: ['sales.view'] })).rejects.toThrow('disk full');
    expect(JSON.stringify(db.data)).toBe(before);
    expect(repo.findColleagues('demo', 'nadia')).toEqual([]);
  });

  it('does not undo a change queued behind it', async () => {
    const { adapter, repo } = await flakyRepository();
    adapter.failures = 1;
    const [failed, done] = await Promise.allSettled([
      repo.commit(edit('autoentry.files-admin')),
      repo.commit(change({ companyId: 'co-cafe-etoile', person: { kind: 'colleague', colleagueId: 'demo-owner' } })),
    ]);
    expect(failed.status).toBe('rejected');
    expect(done).toEqual({ status: 'fulfilled', value: { status: 'done' } });
    expect(repo.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.version).toBe(1);
    expect(repo.grantOf('demo', 'co-cafe-etoile', 'demo-owner', 'autoentry')?.version).toBe(1);
    expect(repo.audit('demo')).toHaveLength(1);
  });
});
