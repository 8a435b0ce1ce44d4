// Two administrators change the same colleague's role from the same starting point: one succeeds,
// the other is told that someone else just changed it, shown the current role, and can carry on.
import { describe, expect, it } from 'vitest';
import { createHarness, play } from '../support/conversationHarness.ts';

const SOPHIE = 'demo-standard';
const DUPONT = 'co-dupont-freres';

describe('two administrators, one grant, the same starting point', () => {
  it('saves the first, tells the second of the conflict with the current role, and lets them carry on', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    const start = h.repository.grantOf('demo', DUPONT, SOPHIE, 'autoentry')!;
    const toSummary = (role: string) => [
      ['edit a user', 'Which client company?'],
      ['Dupont Frères', 'Whose access'],
      ['Sophie', 'Which product?'],
      ['AutoEntry', 'Which role?'],
      [role, 'Preferred language'],
      ['English (United Kingdom)', 'Save'],
    ] as Array<[string, string]>;

    // Both reach the summary before either saves.
    await play(h, toSummary('Files admin'), { from: 'demo-owner' });
    await play(h, toSummary('Expenses admin'), { from: 'demo-admin' });

    await h.say('yes', { from: 'demo-owner' });
    expect(h.lastText()).toContain('Saved');
    await h.say('yes', { from: 'demo-admin' });
    expect(h.lastText()).toContain('Someone else got there first');
    expect(h.lastText()).toContain("Someone else just changed Sophie Bernard's role on AutoEntry for Dupont Frères: it is now Files admin.");
    expect(h.repository.grantOf('demo', DUPONT, SOPHIE, 'autoentry')).toMatchObject({ roleId: 'autoentry.files-admin', version: start.version + 1 });

    // Carrying on: review again from where things are now, then save on top of the new version.
    await h.say('yes', { from: 'demo-admin' });
    expect(h.lastText()).toMatch(/Files admin[\s\S]*Expenses admin/); // from → to
    await h.say('yes', { from: 'demo-admin' });
    expect(h.lastText()).toContain('Saved');
    expect(h.repository.grantOf('demo', DUPONT, SOPHIE, 'autoentry')).toMatchObject({ roleId: 'autoentry.expenses-admin', version: start.version + 2 });

    const trail = h.repository
      .audit('demo')
      .filter((e) => e.colleagueId === SOPHIE && e.product === 'autoentry')
      .map((e) => [e.actorId, e.outcome, e.reason ?? null]);
    expect(trail).toEqual([
      ['demo-owner', 'done', null],
      ['demo-admin', 'refused', 'conflict'],
      ['demo-admin', 'done', null],
    ]);
  });
});
