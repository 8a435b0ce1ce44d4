// When Teams' connector cannot be reached (its serviceUrl refuses connections, or accepts and never
// answers), over HTTP: a universal action that saved a change is still answered with the outcome, as
// the card that replaces the clicked one; a plain message is answered once the short outbound timeout
// has run out, not held open; the failure is logged, and nothing stored is lost.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityText, cardsIn, findButton, plainSpaces } from '../support/conversationHarness.ts';
import { freePort, postRaw, sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { PEOPLE, TENANTS } from '../support/teamsDriver.ts';
import { tempFile } from '../store/helpers.ts';

type Json = Record<string, any>;

/** A service that takes connections and never says a word. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function teams(conversationId: string, fields: Json) {
  return {
    channelId: 'msteams',
    locale: 'en-GB',
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANTS.demo },
    channelData: { tenant: { id: TENANTS.demo } },
    from: { id: PEOPLE.admin.id, name: PEOPLE.admin.name, aadObjectId: PEOPLE.admin.aadObjectId },
    ...fields,
  };
}

describe("when Teams' connector cannot be reached", { timeout: 60_000 }, () => {
  let server: ServerProcess;
  let dataFile: string;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let refused: string;

  beforeAll(async () => {
    dataFile = await tempFile('store.json');
    server = await startServerProcess('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: await tempFile('conversations.json'), OUTBOUND_TIMEOUT_MS: '1000' });
    hole = await blackHole();
    refused = `http://127.0.0.1:${await freePort()}/`;
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
    await hole.close();
  });

  /** Julien, in Teams, up to the confirmation of adding Camille to a company; the Add button's data. */
  async function upToConfirmation(conversationId: string, company: string): Promise<Json> {
    let card: Json | undefined;
    const turn = async (fields: Json) => {
      const answer = await sendActivity(server.url, teams(conversationId, { deliveryMode: 'expectReplies', ...fields }));
      expect(answer.status).toBe(200);
      card = answer.body.activities.flatMap(cardsIn).at(-1);
      return plainSpaces(answer.body.activities.map(activityText).join('\n'));
    };
    const click = (title: string, beside?: string) => turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'flow', data: findButton(card!, title, beside).data } } });
    await turn({ type: 'message', text: 'add a user' });
    await turn({ type: 'message', text: company });
    await turn({ type: 'message', text: 'Camille' });
    // A click's next step comes as a message: with expectReplies, in the HTTP answer.
    await click('AutoEntry');
    await click('Files basic');
    expect(await click('English (United Kingdom)')).toContain('Ready to add?');
    return findButton(card!, 'Add').data;
  }

  const grantsAt = async (companyId: string) =>
    (await storeOnDisk(dataFile)).practices.find((p) => p.id === 'demo')!.grants.filter((g) => g.companyId === companyId && g.colleagueId === 'demo-basic' && g.product === 'autoentry');

  it.each([
    ['refuses connections', () => refused, 'teams-refused', 'boulangerie dupont', 'co-boulangerie-dupont'],
    ['never answers', () => hole.url, 'teams-silent', 'cafe etoile', 'co-cafe-etoile'],
  ])('answers the click that saved a change with the outcome, when the connector %s', async (_how, serviceUrl, conversationId, company, companyId) => {
    const add = await upToConfirmation(conversationId, company);
    const answer = await postRaw(server.url, JSON.stringify({
      ...teams(conversationId, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'flow', data: add } } }),
      id: `click-${conversationId}`, serviceUrl: serviceUrl(), recipient: { id: '28:access-assistant' },
    }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const shown = plainSpaces(JSON.stringify(answer.body.value));
    expect(shown).toContain('Added: Files basic on AutoEntry for Camille Leroy');
    expect(shown).toContain('It takes effect the next time Camille signs in.');
    expect(await grantsAt(companyId)).toEqual([expect.objectContaining({ roleId: 'autoentry.files-basic' })]);
    expect(server.output()).toContain('could not deliver a reply');
  });

  it('answers a plain message once the outbound timeout runs out, and stays up', async () => {
    // postRaw gives up after 15 s; the outbound timeout here is 1 s (with a retry inside it).
    const answer = await postRaw(server.url, JSON.stringify({
      ...teams('teams-message', { type: 'message', text: 'add a user' }), id: 'message-1', serviceUrl: hole.url, recipient: { id: '28:access-assistant' },
    }));
    expect(answer.status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled turn error|Uncaught exception|Unhandled rejection/);
  });
});
