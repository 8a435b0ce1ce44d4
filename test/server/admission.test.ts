// src/server.ts with src/bot/accessBot.ts's writesPractice: over HTTP, a click that writes the practice's
// data (a confirmation) is let into the event loop ahead of the new activities already waiting.
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { writesPractice } from '../../src/bot/accessBot.ts';
import { createServer, type BotServer } from '../../src/server.ts';
import { busy } from '../support/busy.ts';

type Activity = { id: string; type: string; value?: unknown };

/** A server whose turns take 2 ms of the thread each and note the order they ran in. */
async function recordingServer(ahead?: (activity: unknown) => boolean, admission: 'ok' | 401 | 503 = 'ok') {
  const ran: string[] = [];
  const app = createServer<Activity>({
    adapter: {
      authenticate: async () => admission,
      async process(req, res, logic) {
        await logic(req.body as Activity);
        res.send(200, {});
      },
    },
    bot: {
      async run(activity) {
        ran.push(activity.id);
        busy(2);
      },
    },
    maxBodyKb: 64,
    ahead,
  });
  const port = await app.listen(0);
  return { app, ran, url: `http://127.0.0.1:${port}/api/messages` };
}

function post(url: string, agent: Agent, activity: Activity): Promise<number> {
  const body = JSON.stringify({
    channelId: 'emulator', serviceUrl: 'http://localhost', conversation: { id: activity.id }, from: { id: 'admin' }, recipient: { id: 'bot' }, ...activity,
  });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const navigation = (i: number): Activity => ({ id: `nav-${i}`, type: 'message', value: { v: 1, event: { type: 'PICK_ROLE', roleId: 'x' } } });
const confirm: Activity = { id: 'confirm', type: 'message', value: { v: 1, seq: 7, step: 'confirm', event: { type: 'CONFIRM' } } };

/** Forty navigation clicks at once, then the confirmation once the first has run; where it ran. */
async function confirmationPosition(ahead?: (activity: unknown) => boolean) {
  const { app, ran, url } = await recordingServer(ahead);
  servers.push(app);
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  // Connections open first, so the burst arrives together, as from a busy channel.
  await Promise.all(Array.from({ length: 41 }, (_, i) => post(url, agent, navigation(100 + i))));
  ran.length = 0;
  const burst = Array.from({ length: 40 }, (_, i) => post(url, agent, navigation(i)));
  while (ran.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  const confirmed = post(url, agent, confirm);
  expect(await Promise.all([...burst, confirmed])).toEqual(Array(41).fill(200));
  agent.destroy();
  return ran.indexOf('confirm');
}

const servers: BotServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((app) => app.close()));
});

describe('letting activities in', () => {
  it('tells a click that writes the practice (message or universal action) from navigation and junk', () => {
    expect(writesPractice(confirm)).toBe(true);
    expect(writesPractice({ type: 'message', value: { event: { type: 'SAVE_ROLE' } } })).toBe(true);
    expect(writesPractice({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: { event: { type: 'IMPORT', fileId: 'f' } } } } })).toBe(true);
    expect(writesPractice({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: { event: { type: 'RETRY' } } } } })).toBe(true);
    expect(writesPractice({ type: 'invoke', value: { event: { type: 'CONFIRM' } } })).toBe(false);
    expect(writesPractice({ type: 'message', value: { action: { data: { event: { type: 'CONFIRM' } } } } })).toBe(false);
    expect(writesPractice(navigation(1))).toBe(false);
    expect(writesPractice({ type: 'message', text: 'confirm' })).toBe(false);
    for (const junk of [undefined, null, 'CONFIRM', 42, [], { value: 'CONFIRM' }, { value: { event: 'CONFIRM' } }, { value: { event: { type: ['CONFIRM'] } } }]) {
      expect(writesPractice(junk)).toBe(false);
    }
    // Only the activity's own fields count, never inherited ones.
    expect(writesPractice({ type: 'message', value: Object.create({ event: { type: 'CONFIRM' } }) })).toBe(false);
    expect(writesPractice(JSON.parse('{"type":"message","value":{"__proto__":{"event":{"type":"CONFIRM"}}}}'))).toBe(false);
  });

  it('reads nothing of a request that is not authenticated: answered 401 or 503, never weighed for the lane, no turn', async () => {
    for (const admission of [401, 503] as const) {
      const weighed: unknown[] = [];
      const { app, ran, url } = await recordingServer((activity) => (weighed.push(activity), true), admission);
      servers.push(app);
      const agent = new Agent({ keepAlive: false });
      expect(await post(url, agent, confirm)).toBe(admission);
      expect(weighed).toEqual([]);
      expect(ran).toEqual([]);
    }
  });

  it('lets a confirmation in ahead of the navigation already waiting, over HTTP', async () => {
    // Without it, the confirmation waits behind the burst; with it, it is next in.
    expect(await confirmationPosition()).toBeGreaterThan(30);
    expect(await confirmationPosition(writesPractice)).toBeLessThan(10);
  });
});
