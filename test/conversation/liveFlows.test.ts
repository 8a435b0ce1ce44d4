// Each turn restores the flow from the conversations store, sends its events and stores where it stands:
// the store is the one truth. Whatever it holds (an older record put back, the record of a turn whose
// write failed, housekeeping's note), the next turn goes on from it.
import { describe, expect, it } from 'vitest';
import { createHarness, play, TO_SUMMARY, type Harness } from '../support/conversationHarness.ts';

/** The one conversation record the harness's conversation has, and its key. */
async function onlyRecord(h: Harness) {
  await h.conversations.flush();
  const items = await h.conversationsOnDisk();
  const keys = Object.keys(items);
  expect(keys).toHaveLength(1);
  return { key: keys[0], record: items[keys[0]] };
}

describe('the conversations store, the one truth of where a flow stands', () => {
  it('goes on from the store when the store holds an older record than the one the last turn stored', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY.slice(0, 3)); // …camille → "Which product?"
    const atProduct = await onlyRecord(h);
    await play(h, [[{ click: 'AutoEntry' }, 'Which role?']]);

    // The store gets the product step's record back (as a restore from a backup would do).
    const { eTag: _, ...older } = atProduct.record;
    await h.conversations.write({ [atProduct.key]: older });
    // The flow answers from the product step, as stored, not from the role step it left live.
    await play(h, [['autoentry', 'Which role?']]);
    const after = await onlyRecord(h);
    expect((after.record as { seq: number }).seq).toBe((atProduct.record as { seq: number }).seq + 1);
    await play(h, [...TO_SUMMARY.slice(4), [{ click: 'Add' }, /added/i]]);
    expect(h.practice().grants.filter((g) => g.colleagueId === 'demo-basic' && g.companyId === 'co-boulangerie-dupont' && g.product === 'autoentry')).toHaveLength(1);
  });

  it('reads the store on every turn: a record written in between is where the next turn goes on from', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY.slice(0, 3));
    const atProduct = await onlyRecord(h);
    await play(h, [[{ click: 'AutoEntry' }, 'Which role?']]);
    const { eTag: _, ...older } = atProduct.record;
    await h.conversations.write({ [atProduct.key]: older });
    // From the product step, as stored (the role step the last turn reached would go back to the product).
    await play(h, [['back', 'Who should have access to Boulangerie Dupont SARL?']]);
  });

  it('goes on from the store after a turn whose record could not be written', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY.slice(0, 3));
    const write = h.conversations.write.bind(h.conversations);
    h.conversations.write = async () => {
      throw new Error('disk full');
    };
    await h.click('AutoEntry');
    expect(h.lastText()).toMatch(/something went wrong/i);
    h.conversations.write = write;
    // The store still holds the product step: that is where the person is, whatever the live flow did.
    await play(h, [['autoentry', 'Which role?']]);
  });

  it('says "added" once the change is on disk even when the conversation record cannot be written; the failure is logged', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY);
    const write = h.conversations.write.bind(h.conversations);
    h.conversations.write = async () => {
      throw new Error('disk full');
    };
    const add = h.buttonData('Add');
    await play(h, [[{ click: 'Add' }, /added/i]]);
    expect(h.practice().grants.filter((g) => g.colleagueId === 'demo-basic' && g.companyId === 'co-boulangerie-dupont' && g.product === 'autoentry')).toHaveLength(1);
    expect(h.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/the change was saved, but not the conversation/));
    h.conversations.write = write;
    // The store still holds the confirmation step: the same click again is recognised as already applied.
    await h.send({ type: 'message', value: add });
    expect(h.lastText()).toMatch(/added/i);
    expect(h.practice().grants.filter((g) => g.colleagueId === 'demo-basic' && g.companyId === 'co-boulangerie-dupont' && g.product === 'autoentry')).toHaveLength(1);
    await play(h, [['add a user', /company/i]]);
  });

  it('tells the person their flow expired after housekeeping, though it was live', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const h = await createHarness({ now: () => now, idleDays: 7 });
    await play(h, TO_SUMMARY.slice(0, 3));
    now = new Date('2026-03-12T09:00:00Z');
    expect(await h.conversation.housekeeping(h.conversations)).toBe(1);
    await h.say('autoentry');
    expect(h.lastText()).toMatch(/haven't spoken for a while/);
    expect(h.lastText()).not.toMatch(/Which role\?/);
  });
});
