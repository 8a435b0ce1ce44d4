// The assistant itself with an app registration: unsigned or badly signed requests get 401 before
// any turn runs (nothing is stored), and the local page is not served.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { tempFile } from '../store/helpers.ts';
import { storeBytes } from '../support/storeOnDisk.ts';
import { TENANTS } from '../support/teamsDriver.ts';

describe('the assistant with credentials', () => {
  let server: ServerProcess;
  let dataFile: string;
  let conversationsFile: string;
  let storeAtStart: string;

  beforeAll(async () => {
    dataFile = await tempFile('store.json');
    conversationsFile = await tempFile('conversations.json');
    server = await startServerProcess('src/index.ts', {
      DATA_FILE: dataFile,
      CONVERSATIONS_FILE: conversationsFile,
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    storeAtStart = await storeBytes(dataFile);
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  const teamsActivity = (conversation: string) => ({
    channelId: 'msteams',
    text: 'add a user',
    conversation: { id: conversation, tenantId: TENANTS.demo },
    channelData: { tenant: { id: TENANTS.demo } },
    from: { id: '29:julien', aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a02' },
  });

  it('says at start that it is not in local mode', () => {
    expect(server.output()).not.toContain('Local mode');
  });

  it('refuses an unsigned request with 401', async () => {
    expect((await sendActivity(server.url, teamsActivity('unsigned'))).status).toBe(401);
  });

  it('refuses a junk bearer token with 401', async () => {
    const answer = await sendActivity(server.url, teamsActivity('junk'), { Authorization: 'Bearer junk' });
    expect(answer.status).toBe(401);
  });

  it('ran no turn: no conversation stored, the store untouched', async () => {
    expect(await storeBytes(dataFile)).toBe(storeAtStart);
    // The file and its journal (changes not yet folded into it).
    for (const file of [conversationsFile, `${conversationsFile}.journal`]) {
      const conversations = existsSync(file) ? await readFile(file, 'utf8') : '';
      expect(conversations).not.toMatch(/unsigned|junk/);
    }
  });

  it('does not serve the local chat page', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/local/panel?conversation=x&person=demo-owner`)).status).toBe(404);
  });
});
