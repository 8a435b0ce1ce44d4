// A colleague the practice knows by e-mail, writing from Teams for the first time, through the real
// server and a fake Teams connector (its service URL): the assistant asks Teams who they are
// (GET /v3/conversations/{id}/members/{userId}), links their Entra object id, and goes on.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeConnector, type FakeConnector } from '../support/fakeConnector.ts';
import { freePort, postRaw, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeBytes, storeOnDisk } from '../support/storeOnDisk.ts';
import { TENANTS } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Json = Record<string, any>;

const NEW_ID = { ines: 'a1a1a1a1-0000-4000-8000-000000000001', paul: 'a1a1a1a1-0000-4000-8000-000000000002', marc: 'a1a1a1a1-0000-4000-8000-000000000003', eve: 'a1a1a1a1-0000-4000-8000-000000000004', oceane: 'a1a1a1a1-0000-4000-8000-000000000005' };
const member = (id: string, aadObjectId: string, email: string, tenantId = TENANTS.north) =>
  ({ id, name: id, aadObjectId, email, userPrincipalName: email, tenantId, userRole: 'user' });

describe('people recognised by e-mail on their first message from Teams', { timeout: 60_000 }, () => {
  let server: ServerProcess;
  let dataFile: string;
  let teams: FakeConnector;

  beforeAll(async () => {
    teams = await fakeConnector({
      // Inès Caron (north-standard) has no object id yet; her e-mail in Teams is cased differently.
      '29:ines': member('29:ines', NEW_ID.ines, 'Ines.Caron@Fiduciaire-Nord.FR'),
      '29:paul': member('29:paul', NEW_ID.paul, 'paul.durand@fiduciaire-nord.fr'),
      // Marc Lefebvre (north-admin) is already linked to another object id.
      '29:marc-bis': member('29:marc-bis', NEW_ID.marc, 'marc.lefebvre@fiduciaire-nord.fr'),
      // Teams says this member belongs to another tenant.
      '29:eve': member('29:eve', NEW_ID.eve, 'ines.caron@fiduciaire-nord.fr', TENANTS.demo),
      '29:oceane': member('29:oceane', NEW_ID.oceane, 'oceane.petit@fiduciaire-nord.fr'),
    });
    dataFile = await tempFile('store.json');
    // Océane was invited to the northern practice, then her invitation was cancelled.
    const store = JSON.parse(await readFile(new URL('../../data/demo.json', import.meta.url), 'utf8'));
    const northern = store.practices.find((p: Json) => p.id === 'north');
    northern.colleagues.push({ id: 'north-withdrawn', name: 'Océane Petit', email: 'oceane.petit@fiduciaire-nord.fr', language: 'fr-FR', status: 'invited', practiceRole: 'client-management.basic' });
    northern.invitations.push({ id: 'inv-north-oceane', email: 'oceane.petit@fiduciaire-nord.fr', colleagueId: 'north-withdrawn', invitedBy: 'north-admin', createdAt: '2026-11-02T09:00:00.000Z', status: 'cancelled', cancelledAt: '2026-11-03T09:00:00.000Z' });
    await writeFile(dataFile, JSON.stringify(store));
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: await tempFile('conversations.json'), OUTBOUND_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await teams.close();
  });

  /** One message delivered normally; the replies the bot posted to `serviceUrl` for it, as text. */
  async function say(from: { id: string; aadObjectId: string }, text: string, locale = 'en-GB', serviceUrl = teams.url): Promise<string> {
    const id = `activity-${Math.random().toString(36).slice(2)}`;
    const answer = await postRaw(server.url, JSON.stringify({
      type: 'message', id, text, locale, channelId: 'msteams', serviceUrl,
      conversation: { id: `personal-${from.id}`, conversationType: 'personal', tenantId: TENANTS.north },
      channelData: { tenant: { id: TENANTS.north } },
      from: { ...from, name: from.id }, recipient: { id: '28:access-assistant', name: 'Access Assistant' },
    }));
    expect(answer.status).toBe(200);
    return teams.posted.filter((p) => p.activity.replyToId === id).map((p) => p.text).join('\n');
  }

  const north = async () => (await storeOnDisk(dataFile)).practices.find((p) => p.id === 'north')!;

  it('links a colleague known by e-mail, and goes on with the turn; the next message asks Teams nothing', async () => {
    const ines = { id: '29:ines', aadObjectId: NEW_ID.ines };
    const first = await say(ines, 'hello');
    expect(first).not.toBe('');
    expect(first).not.toMatch(/set you up|don't know you/);
    const practice = await north();
    expect(practice.colleagues.find((c) => c.id === 'north-standard')).toMatchObject({ aadObjectId: NEW_ID.ines, status: 'active' });
    expect(practice.audit.at(-1)).toMatchObject({ action: 'colleague-linked', actorId: 'north-standard', colleagueId: 'north-standard', outcome: 'done' });
    expect(teams.asked).toEqual(['29:ines']);

    const second = await say(ines, 'help');
    expect(second).not.toMatch(/set you up|don't know you/);
    expect(teams.asked).toEqual(['29:ines']);
  });

  it('tells someone the practice does not know, in their language, who can add them; nothing is stored', async () => {
    const before = await storeBytes(dataFile);
    const reply = await say({ id: '29:paul', aadObjectId: NEW_ID.paul }, 'bonjour', 'fr-FR');
    expect(reply).toContain('Je ne vous connais pas encore');
    expect(reply).toContain('Hélène Vasseur et Marc Lefebvre');
    expect(await storeBytes(dataFile)).toBe(before);
  });

  it('never re-links a colleague already linked to another object id', async () => {
    const reply = await say({ id: '29:marc-bis', aadObjectId: NEW_ID.marc }, 'hello');
    expect(reply).toContain("hasn't set you up");
    const practice = await north();
    expect(practice.colleagues.find((c) => c.id === 'north-admin')!.aadObjectId).toBe('5e1d2c3b-4a59-4867-8f90-1a2b3c4d5e02');
    expect(practice.audit.at(-1)).toMatchObject({ action: 'colleague-linked', colleagueId: 'north-admin', outcome: 'refused', reason: 'already-linked' });
  });

  it('does not let in someone whose invitation was cancelled: she is told who can add her, and stays unlinked', async () => {
    const reply = await say({ id: '29:oceane', aadObjectId: NEW_ID.oceane }, 'bonjour', 'fr-FR');
    expect(reply).toContain('Je ne vous connais pas encore');
    expect(reply).toContain('Hélène Vasseur et Marc Lefebvre');
    const practice = await north();
    expect(practice.colleagues.find((c) => c.id === 'north-withdrawn')).toMatchObject({ status: 'invited' });
    expect(practice.colleagues.find((c) => c.id === 'north-withdrawn')!.aadObjectId).toBeUndefined();
    expect(practice.audit.at(-1)).toMatchObject({ action: 'colleague-linked', colleagueId: 'north-withdrawn', outcome: 'refused', reason: 'invitation-cancelled' });
  });

  it("links no one whom Teams places in another tenant", async () => {
    const before = await storeBytes(dataFile);
    expect(await say({ id: '29:eve', aadObjectId: NEW_ID.eve }, 'hello')).toContain("hasn't set you up");
    expect(await storeBytes(dataFile)).toBe(before);
  });

  it('answers politely when Teams cannot be asked, logs it, and stays up', async () => {
    const down = `http://127.0.0.1:${await freePort()}/`;
    const answer = await say({ id: '29:ines-again', aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000009' }, 'hello', 'en-GB', down);
    expect(answer).toBe(''); // the reply could not be posted either
    expect(server.output()).toContain('could not ask Teams who');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });
});
