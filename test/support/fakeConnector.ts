// Teams' connector, played by a local HTTP server (the activities' serviceUrl): it answers who a member is
// (GET /v3/conversations/{id}/members/{userId}) and records every activity the assistant posts into a
// conversation (POST /v3/conversations/{id}/activities[/{replyToId}]), replies and proactive messages alike.
// A conversation can be made to fail (500) or to hang (never answer) for what is posted into it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activityText, plainSpaces } from './conversationHarness.ts';

type Json = Record<string, any>;

export interface Posted {
  conversationId: string;
  /** The activity id it answers, when posted as a reply. */
  replyTo?: string;
  activity: Json;
  /** What it says, cards included, with no-break spaces made plain. */
  text: string;
}

export type Behaviour = 'ok' | 'fail' | 'hang';

export async function fakeConnector(members: Record<string, Json> = {}) {
  const posted: Posted[] = [];
  const asked: string[] = [];
  const behaviour = new Map<string, Behaviour>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const member = /\/v3\/conversations\/[^/]+\/members\/(.+)$/.exec(path)?.[1];
      if (req.method === 'GET' && member) {
        asked.push(member);
        const answer = members[member];
        res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(answer ?? { error: { code: 'MemberNotFoundInConversation' } }));
      }
      const into = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method !== 'POST' || !into) return res.writeHead(404).end();
      const [, conversationId, replyTo] = into;
      const mode = behaviour.get(conversationId) ?? 'ok';
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'down' } }));
      }
      const activity = JSON.parse(body || '{}') as Json;
      posted.push({ conversationId, replyTo, activity, text: plainSpaces(activityText(activity)) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posted,
    asked,
    /** What is posted into this conversation from now on: answered, refused with a 500, or never answered. */
    behave(conversationId: string, mode: Behaviour) {
      behaviour.set(conversationId, mode);
    },
    /** Everything posted into the conversation so far. */
    into: (conversationId: string) => posted.filter((p) => p.conversationId === conversationId),
    /** Waits until something posted into the conversation says `text` (a string it contains, or a test); fails after `ms`. */
    async waitFor(conversationId: string, text: string | RegExp, ms = 10_000): Promise<Posted> {
      const deadline = Date.now() + ms;
      const matches = (p: Posted) => p.conversationId === conversationId && (typeof text === 'string' ? p.text.includes(text) : text.test(p.text));
      for (;;) {
        const found = posted.find(matches);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`nothing posted into ${conversationId} said ${text} within ${ms} ms; it got: ${JSON.stringify(posted.filter((p) => p.conversationId === conversationId).map((p) => p.text))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeConnector = Awaited<ReturnType<typeof fakeConnector>>;

/** Lets whatever is on its way arrive. */
export const settle = (ms = 1_000) => new Promise((resolve) => setTimeout(resolve, ms));
