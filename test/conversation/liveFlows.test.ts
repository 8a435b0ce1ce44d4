// A flow stays live in memory between turns, so a turn need not restore it from the conversations
// store. The store stays the truth: when it holds anything other than what the last turn stored
// (an older record put back, a failed write, housekeeping), the next turn goes on from the store.
import { describe, expect, it } from 'vitest';
import { JsonConversationStorage } from '../../src/bot/conversationStorage.ts';
import { createHarness, play, TO_SUMMARY, type Harness } from '../support/conversationHarness.ts';

/** The one conversation record the harness's conversation has, and its key. */
async function onlyRecord(h: Harness) {
  await h.conversations.flush();
  const items = await JsonConversationStorage.onDisk(h.conversationsFile);
  const keys = Object.keys(items);
  expect(keys).toHaveLength(1);
  return { key: keys[0], record: items[keys[0]] };
}

describe('a flow kept live between turns', () => {
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

  it('reads nothing back from the store while it holds the very record the last turn stored', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY.slice(0, 3));
    const read = h.conversations.read.bind(h.conversations);
    let reads = 0;
    h.conversations.read = async (keys) => {
      reads += 1;
      return read(keys);
    };
    await play(h, [[{ click: 'AutoEntry' }, 'Which role?']]);
    expect(reads).toBe(0);
    // Anything else written in between (here, the same record again: a new eTag) is read.
    const { key, record } = await onlyRecord(h);
    const { eTag: _, ...same } = record;
    await h.conversations.write({ [key]: same });
    await play(h, [['back', 'Which product?']]);
    expect(reads).toBe(1);
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

  it('says "added" once the change is on disk, without waiting for the conversation record; a failed flush is logged', async () => {
    const h = await createHarness();
    await play(h, TO_SUMMARY);
    // The conversations store takes the record in memory at once, then its flush hangs, and later fails.
    const write = h.conversations.write.bind(h.conversations);
    let fail!: (error: Error) => void;
    h.conversations.write = (changes) => {
      void write(changes);
      return new Promise<void>((_, reject) => (fail = reject));
    };
    await play(h, [[{ click: 'Add' }, /added/i]]);
    expect(h.practice().grants.filter((g) => g.colleagueId === 'demo-basic' && g.companyId === 'co-boulangerie-dupont' && g.product === 'autoentry')).toHaveLength(1);
    fail(new Error('disk full'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/the change was saved, but not the conversation/));
    h.conversations.write = write;
    // The next turn reads the store again and goes on from what it holds.
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
