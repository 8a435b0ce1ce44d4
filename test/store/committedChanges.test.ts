// The repository reports what each change did to people's access once it is on disk, whichever path made it:
// the seam through which colleagues are told (src/bot/accessNotifier.ts).
import { describe, expect, it } from 'vitest';
import type { CommittedChange } from '../../src/domain/committedChanges.ts';
import { change, openRepository } from './helpers.ts';

async function listening() {
  const { repo } = await openRepository();
  const heard: CommittedChange[] = [];
  repo.onCommitted((committed) => heard.push(structuredClone(committed)));
  return { repo, heard };
}

describe('what the repository reports after a change', () => {
  it('a grant added, with the Client Management Basic that came with it', async () => {
    const { repo, heard } = await listening();
    expect(await repo.commit(change({ addClientManagementBasic: true }))).toEqual({ status: 'done' });
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ practiceId: 'demo', actorId: 'demo-admin', removedColleagues: [] });
    expect(heard[0].grants).toEqual([
      { colleagueId: 'demo-basic', companyId: 'co-boulangerie-dupont', product: 'autoentry', before: null, after: expect.objectContaining({ roleId: 'autoentry.documents-basic' }) },
      { colleagueId: 'demo-basic', companyId: 'co-boulangerie-dupont', product: 'client-management', before: null, after: expect.objectContaining({ roleId: 'client-management.basic' }) },
    ]);
  });

  it('a batch as one report, and each removal of a cancelled invitation', async () => {
    const { repo, heard } = await listening();
    const leaver = repo.grantsOfColleague('demo', 'demo-basic').map((g) => change({
      companyId: g.companyId, product: g.product, mode: 'remove', roleId: undefined, baseVersion: g.version,
    }));
    expect(await repo.commitAll(leaver)).toEqual({ status: 'done' });
    expect(heard).toHaveLength(1);
    expect(heard[0].grants.map((g) => [g.companyId, g.product, g.after])).toEqual(leaver.map((c) => [c.companyId, c.product, null]));

    expect(await repo.cancelInvitation({ practiceId: 'demo', actorId: 'demo-admin', invitationId: 'inv-demo-lucas' })).toEqual({ status: 'done' });
    expect(heard[1].grants.map((g) => [g.colleagueId, g.product, g.after])).toEqual([['demo-invited', 'client-management', null], ['demo-invited', 'autoentry', null]]);
  });

  it('nothing for a refused change, and a listener that throws stops nothing', async () => {
    const { repo, heard } = await listening();
    repo.onCommitted(() => {
      throw new Error('a listener failing');
    });
    expect(await repo.commit(change({ actorId: 'demo-standard' }))).toMatchObject({ status: 'refused' });
    expect(heard).toEqual([]);
    expect(await repo.commit(change())).toEqual({ status: 'done' });
    expect(heard).toHaveLength(1);
  });

  it('stops reporting to a listener that unsubscribed', async () => {
    const { repo } = await openRepository();
    const heard: unknown[] = [];
    const stop = repo.onCommitted((c) => heard.push(c));
    stop();
    await repo.commit(change());
    expect(heard).toEqual([]);
  });
});
