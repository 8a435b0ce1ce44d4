// Durable confirmations: the process is killed with SIGKILL at random moments while many
// conversations confirm changes. After every kill the store reads back whole, every change that was
// confirmed to a user is there, and no change is half there; then the server starts again on the
// same files and the next round goes on.
import { describe, expect, it } from 'vitest';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { tempFile } from '../store/helpers.ts';
import type { StoreData } from '../../src/domain/schema.ts';

const ROUNDS = 6;
const CONVERSATIONS = 8;
const COMPANIES = ['Boulangerie Dupont SARL', 'Dupont Frères', "Café de l'Étoile", 'Garage Leroy & Fils', 'Hôtel des Voyageurs'];

/** Keeps inviting new people, one full flow after another, until the server goes away. */
async function inviteUntilKilled(server: ServerProcess, lane: string, confirmed: Set<string>) {
  for (let n = 0; ; n++) {
    const email = `crash.${lane}.${n}@example.com`;
    const conversation = { id: `crash-${lane}-${n}` };
    const say = async (text: string) => {
      const answer = await sendActivity(server.url, { channelId: 'emulator', conversation, from: { id: 'demo-owner' }, text });
      if (answer.status !== 200) throw new Error(`status ${answer.status}`);
      return (answer.body as { activities: Array<{ text?: string }> }).activities.map((a) => a.text ?? '').join('\n');
    };
    try {
      for (const text of ['add a user', COMPANIES[n % COMPANIES.length], email, 'yes', 'AutoEntry', 'Files basic', 'English (United Kingdom)']) {
        await say(text);
      }
      if ((await say('yes')) === 'Done') confirmed.add(email);
    } catch {
      return; // the server was killed under this turn: its outcome was never confirmed
    }
  }
}

/** Every change whole: each invited colleague has their invitation, their grant and its audit trail, once. */
function expectWholeChanges(store: StoreData, confirmed: Set<string>) {
  const demo = store.practices.find((p) => p.id === 'demo')!;
  const invited = demo.colleagues.filter((c) => c.email.startsWith('crash.'));
  for (const email of confirmed) expect(invited.map((c) => c.email)).toContain(email);
  for (const person of invited) {
    expect(demo.colleagues.filter((c) => c.email === person.email)).toHaveLength(1);
    expect(demo.invitations.filter((i) => i.colleagueId === person.id)).toHaveLength(1);
    const grants = demo.grants.filter((g) => g.colleagueId === person.id);
    expect(grants.map((g) => g.product).sort()).toEqual(['autoentry', 'client-management']);
    const audit = demo.audit.filter((e) => e.colleagueId === person.id && e.outcome === 'done');
    expect(audit.map((e) => `${e.action}:${e.product ?? ''}`).sort()).toEqual(
      ['grant-added:autoentry', 'grant-added:client-management', 'invitation-created:'].sort(),
    );
  }
  return invited.length;
}

describe('killed with SIGKILL while conversations confirm changes', () => {
  it(`loses no confirmed change and leaves none half there, over ${ROUNDS} kills`, async () => {
    const env = { DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: await tempFile('conversations.json') };
    const confirmed = new Set<string>();
    let stored = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServerProcess('src/index.ts', env);
      const lanes = Array.from({ length: CONVERSATIONS }, (_, i) => inviteUntilKilled(server, `${round}-${i}`, confirmed));
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
      await server.stop('SIGKILL');
      await Promise.all(lanes);

      const store = await storeOnDisk(env.DATA_FILE);
      const now = expectWholeChanges(store, confirmed);
      expect(now).toBeGreaterThanOrEqual(stored); // nothing that was there before is lost
      stored = now;
    }
    expect(confirmed.size).toBeGreaterThan(ROUNDS); // the rounds did confirm changes before each kill
  }, 180_000);
});
