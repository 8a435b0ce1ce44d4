// The repository's look-ups by key stay in step with the lists they index, whatever is added, edited,
// removed or invited, and whatever a failed write takes back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessChange, ProductCode } from '../../flows/ports.ts';
import { indexOf, rebuiltIndexOf, type PracticeIndex } from '../../src/domain/practiceIndex.ts';
import type { Practice } from '../../src/domain/schema.ts';
import { failNextWrite } from '../support/openStore.ts';
import { openRepository } from './helpers.ts';

/** What an index says, comparable: ids, and whether each entry is the very object in the practice's list. */
function described(index: PracticeIndex, practice: Practice) {
  const same = <T>(found: T | undefined, list: T[]) => found !== undefined && list.includes(found);
  return {
    companies: [...index.companies].map(([id, company]) => [id, same(company, practice.companies)]),
    colleagues: [...index.colleagues].map(([id, colleague]) => [id, same(colleague, practice.colleagues), index.colleagueOrder.get(id)]),
    emails: [...index.colleaguesByEmail].map(([email, colleague]) => [email, colleague.id]).sort(),
    grants: [...index.grantsByCompany]
      .filter(([, grants]) => grants.length > 0)
      .map(([companyId, grants]) => [companyId, grants.map((g) => [g.id, same(g, practice.grants)]).sort()])
      .sort(),
  };
}

const COMPANIES = ['co-boulangerie-dupont', 'co-garage-leroy', 'co-cafe-etoile', 'co-dupont-freres'];
const PEOPLE = ['demo-basic', 'demo-standard', 'demo-readonly', 'demo-james'];
const ROLES: Partial<Record<ProductCode, string[]>> = {
  autoentry: ['autoentry.files-basic', 'autoentry.documents-standard'],
  'client-management': ['client-management.basic', 'client-management.standard'],
};

const step = fc.record({
  kind: fc.constantFrom('grant', 'remove', 'invite', 'fail'),
  company: fc.constantFrom(...COMPANIES),
  person: fc.constantFrom(...PEOPLE),
  product: fc.constantFrom<ProductCode>('autoentry', 'client-management'),
  role: fc.nat(1),
  cmBasic: fc.boolean(),
  invitee: fc.nat(5),
});

describe('the practice index', () => {
  it('matches a fresh build after any run of grants, edits, removals, invitations and failed writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { repo, db } = await openRepository();
        const practice = db.data.practices.find((p) => p.id === 'demo')!;
        for (const s of steps) {
          const current = repo.grantOf('demo', s.company, s.person, s.product);
          const base: AccessChange = {
            practiceId: 'demo', actorId: 'demo-admin', companyId: s.company, product: s.product,
            person: s.kind === 'invite' ? { kind: 'invitee', email: `new.${s.invitee}@cabinet-martin.fr` } : { kind: 'colleague', colleagueId: s.person },
            mode: s.kind === 'remove' ? 'remove' : current ? 'edit' : 'add',
            roleId: s.kind === 'remove' ? undefined : ROLES[s.product]![s.role],
            baseVersion: current?.version ?? null, addClientManagementBasic: s.cmBasic,
          };
          if (s.kind === 'fail') {
            failNextWrite(db, new Error('disk full'));
            await repo.commit(base).catch(() => undefined);
          } else {
            await repo.commit(base);
          }
          expect(described(indexOf(practice), practice)).toEqual(described(rebuiltIndexOf(practice), practice));
        }
        for (const companyId of COMPANIES) {
          const fromLists = practice.grants.filter((g) => g.companyId === companyId).map((g) => g.id).sort();
          expect(repo.usersWithAccess('demo', companyId).flatMap((row) => row.grants)).toHaveLength(fromLists.length);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is built once per practice and kept: the repository reads through it', async () => {
    const { repo, db } = await openRepository();
    const practice = db.data.practices.find((p) => p.id === 'demo')!;
    const index = indexOf(practice);
    await repo.commit({
      practiceId: 'demo', actorId: 'demo-admin', companyId: 'co-boulangerie-dupont', product: 'autoentry',
      person: { kind: 'colleague', colleagueId: 'demo-basic' }, mode: 'add', roleId: 'autoentry.files-basic',
      baseVersion: null, addClientManagementBasic: false,
    });
    expect(indexOf(practice)).toBe(index);
    expect(index.grantsByCompany.get('co-boulangerie-dupont')!.some((g) => g.colleagueId === 'demo-basic' && g.product === 'autoentry')).toBe(true);
  });
});
