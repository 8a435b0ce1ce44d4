// The assistant's outbound clients are made once and reused (src/bot/reusedClients.ts). Through the
// door a channel uses: turns delivered normally (not expectReplies) have their replies posted back to
// the service URL each came from, turn after turn and with two channels' services interleaved. Then
// the wrapper itself: what is shared, what is not, the bound, and failures not kept.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_KEPT_CLIENTS, ReusedClientsAuthentication } from '../../src/bot/reusedClients.ts';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';

type Json = Record<string, any>;

/** A channel's service: records the activities the bot posts to it. */
async function channelService(): Promise<{ url: string; posted: { path: string; activity: Json }[]; server: Server }> {
  const posted: { path: string; activity: Json }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posted, server };
}

describe('replies posted to the channel, turn after turn', () => {
  let dir: string;
  let bot: ServerProcess;
  let first: Awaited<ReturnType<typeof channelService>>;
  let second: Awaited<ReturnType<typeof channelService>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'access-reused-'));
    [first, second] = await Promise.all([channelService(), channelService()]);
    bot = await startServerProcess('src/index.ts', { DATA_FILE: join(dir, 'store.json'), CONVERSATIONS_FILE: join(dir, 'conversations.json') });
  });
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    for (const service of [first, second]) service?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** One turn delivered normally: the bot answers the request empty and posts its replies to the service. */
  async function turn(service: { url: string }, conversationId: string, activityId: string, text: string) {
    const answer = await sendActivity(bot.url, {
      id: activityId, text, deliveryMode: undefined, serviceUrl: service.url,
      conversation: { id: conversationId }, from: { id: 'demo-owner', name: 'Claire Martin' },
    });
    expect(answer.status).toBe(200);
  }

  it('posts every reply to the service URL its turn came from', async () => {
    await turn(first, 'conversation-a', 'turn-1', 'hello');
    await turn(first, 'conversation-a', 'turn-2', 'dupont');
    await turn(second, 'conversation-b', 'turn-3', 'hello');
    await turn(first, 'conversation-a', 'turn-4', 'start over');

    const byTurn = (service: typeof first) => service.posted.map(({ path, activity }) => ({
      path: decodeURIComponent(path), conversation: activity.conversation?.id, replyToId: activity.replyToId,
    }));
    const expected = (conversation: string, ids: string[]) => ids.map((id) => expect.objectContaining({
      path: `/v3/conversations/${conversation}/activities/${id}`, conversation, replyToId: id,
    }));
    const firstReplies = byTurn(first);
    const secondReplies = byTurn(second);
    // Every turn is answered (a turn may send more than one activity), each on its own service only.
    for (const id of ['turn-1', 'turn-2', 'turn-4']) expect(firstReplies.some((r) => r.replyToId === id)).toBe(true);
    expect(secondReplies.map((r) => r.replyToId)).toEqual(secondReplies.map(() => 'turn-3'));
    expect(secondReplies.length).toBeGreaterThan(0);
    expect(firstReplies).toEqual(expected('conversation-a', firstReplies.map((r) => r.replyToId)));
    expect(secondReplies).toEqual(expected('conversation-b', secondReplies.map(() => 'turn-3')));
    // The replies are the assistant's own: a text or a card, in the conversation's language.
    for (const { activity } of [...first.posted, ...second.posted]) {
      expect(activity.type).toBe('message');
      expect(Boolean(activity.text) || (activity.attachments ?? []).length > 0).toBe(true);
    }
  });
});

/** An authentication that counts what it makes; clients are plain tagged objects. */
class CountingAuthentication extends BotFrameworkAuthentication {
  made = { connectors: 0, userTokens: 0 };
  failNext = false;

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const claimsIdentity = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: authHeader }], true);
    return { audience: 'channel', callerId: activity.channelId ?? '', claimsIdentity, connectorFactory: this.createConnectorFactory(claimsIdentity) };
  }
  authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    throw new Error('not used');
  }
  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const made = this.made;
    const failsNow = () => {
      const fails = this.failNext;
      this.failNext = false;
      return fails;
    };
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim);
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        if (failsNow()) throw new Error('credentials unavailable');
        made.connectors += 1;
        return { appId, serviceUrl, audience, serial: made.connectors } as unknown as ConnectorClient;
      }
    })();
  }
  async createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    this.made.userTokens += 1;
    return { appId: claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim), serial: this.made.userTokens } as unknown as UserTokenClient;
  }
  createBotFrameworkClient(): BotFrameworkClient {
    return {} as BotFrameworkClient;
  }
}

describe('ReusedClientsAuthentication', () => {
  const activity = { type: 'message', channelId: 'msteams' } as Activity;

  async function connector(auth: BotFrameworkAuthentication, appId: string, serviceUrl: string, audience?: string) {
    const { connectorFactory } = await auth.authenticateRequest(activity, appId);
    return connectorFactory!.create(serviceUrl, audience);
  }

  it('hands out the same client for the same app, audience and service URL, and a new one otherwise', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const a = await connector(auth, 'app-1', 'https://smba.example/emea/', 'channel');
    expect(await connector(auth, 'app-1', 'https://smba.example/emea/', 'channel')).toBe(a);
    const others = [
      await connector(auth, 'app-2', 'https://smba.example/emea/', 'channel'),
      await connector(auth, 'app-1', 'https://smba.example/amer/', 'channel'),
      await connector(auth, 'app-1', 'https://smba.example/emea/', 'skill'),
      await connector(auth, 'app-1', 'https://smba.example/emea/'),
    ];
    expect(new Set([a, ...others]).size).toBe(5);
    expect(inner.made.connectors).toBe(5);
    // Proactive turns go through createConnectorFactory: the same clients.
    const claims = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: 'app-1' }], true);
    expect(await auth.createConnectorFactory(claims).create('https://smba.example/emea/', 'channel')).toBe(a);
    // User-token clients: one per app.
    const token = await auth.createUserTokenClient(claims);
    expect(await auth.createUserTokenClient(claims)).toBe(token);
    const otherApp = new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: 'app-2' }], true);
    expect(await auth.createUserTokenClient(otherApp)).not.toBe(token);
    expect(inner.made.userTokens).toBe(2);
  });

  it(`keeps at most ${MAX_KEPT_CLIENTS} clients, letting the least recently used go`, async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    const url = (i: number) => `https://service-${i}.example/`;
    const firstMade = await connector(auth, 'app', url(0), 'channel');
    for (let i = 1; i < MAX_KEPT_CLIENTS; i += 1) await connector(auth, 'app', url(i), 'channel');
    // Used again: the most recent now, so service 1 is the least recently used.
    expect(await connector(auth, 'app', url(0), 'channel')).toBe(firstMade);
    await connector(auth, 'app', url(MAX_KEPT_CLIENTS), 'channel');
    expect(inner.made.connectors).toBe(MAX_KEPT_CLIENTS + 1);
    expect(await connector(auth, 'app', url(0), 'channel')).toBe(firstMade);
    await connector(auth, 'app', url(1), 'channel');
    expect(inner.made.connectors).toBe(MAX_KEPT_CLIENTS + 2);
  });

  it('does not keep a failed creation: the next turn tries again', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusedClientsAuthentication(inner);
    inner.failNext = true;
    await expect(connector(auth, 'app', 'https://smba.example/', 'channel')).rejects.toThrow('credentials unavailable');
    const client = await connector(auth, 'app', 'https://smba.example/', 'channel');
    expect(client).toBeDefined();
    expect(await connector(auth, 'app', 'https://smba.example/', 'channel')).toBe(client);
    expect(inner.made.connectors).toBe(1);
  });
});
