// The assistant's adapter (LeanCloudAdapter, src/bot/adapter.ts) answers every HTTP request as the stock
// CloudAdapter answers it: the same status and body for bad methods and bodies, for turns answered in
// the response (expectReplies, invokes), for a failed turn, and for a request that fails authentication,
// and it rejects where the stock one rejects. Each case is run through both.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../src/bot/adapter.ts';
import { loadConfig } from '../../src/config.ts';

type Json = Record<string, any>;
interface Answer {
  status?: number;
  body?: unknown;
  ended: boolean;
  /** The request's promise rejected (src/server.ts then answers 400). */
  rejected?: true;
}

const LOCAL = loadConfig({});
const REGISTERED = loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });

function response(answer: Answer) {
  return {
    socket: {},
    status: (code: number) => void (answer.status = code),
    send: (body: unknown) => void (answer.body = body),
    header: () => undefined,
    end: () => void (answer.ended = true),
  };
}

/** What an adapter answers (or how it rejects), with the replies' ids and times left out. */
async function answerOf(stock: boolean, config: typeof LOCAL, req: Json, logic: (context: TurnContext) => Promise<void>): Promise<Answer> {
  const adapter = createAdapter(config, async (_context, error) => {
    throw error;
  }, { stock });
  const answer: Answer = { ended: false };
  const request = { method: 'POST', headers: {}, ...req, body: structuredClone(req.body) };
  const silenced = [vi.spyOn(console, 'error').mockImplementation(() => undefined), vi.spyOn(console, 'warn').mockImplementation(() => undefined)];
  try {
    await adapter.process(request as never, response(answer) as never, logic);
  } catch {
    answer.rejected = true;
  } finally {
    silenced.forEach((spy) => spy.mockRestore());
  }
  return JSON.parse(JSON.stringify(answer, (key, value) => (['id', 'timestamp', 'localTimestamp'].includes(key) ? undefined : value)));
}

async function sameAnswer(req: Json, logic: (context: TurnContext) => Promise<void> = async () => undefined, config = LOCAL) {
  const stock = await answerOf(true, config, req, logic);
  const lean = await answerOf(false, config, req, logic);
  expect(lean).toEqual(stock);
  return lean;
}

const activity = (fields: Json = {}) => ({
  type: 'message', id: 'a1', channelId: 'test', serviceUrl: 'http://localhost', text: 'hi',
  conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: 'bot' }, ...fields,
});
const replyHi = async (context: TurnContext) => void (await context.sendActivity('hi back'));

describe('LeanCloudAdapter answers as CloudAdapter', () => {
  it('refuses a method other than POST with 405', async () => {
    expect((await sameAnswer({ method: 'GET', body: activity() })).status).toBe(405);
  });

  it.each([
    ['a string', 'not json'],
    ['an array', [activity()]],
    ['null', null],
    ['a number', 42],
  ])('refuses a body that is %s with 400', async (_name, body) => {
    const answer = await sameAnswer({ body });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/not an object/);
  });

  it('refuses an empty type with 400, and rejects a body without a type', async () => {
    expect((await sameAnswer({ body: activity({ type: '' }) })).status).toBe(400);
    expect((await sameAnswer({ body: activity({ type: undefined }) })).rejected).toBe(true);
    expect((await sameAnswer({ body: activity({ type: 7 }) })).rejected).toBe(true);
  });

  it('rejects a header of the wrong kind', async () => {
    expect((await sameAnswer({ headers: { authorization: ['Bearer a', 'Bearer b'] }, body: activity() })).rejected).toBe(true);
  });

  it('answers an expectReplies turn with its replies, times read as CloudAdapter reads them', async () => {
    const seen: unknown[] = [];
    const answer = await sameAnswer(
      { body: activity({ deliveryMode: 'expectReplies', timestamp: '2026-11-28T10:00:00Z' }) },
      async (context) => {
        seen.push(context.activity.timestamp instanceof Date && (context.activity as Json).rawTimestamp);
        await replyHi(context);
      },
    );
    expect(answer.status).toBe(200);
    expect((answer.body as Json).activities.map((a: Json) => a.text)).toEqual(['hi back']);
    expect(seen).toEqual(['2026-11-28T10:00:00Z', '2026-11-28T10:00:00Z']);
  });

  it('answers an invoke with the response the turn set, and 501 without one', async () => {
    const invoke = activity({ type: ActivityTypes.Invoke, name: 'adaptiveCard/action' });
    const answer = await sameAnswer({ body: invoke }, async (context) => {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, value: 'ok' } } });
    });
    expect(answer).toMatchObject({ status: 200, body: { statusCode: 200, value: 'ok' } });
    expect((await sameAnswer({ body: invoke })).status).toBe(501);
  });

  it('answers 500 when the turn fails', async () => {
    const answer = await sameAnswer({ body: activity({ deliveryMode: 'expectReplies' }) }, async () => {
      throw new Error('turn broke');
    });
    expect(answer).toMatchObject({ status: 500, body: 'turn broke' });
  });

  it('answers 401 to an unsigned or badly signed request with credentials configured, and runs no turn', async () => {
    const logic = vi.fn(replyHi);
    expect((await sameAnswer({ body: activity() }, logic, REGISTERED)).status).toBe(401);
    expect((await sameAnswer({ headers: { authorization: 'Bearer junk' }, body: activity() }, logic, REGISTERED)).status).toBe(401);
    expect(logic).not.toHaveBeenCalled();
  });
});
