// The storage engines' contract (src/storage/engine.ts): the same cases for the JSON files and for PostgreSQL,
// through their public doors (openJsonStorage, openPostgresStorage, a repository over them), checking what the
// repository relies on (src/repository/accessRepository.ts). Then what PostgreSQL alone promises: several
// instances on one database, and its migrations.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberImport } from '../../flows/ports.ts';
import { newPractice } from '../../src/domain/practiceSetup.ts';
import type { Practice, StoreData } from '../../src/domain/schema.ts';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import { NotWritten, Overtaken, VersionConflict, type PracticeStore, type Storage, type StoreOp } from '../../src/storage/engine.ts';
import { migrate, MIGRATIONS } from '../../src/storage/postgres/migrations.ts';
import { openPostgresStorage } from '../../src/storage/postgres/postgresStorage.ts';
import { DEMO_TENANT, newMember } from '../support/demoTeam.ts';
import { freshDatabase, postgresForTests } from '../support/postgres.ts';
import { DEMO, postgresPlace, storageEngines, type Place } from '../support/storageEngines.ts';
import { change, NOW } from './helpers.ts';

const places: Place[] = [];
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(places.splice(0).map((place) => place.remove()));
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

const label = () => expect.getState().currentTestName ?? 'storage contract';

/** Every key of a collection, sorted (a sweep that changes nothing visits them all). */
async function keysOf(storage: Storage, collection: 'conversations' | 'references'): Promise<string[]> {
  const keys: string[] = [];
  expect(await storage[collection].sweep((key) => void keys.push(key))).toBe(0);
  return keys.sort();
}

/** Ops applied as engine.ts says: a put replaces the item with its id where it stands, or adds it at the end; a delete takes it out. */
function apply(data: StoreData, practiceId: string, ops: readonly StoreOp[]): void {
  const practice = data.practices.find((each) => each.id === practiceId)!;
  for (const op of ops) {
    const items = practice[op.list] as Array<{ id: string }>;
    const at = items.findIndex((item) => item.id === (op.op === 'put' ? op.item.id : op.id));
    if (op.op === 'delete') {
      if (at >= 0) items.splice(at, 1);
    } else if (at >= 0) items[at] = structuredClone(op.item);
    else items.push(structuredClone(op.item));
  }
}

/** As the repository does: the store's data changed in memory first, then the change committed. */
function commit(store: PracticeStore, practiceId: string, ops: StoreOp[]): Promise<void> {
  apply(store.data, practiceId, ops);
  return store.commit({ practiceId, ops });
}

const demoCompany = DEMO.practices[0].companies[0];
const company = (id: string, name = `Company ${id}`) => ({ ...structuredClone(demoCompany), id, name });
const putCompany = (id: string, name?: string): StoreOp => ({ op: 'put', list: 'companies', item: company(id, name) });
const deleteCompany = (id: string): StoreOp => ({ op: 'delete', list: 'companies', id });
const demoGrant = (id: string) => structuredClone(DEMO.practices[0].grants.find((grant) => grant.id === id)!);

/** A practice made as the operator's command makes one, of a tenant of its own. */
function addedPractice(data: StoreData, name: string, tenantId: string): Practice {
  let n = 0;
  return newPractice(data.practices, { name, tenantId, ownerEmail: 'owner@added.example' }, {
    at: NOW.toISOString(), actorId: 'operator', newId: (prefix) => `${prefix}-added-${(n += 1)}`,
  });
}

const grantsOf = (data: StoreData, practiceId: string, companyId: string, colleagueId: string, product: string) =>
  data.practices.find((p) => p.id === practiceId)!.grants.filter((g) => g.companyId === companyId && g.colleagueId === colleagueId && g.product === product);

describe.each(storageEngines())('the storage contract: $name', (engine) => {
  if ('skip' in engine) {
    it.skip(engine.skip, () => {});
    return;
  }
  const freshPlace = async () => {
    const place = await engine.place(label());
    places.push(place);
    return place;
  };
  const reopen = async (place: Place, storage: Storage, options?: { maxConversations?: number }) => {
    await storage.close();
    return place.open(options);
  };

  describe('documents', () => {
    it('a missing key reads as undefined', async () => {
      const storage = await (await freshPlace()).open();
      expect(await storage.conversations.get('nobody')).toBeUndefined();
      expect(await storage.references.get('nobody')).toBeUndefined();
    });

    it('reads back what was put, keys in their order, with the version the put returned; each put gives a new version', async () => {
      const storage = await (await freshPlace()).open();
      const value = { zeta: 1, alpha: { y: [1, 'deux', { b: true, a: null }], x: 'Élodie 🙂 "quoted"' }, mid: -0.5, empty: {}, none: [] };
      const version = await storage.conversations.put('conversation-1', value);
      expect(version).toEqual(expect.any(String));
      const read = await storage.conversations.get('conversation-1');
      expect(read).toEqual({ value, version });
      expect(JSON.stringify(read!.value)).toBe(JSON.stringify(value));

      const next = await storage.conversations.put('conversation-1', { zeta: 2 });
      expect(next).not.toBe(version);
      expect(await storage.conversations.get('conversation-1')).toEqual({ value: { zeta: 2 }, version: next });
    });

    it('a put on the version read is written with a new version; on a stale one, or on a document that is not there, it is refused (VersionConflict) and nothing changes', async () => {
      const storage = await (await freshPlace()).open();
      const { conversations } = storage;
      const first = await conversations.put('k', { step: 1 });
      const second = await conversations.put('k', { step: 2 }, { expectedVersion: first });
      expect(second).not.toBe(first);
      expect(await conversations.get('k')).toEqual({ value: { step: 2 }, version: second });

      const stale = conversations.put('k', { step: 'lost' }, { expectedVersion: first });
      await expect(stale).rejects.toBeInstanceOf(VersionConflict);
      await expect(stale).rejects.toMatchObject({ key: 'k' });
      expect(await conversations.get('k')).toEqual({ value: { step: 2 }, version: second });

      await expect(conversations.put('missing', { step: 1 }, { expectedVersion: first })).rejects.toBeInstanceOf(VersionConflict);
      expect(await conversations.get('missing')).toBeUndefined();
    });

    it('operations not waited for are applied in call order: a read just after a write sees it, the last write stands, a delete after a put wins', async () => {
      const { conversations } = await (await freshPlace()).open();
      for (let i = 0; i < 20; i += 1) {
        const key = `conversation-${i}`;
        const writes = [conversations.put(key, { n: 1 }), conversations.put(key, { n: 2 })];
        const read = conversations.get(key);
        const doomed = conversations.put(`${key}-deleted`, { n: 1 });
        const deleting = conversations.delete(`${key}-deleted`);
        const readDeleted = conversations.get(`${key}-deleted`);
        const [, version] = await Promise.all(writes);
        await Promise.all([doomed, deleting]);
        expect(await read).toEqual({ value: { n: 2 }, version });
        expect(await readDeleted).toBeUndefined();
        expect(await conversations.get(key)).toEqual({ value: { n: 2 }, version });
        expect(await conversations.get(`${key}-deleted`)).toBeUndefined();
      }
    });

    it('a deleted document is gone, and stays gone after a reopen; deleting one that is not there is no error', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      await storage.conversations.put('kept', { n: 1 });
      await storage.conversations.put('deleted', { n: 2 });
      await storage.references.put('deleted', { n: 3 });
      await storage.conversations.delete('deleted');
      await storage.conversations.delete('never there');
      expect(await storage.conversations.get('deleted')).toBeUndefined();
      // The same key in another collection is another document.
      expect(await storage.references.get('deleted')).toMatchObject({ value: { n: 3 } });

      storage = await reopen(place, storage);
      expect(await keysOf(storage, 'conversations')).toEqual(['kept']);
      expect(await keysOf(storage, 'references')).toEqual(['deleted']);
    });

    it('a sweep keeps, replaces and deletes as told and counts what changed; a replacement equal to the document is no change', async () => {
      const storage = await (await freshPlace()).open();
      const { conversations } = storage;
      const versions: Record<string, string> = {};
      for (const key of ['keep', 'replace', 'delete', 'same']) versions[key] = await conversations.put(key, { key, n: 1 });

      const visited: Record<string, object> = {};
      const changed = await conversations.sweep((key, value) => {
        visited[key] = value;
        if (key === 'replace') return { key, n: 2 };
        if (key === 'delete') return null;
        if (key === 'same') return { key, n: 1 };
        return undefined;
      });
      expect(changed).toBe(2);
      expect(visited).toEqual({ keep: { key: 'keep', n: 1 }, replace: { key: 'replace', n: 1 }, delete: { key: 'delete', n: 1 }, same: { key: 'same', n: 1 } });
      expect(await conversations.get('keep')).toEqual({ value: { key: 'keep', n: 1 }, version: versions.keep });
      expect(await conversations.get('same')).toEqual({ value: { key: 'same', n: 1 }, version: versions.same });
      const replaced = await conversations.get('replace');
      expect(replaced?.value).toEqual({ key: 'replace', n: 2 });
      expect(replaced?.version).not.toBe(versions.replace);
      expect(await conversations.get('delete')).toBeUndefined();
      expect(await conversations.sweep(() => undefined)).toBe(0);
    });

    it(`beyond the cap the conversations written longest ago are forgotten: at most cap + ${engine.capSlack} while open, exactly the cap after a reopen; references have no cap`, async () => {
      const place = await freshPlace();
      const cap = 5;
      let storage = await place.open({ maxConversations: cap });
      const written = Array.from({ length: 250 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      for (const key of written) await storage.conversations.put(key, { key });
      for (const key of written.slice(0, 12)) await storage.references.put(key, { key });

      const kept = await keysOf(storage, 'conversations');
      expect(kept.length).toBeLessThanOrEqual(cap + engine.capSlack);
      // Those kept are the most recent: none forgotten that was written after one kept.
      expect(kept).toEqual(written.slice(written.length - kept.length));

      storage = await reopen(place, storage, { maxConversations: cap });
      expect(await keysOf(storage, 'conversations')).toEqual(written.slice(-cap));
      expect(await keysOf(storage, 'references')).toEqual(written.slice(0, 12));
      expect(await storage.conversations.get(written.at(-1)!)).toMatchObject({ value: { key: written.at(-1) } });
    });

    it('a document written again is recent again; one replaced by a sweep is not', async () => {
      const place = await freshPlace();
      const cap = 3;
      let storage = await place.open({ maxConversations: cap });
      for (const key of ['a', 'b', 'c']) await storage.conversations.put(key, { key });
      await storage.conversations.put('a', { key: 'a', again: true });
      expect(await storage.conversations.sweep((key) => (key === 'b' ? { key, swept: true } : undefined))).toBe(1);
      await storage.conversations.put('d', { key: 'd' });
      // Written longest ago: b (its replacement by the sweep is no write), then c, then a (written again).
      storage = await reopen(place, storage, { maxConversations: cap });
      expect(await keysOf(storage, 'conversations')).toEqual(['a', 'c', 'd']);
      await storage.conversations.put('e', { key: 'e' });
      storage = await reopen(place, storage, { maxConversations: cap });
      expect(await keysOf(storage, 'conversations')).toEqual(['a', 'd', 'e']);
    });

    it('everything written is there after close and reopen, with its version, and a put on a version read before the reopen is accepted', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      const before: Record<string, unknown> = {};
      for (let i = 0; i < 20; i += 1) {
        const value = { i, text: `turn ${i}`, nested: { list: [i, i + 1] } };
        await storage.conversations.put(`conversation-${i}`, value);
        await storage.references.put(`reference-${i}`, { i });
      }
      await storage.conversations.put('conversation-3', { rewritten: true });
      await storage.conversations.delete('conversation-4');
      for (let i = 0; i < 20; i += 1) {
        before[`conversation-${i}`] = await storage.conversations.get(`conversation-${i}`);
        before[`reference-${i}`] = await storage.references.get(`reference-${i}`);
      }

      storage = await reopen(place, storage);
      for (let i = 0; i < 20; i += 1) {
        expect(await storage.conversations.get(`conversation-${i}`)).toEqual(before[`conversation-${i}`]);
        expect(await storage.references.get(`reference-${i}`)).toEqual(before[`reference-${i}`]);
      }
      expect(before['conversation-4']).toBeUndefined();
      const { version } = before['conversation-3'] as { version: string };
      expect(await storage.conversations.put('conversation-3', { after: 'reopen' }, { expectedVersion: version })).toEqual(expect.any(String));
    });
  });

  describe('practices', () => {
    it('a new store holds the demo data (byte for byte as JSON); reopened, the same, not seeded twice', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      expect(storage.practices.data).toEqual(DEMO);
      expect(JSON.stringify(storage.practices.data)).toBe(JSON.stringify(DEMO));
      storage = await reopen(place, storage);
      expect(JSON.stringify(storage.practices.data)).toBe(JSON.stringify(DEMO));
    });

    it('commits of puts and deletes, reopened, give the data as changed in memory: a put replaces its item where it stands or adds it at the end, a delete takes it out', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      const expected = structuredClone(DEMO);
      const changedGrant = { ...demoGrant('demo-g05'), updatedAt: '2026-01-02T03:04:05.000Z', version: 2 };
      const changes: Array<[string, StoreOp[]]> = [
        ['demo', [
          putCompany('co-new-1'),
          { op: 'put', list: 'grants', item: changedGrant },
          { op: 'delete', list: 'grants', id: 'demo-g06' },
        ]],
        ['north', [putCompany('co-new-north')]],
        ['demo', [putCompany('co-new-2'), putCompany('co-new-1', 'Renamed in place'), deleteCompany('co-not-there')]],
      ];
      for (const [practiceId, ops] of changes) {
        await commit(storage.practices, practiceId, ops);
        apply(expected, practiceId, ops);
      }
      expect(storage.practices.data).toEqual(expected);

      storage = await reopen(place, storage);
      expect(storage.practices.data).toEqual(expected);
      const demo = storage.practices.data.practices[0];
      expect(demo.companies.slice(-2).map((c) => c.name)).toEqual(['Renamed in place', 'Company co-new-2']);
      expect(demo.grants.findIndex((g) => g.id === 'demo-g05')).toBe(DEMO.practices[0].grants.findIndex((g) => g.id === 'demo-g05'));
    });

    it('commits made in a row, without waiting, are all written in order: a put then a delete of the same item, an item deleted and put again (at the end)', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      const expected = structuredClone(DEMO);
      // One written before, deleted and put again among the commits below.
      await commit(storage.practices, 'demo', [putCompany('co-e')]);
      apply(expected, 'demo', [putCompany('co-e')]);
      const changes: StoreOp[][] = [
        [putCompany('co-x')],
        [deleteCompany('co-x')],
        [putCompany('co-z'), putCompany('co-y')],
        [deleteCompany('co-e'), putCompany('co-y', 'Y renamed')],
        [deleteCompany('co-z')],
        [putCompany('co-z', 'Z again')],
        [putCompany('co-e', 'E again')],
      ];
      await Promise.all(changes.map((ops) => commit(storage.practices, 'demo', ops)));
      for (const ops of changes) apply(expected, 'demo', ops);
      expect(expected.practices[0].companies.slice(-3).map((c) => c.name)).toEqual(['Y renamed', 'Z again', 'E again']);

      // The same, each commit waited for.
      const oneByOne: StoreOp[][] = [[putCompany('co-w')], [deleteCompany('co-w')], [putCompany('co-v'), putCompany('co-u')], [deleteCompany('co-v')], [putCompany('co-v', 'V again')]];
      for (const ops of oneByOne) {
        await commit(storage.practices, 'demo', ops);
        apply(expected, 'demo', ops);
      }

      storage = await reopen(place, storage);
      expect(storage.practices.data).toEqual(expected);
      expect(storage.practices.data.practices[0].companies.slice(-5).map((c) => c.id)).toEqual(['co-y', 'co-z', 'co-e', 'co-u', 'co-v']);
    });

    it('an added practice is there after a reopen, and takes commits', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      const practice = addedPractice(storage.practices.data, 'Cabinet Ajouté', '11111111-2222-4333-8444-555555555555');
      await storage.practices.addPractice(practice);
      expect(storage.practices.data.practices.map((p) => p.id)).toEqual(['demo', 'north', practice.id]);

      storage = await reopen(place, storage);
      expect(storage.practices.data.practices.at(-1)).toEqual(practice);
      await commit(storage.practices, practice.id, [putCompany('co-of-the-added')]);
      const expected = structuredClone(storage.practices.data);
      storage = await reopen(place, storage);
      expect(storage.practices.data).toEqual(expected);
      expect(storage.practices.data.practices.at(-1)!.companies.map((c) => c.id)).toEqual(['co-of-the-added']);
    });

    it('what resolved is there for the next start even without a close (a crash)', async () => {
      const place = await freshPlace();
      const storage = await place.open();
      await commit(storage.practices, 'demo', [putCompany('co-before-the-crash')]);
      const version = await storage.conversations.put('conversation', { at: 'the crash' });
      await storage.references.put('reference', { at: 'the crash' });

      const next = await place.open();
      expect(next.practices.data).toEqual(storage.practices.data);
      expect(await next.conversations.get('conversation')).toEqual({ value: { at: 'the crash' }, version });
      expect(await next.references.get('reference')).toMatchObject({ value: { at: 'the crash' } });
    });
  });

  describe('through the repository', () => {
    it('a grant committed through an AccessRepository is in the reopened store, and a repository over it holds it', async () => {
      const place = await freshPlace();
      let storage = await place.open();
      const repository = new AccessRepository(storage.practices, () => NOW);
      expect(await repository.commit(change())).toEqual({ status: 'done' });
      const granted = repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry');
      expect(granted).toMatchObject({ roleId: 'autoentry.documents-basic' });
      await repository.compact();
      const expected = structuredClone(storage.practices.data);

      storage = await reopen(place, storage);
      expect(storage.practices.data).toEqual(expected);
      expect(grantsOf(storage.practices.data, 'demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toHaveLength(1);
      const reopened = new AccessRepository(storage.practices, () => NOW);
      expect(reopened.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toEqual(granted);
      expect(reopened.audit('demo').map((entry) => entry.action)).toEqual(repository.audit('demo').map((entry) => entry.action));
    });
  });
});

const postgres = postgresForTests();

if ('skip' in postgres) {
  it.skip(postgres.skip, () => {});
} else {
  const serverUrl = postgres.url;
  const settings = (databaseUrl: string) => ({ databaseUrl, poolSize: 4, timeoutMs: 10_000, turnWaitMs: 5_000, maxConversations: 1_000 });

  /** A fresh database, dropped after the test. */
  async function database(): Promise<string> {
    const fresh = await freshDatabase(serverUrl, label());
    cleanUps.push(fresh.drop);
    return fresh.url;
  }

  /** Two instances of the assistant on one database, each its storage and its repository. */
  async function twoInstances() {
    const shared = await postgresPlace(serverUrl, label());
    places.push(shared);
    const instance = async () => {
      const storage = await shared.open();
      return { storage, repository: new AccessRepository(storage.practices, () => NOW) };
    };
    const a = await instance();
    const b = await instance();
    /** The practices as a newly started instance reads them. */
    const freshLoad = async () => (await shared.open()).practices.data;
    return { a, b, freshLoad };
  }

  describe('PostgreSQL: several instances on one database', () => {
    it('two instances starting at once on an empty database: the demo data is given once, and both hold it', async () => {
      const shared = await postgresPlace(serverUrl, label());
      places.push(shared);
      const [a, b] = await Promise.all([shared.open(), shared.open()]);
      expect(a.practices.data).toEqual(DEMO);
      expect(b.practices.data).toEqual(DEMO);
      expect((await shared.open()).practices.data).toEqual(DEMO);
    });

    it('a change committed through one is seen by the other once it catches up', async () => {
      const { a, b, freshLoad } = await twoInstances();
      expect(await a.repository.commit(change())).toEqual({ status: 'done' });
      expect(b.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toBeUndefined();
      await b.repository.catchUp();
      expect(b.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry'))
        .toEqual(a.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry'));
      expect(b.storage.practices.data).toEqual(await freshLoad());
      expect(a.storage.practices.data).toEqual(b.storage.practices.data);
    });

    it('commits made in a row through one, an item deleted and put again among them, are caught up by the other as a fresh load reads them', async () => {
      const { a, b, freshLoad } = await twoInstances();
      await commit(a.storage.practices, 'demo', [putCompany('co-e'), putCompany('co-f')]);
      // The first is written alone; the others, arriving while it is on its way, together.
      const inARow: StoreOp[][] = [[putCompany('co-h')], [deleteCompany('co-e')], [putCompany('co-g')], [putCompany('co-e', 'E again')], [deleteCompany('co-f')]];
      await Promise.all(inARow.map((ops) => commit(a.storage.practices, 'demo', ops)));
      await b.repository.catchUp();
      const loaded = await freshLoad();
      expect(loaded.practices[0].companies.slice(-3).map((c) => c.name)).toEqual(['Company co-h', 'Company co-g', 'E again']);
      expect(b.storage.practices.data).toEqual(loaded);
      expect(a.storage.practices.data).toEqual(loaded);
    });

    it('a commit on a practice another instance changed since is refused (Overtaken) with what that one did; those queued behind it are not written (NotWritten)', async () => {
      const { a, b, freshLoad } = await twoInstances();
      await commit(a.storage.practices, 'demo', [putCompany('co-from-a')]);
      const overtaken = b.storage.practices.commit({ practiceId: 'demo', ops: [putCompany('co-from-b')] });
      const behind = b.storage.practices.commit({ practiceId: 'demo', ops: [putCompany('co-from-b-2')] });
      const [first, second] = await Promise.allSettled([overtaken, behind]);
      expect(first.status === 'rejected' && first.reason).toBeInstanceOf(Overtaken);
      expect((first as PromiseRejectedResult).reason.news).toEqual({ practiceId: 'demo', ops: [putCompany('co-from-a')] });
      expect(second.status === 'rejected' && second.reason).toBeInstanceOf(NotWritten);
      const ids = (await freshLoad()).practices[0].companies.map((c) => c.id);
      expect(ids.filter((id) => id.startsWith('co-from'))).toEqual(['co-from-a']);
      // Made again, on the practice as it now stands, the commit is written.
      await b.storage.practices.commit({ practiceId: 'demo', ops: [putCompany('co-from-b')] });
      expect((await freshLoad()).practices[0].companies.map((c) => c.id).filter((id) => id.startsWith('co-from'))).toEqual(['co-from-a', 'co-from-b']);
    });

    it('a change through an instance that had not caught up is overtaken, checked again and written: both changes once, and its data as a fresh load reads it', async () => {
      const { a, b, freshLoad } = await twoInstances();
      expect(await a.repository.commit(change())).toEqual({ status: 'done' });
      expect(await b.repository.commit(change({ companyId: 'co-cafe-etoile', actorId: 'demo-admin' }))).toEqual({ status: 'done' });
      // B learnt A's change on the way, without a catch-up.
      expect(b.repository.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toMatchObject({ roleId: 'autoentry.documents-basic' });
      const loaded = await freshLoad();
      expect(grantsOf(loaded, 'demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toHaveLength(1);
      expect(grantsOf(loaded, 'demo', 'co-cafe-etoile', 'demo-basic', 'autoentry')).toHaveLength(1);
      expect(loaded.practices[0].audit.map((entry) => [entry.action, entry.companyId])).toEqual([
        ['grant-added', 'co-boulangerie-dupont'], ['grant-added', 'co-cafe-etoile'],
      ]);
      expect(b.storage.practices.data).toEqual(loaded);
    });

    it('the same grant added through both at once: one is done, the other finds it there (a conflict), and the database holds it once', async () => {
      const { a, b, freshLoad } = await twoInstances();
      const results = await Promise.all([a.repository.commit(change()), b.repository.commit(change())]);
      expect(results.map((result) => result.status).sort()).toEqual(['conflict', 'done']);
      expect(results.find((result) => result.status === 'conflict')).toMatchObject({ current: { roleId: 'autoentry.documents-basic' } });
      await Promise.all([a.repository.catchUp(), b.repository.catchUp()]);
      const loaded = await freshLoad();
      expect(grantsOf(loaded, 'demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toHaveLength(1);
      expect(loaded.practices[0].audit.map((entry) => entry.outcome).sort()).toEqual(['done', 'refused']);
      expect(a.storage.practices.data).toEqual(loaded);
      expect(b.storage.practices.data).toEqual(loaded);
    });

    it('a colleague added through one is found by the other, by identity and by name, once it catches up', async () => {
      const { a, b } = await twoInstances();
      const member = newMember(1);
      const request: MemberImport = { practiceId: 'demo', actorId: 'demo-admin', members: [{ member, practiceRole: 'client-management.standard', language: 'fr-FR' }] };
      const imported = await a.repository.importTeamMembers(request);
      expect(imported).toMatchObject({ status: 'done', colleagueIds: [expect.any(String)] });
      const [colleagueId] = (imported as { colleagueIds: string[] }).colleagueIds;
      expect(b.repository.colleagueByIdentity('demo', { aadObjectId: member.aadObjectId })).toBeUndefined();
      expect(b.repository.findColleagues('demo', 'Nouveau Membre')).toEqual([]);

      await b.repository.catchUp();
      expect(b.repository.colleagueByIdentity('demo', { aadObjectId: member.aadObjectId })).toBe(colleagueId);
      expect(b.repository.colleague('demo', colleagueId)).toEqual(a.repository.colleague('demo', colleagueId));
      expect(b.repository.findColleagues('demo', 'Nouveau Membre')).toContain(colleagueId);
      expect(b.repository.newTeamMembers('demo', [{ ...member, tenantId: DEMO_TENANT }])).toEqual([]);
    });

    it('a practice added through one appears in the other once it catches up, and takes its changes', async () => {
      const { a, b, freshLoad } = await twoInstances();
      const tenantId = '11111111-2222-4333-8444-555555555555';
      const registered = await a.repository.registerPractice({ name: 'Cabinet Ajouté', tenantId, ownerEmail: 'owner@added.example' });
      expect(registered).toMatchObject({ status: 'done' });
      const { practiceId } = registered as { practiceId: string };
      expect(b.repository.practiceByTenant(tenantId)).toBeUndefined();

      await b.repository.catchUp();
      expect(b.repository.practiceByTenant(tenantId)).toBe(practiceId);
      expect(b.repository.practice(practiceId)).toEqual(a.repository.practice(practiceId));
      const owner = b.repository.colleagueByEmail(practiceId, 'owner@added.example');
      expect(owner).toBe(a.repository.colleagueByEmail(practiceId, 'owner@added.example'));
      await b.repository.recordRefusal(practiceId, owner!, { asked: 'something' }, 'not-allowed');
      expect(b.storage.practices.data).toEqual(await freshLoad());
    });
  });

  describe('PostgreSQL: migrations', () => {
    const pool = (url: string) => {
      const opened = new pg.Pool({ connectionString: url, max: 2 });
      cleanUps.push(() => opened.end());
      return opened;
    };
    const versions = async (on: pg.Pool) => (await on.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);

    it('a fresh database is brought to the last version; migrating again applies nothing', async () => {
      const queries = pool(await database());
      expect(await migrate(queries)).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(MIGRATIONS.map((migration) => migration.version)).toEqual([1]);
      expect(await versions(queries)).toEqual([1]);
      expect(await migrate(queries)).toEqual([]);
      expect(await versions(queries)).toEqual([1]);
    });

    it('two instances migrating at once both succeed, one of them applying the migrations (the lock)', async () => {
      const url = await database();
      const [first, second] = [pool(url), pool(url)];
      const applied = await Promise.all([migrate(first), migrate(second)]);
      expect(applied.map((versions) => versions.join()).sort()).toEqual(['', '1']);
      expect(await versions(first)).toEqual([1]);
    });

    it('a database migrated by a newer version of the assistant is refused, saying so, and the lock is let go', async () => {
      const url = await database();
      const queries = pool(url);
      await migrate(queries);
      await queries.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from a newer assistant')");
      await expect(migrate(queries)).rejects.toThrow("the database's schema is at version 99, newer than this assistant knows (1): run the newer version, or another database");
      await expect(migrate(pool(url))).rejects.toThrow(/version 99, newer than this assistant knows/);
      await expect(openPostgresStorage(settings(url))).rejects.toThrow(/^could not open the database at postgres:\/\/.*: the database's schema is at version 99, newer than this assistant knows \(1\)/);
    });
  });
}
