// 50 conversations running whole flows at once against one store over HTTP: every confirmed change
// is stored exactly once and audited once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { tempFile } from '../store/helpers.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';

const FLOWS = 50;
const COMPANIES = ['Boulangerie Dupont SARL', 'Dupont Frères', "Café de l'Étoile", 'Garage Leroy & Fils', 'Thames Valley Plumbing Ltd', 'Hôtel des Voyageurs', 'Pâtisserie Lefèvre'];

describe(`${FLOWS} conversations confirming changes at once`, () => {
  let server: ServerProcess;
  let dataFile: string;
  beforeAll(async () => {
    dataFile = await tempFile('store.json');
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: await tempFile('conversations.json') });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('stores and audits every confirmed change exactly once', async () => {
    const say = async (i: number, text: string) => {
      const answer = await sendActivity(server.url, {
        channelId: 'emulator',
        conversation: { id: `load-${i}` },
        from: { id: i % 2 ? 'demo-owner' : 'demo-admin' },
        text,
      });
      expect(answer.status).toBe(200);
      const replies = (answer.body as { activities: Array<{ text?: string }> }).activities;
      expect(replies.length).toBeGreaterThan(0);
      return replies.map((r) => r.text ?? '').join('\n');
    };
    const flow = async (i: number) => {
      const email = `new.colleague.${i}@example.com`;
      await say(i, 'add a user');
      await say(i, COMPANIES[i % COMPANIES.length]);
      expect(await say(i, email)).toMatch(/invite/i);
      await say(i, 'yes');
      await say(i, 'AutoEntry');
      await say(i, 'Documents basic');
      await say(i, 'English (United Kingdom)');
      return say(i, 'yes');
    };
    const done = await Promise.all(Array.from({ length: FLOWS }, (_, i) => flow(i)));
    expect(done.every((title) => title === 'Done')).toBe(true);

    // What is on disk once the server has said "Done" to every one of them.
    const store = await storeOnDisk(dataFile);
    const demo = store.practices.find((p) => p.id === 'demo')!;
    for (let i = 0; i < FLOWS; i++) {
      const email = `new.colleague.${i}@example.com`;
      const people = demo.colleagues.filter((c) => c.email === email);
      expect(people).toHaveLength(1);
      const grants = demo.grants.filter((g) => g.colleagueId === people[0].id && g.product === 'autoentry');
      expect(grants).toHaveLength(1);
      expect(grants[0]).toMatchObject({ roleId: 'autoentry.documents-basic', language: 'en-GB' });
      const audited = demo.audit.filter((e) => e.colleagueId === people[0].id && e.action === 'grant-added' && e.product === 'autoentry');
      expect(audited).toHaveLength(1);
      expect(demo.invitations.filter((inv) => inv.email === email)).toHaveLength(1);
    }
  }, 120_000);
});
