// A whole e-mail address that is nobody in the practice yet is an invitation, even when it looks
// like a colleague's: typing it never picks a look-alike colleague.
import { describe, expect, it } from 'vitest';
import { createHarness, play } from '../support/conversationHarness.ts';

describe('inviting someone new by e-mail', () => {
  it('offers to invite a new address that resembles a colleague’s, and grants the new person', async () => {
    const h = await createHarness({ locale: 'en-GB' });
    await play(h, [
      ['add a user', 'Which client company?'],
      ['Dupont Frères', 'Who should have access'],
      ['camille.leroy2@cabinet-martin.fr', 'Invite'],
      ['yes', 'Which product?'],
      ['AutoEntry', 'Which role?'],
      ['Files basic', 'Preferred language'],
      ['English (United Kingdom)', 'Add'],
      ['yes', 'Done'],
    ]);
    const practice = h.practice();
    const invited = practice.colleagues.find((c) => c.email === 'camille.leroy2@cabinet-martin.fr');
    expect(invited?.status).toBe('invited');
    expect(h.repository.grantOf('demo', 'co-dupont-freres', invited!.id, 'autoentry')?.roleId).toBe('autoentry.files-basic');
    expect(h.repository.grantOf('demo', 'co-dupont-freres', 'demo-basic', 'autoentry')).toBeUndefined();
  });
});
