// Sharing one string per repeated id changes no value anywhere in the store.
import { describe, expect, it } from 'vitest';
import { shareRepeatedStrings } from '../../src/storage/sharedStrings.ts';
import { generatePractice } from '../bench/generatePractice.ts';

describe('shareRepeatedStrings', () => {
  it('leaves every grant, audit entry and everything else as it was', () => {
    const data = generatePractice({ companies: 300, colleagues: 40, grants: 2_000, admins: 3 }, 11);
    const practice = data.practices[0];
    practice.audit.push(
      { id: 'a1', at: '2026-11-28T10:00:00.000Z', actorId: 'demo-admin-1', action: 'grant-added', companyId: practice.companies[0].id, colleagueId: practice.colleagues[1].id, product: 'autoentry', before: null, after: { roleId: 'autoentry.files-basic' }, outcome: 'done' },
      { id: 'a2', at: '2026-11-28T10:01:00.000Z', actorId: 'demo-admin-1', action: 'access-attempt', before: null, after: null, outcome: 'refused', reason: 'forged-payload' },
    );
    const before = structuredClone(data);
    shareRepeatedStrings(data);
    expect(data).toEqual(before);
  });
});
