// Members of a Teams team added as colleagues, at the store's door: who is new, and the write re-checking
// it against the practice as it then is (whatever the flow was shown), all or nothing.
import { describe, expect, it } from 'vitest';
import type { MemberImport, TeamMember } from '../../flows/ports.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { DEMO_TENANT, newMember } from '../support/demoTeam.ts';
import { openRepository } from './helpers.ts';

const JULIEN_AAD = '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a02';
const pick = (member: TeamMember, practiceRole = 'client-management.standard'): MemberImport['members'][number] => ({ member, practiceRole, language: 'fr-FR' });
const request = (members: MemberImport['members'], actorId = 'demo-admin'): MemberImport => ({ practiceId: 'demo', actorId, members });

describe('members of a team, at the store', () => {
  it('are new only when neither their object id nor their e-mail or UPN is a colleague\'s, of the practice\'s tenant, each once', async () => {
    const { repo } = await openRepository();
    const fresh = newMember(1);
    const members: TeamMember[] = [
      { ...newMember(2), aadObjectId: JULIEN_AAD.toUpperCase() },
      { ...newMember(3), userPrincipalName: 'SOPHIE.BERNARD@cabinet-martin.fr' },
      { ...newMember(4), tenantId: '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f' },
      { ...newMember(5), email: 'not an address' },
      fresh,
      { ...newMember(6), email: fresh.email.toUpperCase() },
      { ...newMember(7), tenantId: undefined },
    ];
    expect(repo.newTeamMembers('demo', members).map((m) => m.name)).toEqual(['Nouveau Membre 1', 'Nouveau Membre 7']);
  });

  it('are added active, linked, with their role and language, each audited as the administrator\'s, in one journal line', async () => {
    const { repo, file } = await openRepository();
    const result = await repo.importTeamMembers(request([pick(newMember(1)), pick(newMember(2), 'client-management.read-only')]));
    expect(result).toMatchObject({ status: 'done' });
    const practice = (await storeOnDisk(file)).practices.find((p) => p.id === 'demo')!;
    const added = practice.colleagues.filter((c) => c.email.startsWith('nouveau.membre'));
    expect(added).toEqual([
      expect.objectContaining({ status: 'active', aadObjectId: newMember(1).aadObjectId, practiceRole: 'client-management.standard', language: 'fr-FR' }),
      expect.objectContaining({ status: 'active', aadObjectId: newMember(2).aadObjectId, practiceRole: 'client-management.read-only' }),
    ]);
    expect(practice.invitations.filter((i) => added.some((c) => c.id === i.colleagueId)).map((i) => i.status)).toEqual(['accepted', 'accepted']);
    expect(practice.audit.slice(-4).map((e) => [e.action, e.actorId])).toEqual([
      ['invitation-created', 'demo-admin'], ['colleague-linked', 'demo-admin'], ['invitation-created', 'demo-admin'], ['colleague-linked', 'demo-admin'],
    ]);
    expect(repo.newTeamMembers('demo', [newMember(1)])).toEqual([]);
  });

  it('adds nobody when one of them is known by now, holds another colleague\'s object id, is of another tenant, or comes twice', async () => {
    const { repo, file } = await openRepository();
    const before = JSON.stringify(await storeOnDisk(file));
    const cases: TeamMember[][] = [
      [newMember(1), { ...newMember(2), email: 'julien.moreau@cabinet-martin.fr' }],
      [newMember(1), { ...newMember(2), aadObjectId: JULIEN_AAD }],
      [newMember(1), { ...newMember(2), tenantId: '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f' }],
      [newMember(1), newMember(1)],
    ];
    for (const members of cases) {
      const result = await repo.importTeamMembers(request(members.map((m) => pick(m))));
      expect(result).toEqual({ status: 'changed', known: [members[1].aadObjectId] });
    }
    expect(JSON.stringify(await storeOnDisk(file))).toBe(before);
  });

  it('refuses someone who may not manage users (audited), and never gives the Business Owner\'s role', async () => {
    const { repo, file } = await openRepository();
    expect(await repo.importTeamMembers(request([pick(newMember(1))], 'demo-standard'))).toEqual({ status: 'refused', reason: 'not-allowed' });
    expect((await storeOnDisk(file)).practices[0].audit.at(-1)).toMatchObject({ actorId: 'demo-standard', outcome: 'refused', reason: 'not-allowed' });
    await expect(repo.importTeamMembers(request([pick(newMember(1), 'client-management.business-owner')]))).rejects.toThrow(/Business Owner/);
    expect(repo.newTeamMembers('demo', [newMember(1)])).toHaveLength(1);
    expect(DEMO_TENANT).toBe((await storeOnDisk(file)).practices[0].tenantId);
  });
});
