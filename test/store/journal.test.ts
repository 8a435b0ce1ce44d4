// The store's layout: the JSON file is a snapshot, each committed change one flushed journal line beside
// it, replayed at start and folded into the snapshot (compaction) at start and on a graceful stop.
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { failNextWrite, openStore } from '../support/openStore.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { change, NOW, openRepository } from './helpers.ts';

const journalOf = (file: string) => `${file}.journal`;
const journalLines = async (file: string) => (await readFile(journalOf(file), 'utf8')).split('\n').filter(Boolean);
const reopen = async (file: string) => new AccessRepository(await openStore(file), () => NOW);
const edit = (roleId: string, baseVersion = 1) => change({ companyId: 'co-garage-leroy', mode: 'edit', roleId, baseVersion });

describe('a committed change', () => {
  it('is one flushed journal line when the commit resolves; the store file is not rewritten', async () => {
    const { repo, file } = await openRepository();
    const snapshot = await readFile(file, 'utf8');
    expect(await repo.commit(change({ addClientManagementBasic: true }))).toEqual({ status: 'done' });
    expect(await readFile(file, 'utf8')).toBe(snapshot);
    const [line, ...more] = await journalLines(file);
    expect(more).toEqual([]);
    const record = JSON.parse(line);
    expect(record.practiceId).toBe('demo');
    // The grant, Client Management Basic and one audit entry for each.
    expect(record.ops.map((op: { list: string }) => op.list).sort()).toEqual(['audit', 'audit', 'grants', 'grants']);
  });

  it('is there after a crash (no compaction): the next start replays the journal, then folds it in', async () => {
    const { repo, file } = await openRepository();
    await repo.commit(change({ person: { kind: 'invitee', email: 'nadia@cabinet-martin.fr' } }));
    await repo.commit(edit('autoentry.files-admin'));
    await repo.commit(change({ companyId: 'co-cafe-etoile', person: { kind: 'colleague', colleagueId: 'demo-standard' }, mode: 'remove', roleId: undefined, baseVersion: 1 }));
    const roleId = await repo.createRole({ practiceId: 'demo', actorId: 'demo-owner', product: 'autoentry', name: 'Ventes', permissions: ['sales.view'] });
    // Not stopped: no compaction. What a restart reads must be what the running repository holds.
    const restarted = await reopen(file);
    expect(restarted.audit('demo')).toEqual(repo.audit('demo'));
    expect(restarted.usersWithAccess('demo', 'co-boulangerie-dupont')).toEqual(repo.usersWithAccess('demo', 'co-boulangerie-dupont'));
    expect(restarted.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')).toMatchObject({ roleId: 'autoentry.files-admin', version: 2 });
    expect(restarted.grantOf('demo', 'co-cafe-etoile', 'demo-standard', 'autoentry')).toBeUndefined();
    expect(restarted.role('demo', roleId)).toMatchObject({ kind: 'custom', name: 'Ventes' });
    expect(restarted.findColleagues('demo', 'nadia')).toHaveLength(1);
    // Folded in at start: the snapshot holds it all and the journal is empty.
    expect((await stat(journalOf(file))).size).toBe(0);
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    expect(snapshot.practices[0].audit).toEqual(repo.audit('demo'));
  });

  it('keeps the order of the lists: a replayed store is the store that was in memory', async () => {
    const { repo, db, file } = await openRepository();
    await repo.commit(change({ addClientManagementBasic: true }));
    await repo.commit(change({ companyId: 'co-garage-leroy', mode: 'remove', roleId: undefined, baseVersion: 1 }));
    await repo.commit(change({ person: { kind: 'invitee', email: 'nadia@cabinet-martin.fr' }, companyId: 'co-cafe-etoile' }));
    const inMemory = JSON.stringify(db.data);
    const reopened = await openStore(file);
    expect(JSON.stringify(reopened.data)).toBe(inMemory);
  });
});

describe('a crash in the middle of an append', () => {
  it('leaves a torn last line, which the next start ignores and cuts off; the changes before it are kept', async () => {
    const { repo, file } = await openRepository();
    await repo.commit(change());
    const whole = await readFile(journalOf(file), 'utf8');
    // The next change was being written when the power went: half a line, no newline.
    await appendFile(journalOf(file), '{"practiceId":"demo","ops":[{"op":"put","list":"grants","item":{"id":"grant-');
    const restarted = await reopen(file);
    expect(restarted.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toMatchObject({ roleId: 'autoentry.documents-basic' });
    expect(restarted.audit('demo')).toHaveLength(1);
    expect((await stat(journalOf(file))).size).toBe(0);
    // The torn line never comes back, and later changes are whole lines of their own.
    await restarted.commit(edit('autoentry.files-admin'));
    const lines = await journalLines(file);
    expect(lines).toHaveLength(1);
    expect(() => JSON.parse(lines[0])).not.toThrow();
    expect(whole.endsWith('\n')).toBe(true);
  });

  it('ignores a journal holding only a torn line', async () => {
    const { file } = await openRepository();
    await writeFile(journalOf(file), '{"practiceId":"de');
    const restarted = await reopen(file);
    expect(restarted.audit('demo')).toEqual([]);
    await restarted.commit(change());
    expect(JSON.parse((await journalLines(file))[0]).practiceId).toBe('demo');
  });
});

describe('compaction', () => {
  it('on a graceful stop: the snapshot takes every change and the journal is emptied', async () => {
    const { repo, file } = await openRepository();
    await Promise.all([repo.commit(change()), repo.commit(edit('autoentry.files-admin'))]);
    await repo.compact();
    expect((await stat(journalOf(file))).size).toBe(0);
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    expect(snapshot.practices[0].audit).toEqual(repo.audit('demo'));
    expect((await reopen(file)).grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')?.version).toBe(2);
  });

  it('replays harmlessly when a crash came between writing the snapshot and emptying the journal', async () => {
    const { repo, db, file } = await openRepository();
    await repo.commit(change({ addClientManagementBasic: true }));
    await repo.commit(edit('autoentry.files-admin'));
    await repo.commit(change({ companyId: 'co-cafe-etoile', person: { kind: 'colleague', colleagueId: 'demo-standard' }, mode: 'remove', roleId: undefined, baseVersion: 1 }));
    const journal = await readFile(journalOf(file));
    await repo.compact();
    await writeFile(journalOf(file), journal);
    const reopened = await openStore(file);
    expect(JSON.stringify(reopened.data)).toBe(JSON.stringify(db.data));
  });
});

describe('a journal that cannot be trusted', () => {
  it('refuses a whole line that is not a change, naming the journal and the line, and changes no file', async () => {
    const { repo, file } = await openRepository();
    await repo.commit(change());
    await appendFile(journalOf(file), '{"practiceId":"demo","ops":[{"op":"drop","list":"grants"}]}\n');
    await repo.commit(edit('autoentry.files-admin'));
    const before = [await readFile(file), await readFile(journalOf(file))];
    const opening = openStore(file);
    await expect(opening).rejects.toThrow(`${journalOf(file)}, line 2`);
    expect([await readFile(file), await readFile(journalOf(file))]).toEqual(before);
  });

  it('refuses a journal whose changes break the store, naming it', async () => {
    const { file } = await openRepository();
    const grant = { id: 'grant-x', companyId: 'co-gone', colleagueId: 'demo-basic', product: 'autoentry', roleId: 'autoentry.files-basic', language: 'en-GB', version: 1, updatedAt: NOW.toISOString(), updatedBy: 'demo-owner' };
    await writeFile(journalOf(file), `${JSON.stringify({ practiceId: 'demo', ops: [{ op: 'put', list: 'grants', item: grant }] })}\n`);
    await expect(openStore(file)).rejects.toThrow(/no company co-gone/);
    await expect(openStore(file)).rejects.toThrow(journalOf(file));
  });

  it('refuses changes without the store file they belong to', async () => {
    const { repo, file } = await openRepository();
    await repo.commit(change());
    const orphan = `${file}.elsewhere.json`;
    await writeFile(journalOf(orphan), await readFile(journalOf(file)));
    await expect(openStore(orphan)).rejects.toThrow(/holds changes but the store file .* is missing/);
  });
});

describe('a failed journal write', () => {
  it('takes back exactly what the change did, and writes nothing of it', async () => {
    const { repo, db, file } = await openRepository();
    await repo.commit(change());
    const before = JSON.stringify(db.data);
    failNextWrite(db);
    await expect(repo.commit(change({ person: { kind: 'invitee', email: 'nadia@cabinet-martin.fr' }, addClientManagementBasic: true, companyId: 'co-cafe-etoile' }))).rejects.toThrow('ENOSPC');
    expect(JSON.stringify(db.data)).toBe(before);
    expect(repo.findColleagues('demo', 'nadia')).toEqual([]);
    expect(await journalLines(file)).toHaveLength(1);
    expect(JSON.stringify((await openStore(file)).data)).toBe(before);
  });

  it('refuses the changes written with it, and applies again, to the data as it now stands, those queued behind it', async () => {
    const { repo, db } = await openRepository();
    const journal = db.journaled;
    // Hold the first write so that the next changes queue behind it, then fail it.
    const append = journal.appendBatch.bind(journal);
    let release!: () => void;
    journal.appendBatch = async () => {
      journal.appendBatch = append;
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('EIO: i/o error');
    };
    const first = repo.commit(edit('autoentry.files-admin'));
    // Based on the version the first edit would have made: after it fails, that base is stale.
    const second = repo.commit(edit('autoentry.documents-basic', 2));
    const third = repo.commit(change({ companyId: 'co-cafe-etoile', person: { kind: 'colleague', colleagueId: 'demo-owner' } }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await expect(first).rejects.toThrow('EIO');
    expect(await second).toEqual({ status: 'conflict', current: expect.objectContaining({ version: 1, roleId: 'autoentry.files-basic' }) });
    expect(await third).toEqual({ status: 'done' });
    expect(repo.grantOf('demo', 'co-garage-leroy', 'demo-basic', 'autoentry')).toMatchObject({ version: 1, roleId: 'autoentry.files-basic' });
    expect(repo.audit('demo').map(({ action, outcome, reason }) => ({ action, outcome, reason }))).toEqual([
      { action: 'grant-changed', outcome: 'refused', reason: 'conflict' },
      { action: 'grant-added', outcome: 'done', reason: undefined },
    ]);
  });
});
