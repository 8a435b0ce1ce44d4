// With credentials, over HTTP, against a Bot Framework sign-in played on loopback: a request signed for
// Teams runs its turn; the same person signed on another channel is refused politely (those channels
// let the client write its own tenant and Entra id); a bad token is 401 and an unreachable key service
// 503, and neither answer carries the library's words (hosts, keys, error codes).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelToken, signingKey, startOpenIdProvider } from '../support/botFrameworkTokens.ts';
import { freePort, sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { tempFile } from '../store/helpers.ts';
import { storeBytes } from '../support/storeOnDisk.ts';
import { PEOPLE, TENANTS } from '../support/teamsDriver.ts';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const LIBRARY_WORDS = /signature|jwt|token|ECONN|127\.0\.0\.1|Available keys|openid|AuthenticationError/i;

const known = signingKey('known-key');
const stranger = signingKey('known-key'); // same key id, another key: a forgery

function teamsActivity(conversation: string, fields: Record<string, unknown> = {}) {
  return {
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    text: 'add a user',
    conversation: { id: conversation, tenantId: TENANTS.demo },
    channelData: { tenant: { id: TENANTS.demo } },
    from: { id: PEOPLE.admin.id, aadObjectId: PEOPLE.admin.aadObjectId, name: PEOPLE.admin.name },
    ...fields,
  };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const signed = (key = known, alg: 'RS256' | 'none' = 'RS256', expiresIn?: number) =>
  bearer(channelToken(key, { aud: APP_ID, serviceurl: SERVICE_URL, expiresIn }, alg));

const texts = (body: any): string => (body?.activities ?? []).map((a: any) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])}`).join('\n');

async function startAssistant(openIdUrl: string) {
  const dataFile = await tempFile('store.json');
  const conversationsFile = await tempFile('conversations.json');
  const server = await startServerProcess('src/index.ts', {
    DATA_FILE: dataFile,
    CONVERSATIONS_FILE: conversationsFile,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    ToBotFromChannelOpenIdMetadataUrl: openIdUrl,
  });
  return { server, dataFile, conversationsFile };
}

describe('signed requests', () => {
  let provider: Awaited<ReturnType<typeof startOpenIdProvider>>;
  let assistant: Awaited<ReturnType<typeof startAssistant>>;
  let storeAtStart: string;

  beforeAll(async () => {
    provider = await startOpenIdProvider([known]);
    assistant = await startAssistant(provider.url);
    storeAtStart = await storeBytes(assistant.dataFile);
  });
  afterAll(async () => {
    expect(await assistant.server.stop()).toBe(0);
    await provider.close();
  });

  it('runs the turn of a request signed for Teams, from a colleague the practice knows', async () => {
    const answer = await sendActivity(assistant.server.url, teamsActivity('teams-signed'), signed());
    expect(answer.status).toBe(200);
    expect(texts(answer.body)).toContain('Which client company?');
  });

  it.each([
    ['webchat', 'en-GB', 'I work in Microsoft Teams only'],
    ['directline', 'fr-FR', 'Je fonctionne uniquement dans Microsoft Teams'],
  ])('refuses the same person, signed, on %s, in their language, and stores nothing for them', async (channelId, locale, said) => {
    const conversation = `other-channel-${channelId}`;
    const answer = await sendActivity(assistant.server.url, teamsActivity(conversation, { channelId, locale }), signed());
    expect(answer.status).toBe(200);
    expect(texts(answer.body)).toContain(said);
    expect(texts(answer.body)).not.toContain('Which client company?');
    for (const file of [assistant.conversationsFile, `${assistant.conversationsFile}.journal`]) {
      if (existsSync(file)) expect(await readFile(file, 'utf8')).not.toContain(conversation);
    }
  });

  it.each([
    ['signed by another key under a known key id', () => signed(stranger)],
    ['unsigned (alg "none") under a known key id', () => signed(known, 'none')],
    ['expired', () => signed(known, 'RS256', -3600)],
    ['not a token at all', () => bearer('junk')],
  ])('answers a token %s with 401 and no word of the library, and runs no turn', async (_name, headers) => {
    const answer = await sendActivity(assistant.server.url, teamsActivity('forged-token'), headers());
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toMatch(LIBRARY_WORDS);
  });

  it('changed nothing in the store, and stored no conversation for a refused request', async () => {
    expect(await storeBytes(assistant.dataFile)).toBe(storeAtStart);
    for (const file of [assistant.conversationsFile, `${assistant.conversationsFile}.journal`]) {
      if (existsSync(file)) expect(await readFile(file, 'utf8')).not.toContain('forged-token');
    }
  });
});

describe('when the signing keys cannot be fetched', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    // Nothing listens there: the key service is unreachable.
    server = (await startAssistant(`http://127.0.0.1:${await freePort()}/v1/.well-known/openidconfiguration`)).server;
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('answers 503, without the address or the network error, and stays up', async () => {
    const answer = await sendActivity(server.url, teamsActivity('no-keys'), signed());
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).not.toMatch(LIBRARY_WORDS);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
