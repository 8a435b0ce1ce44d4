import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRaw, sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';

const ECHO_SERVER = 'test/support/echoServer.ts';

describe('echo server over HTTP, local mode', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(ECHO_SERVER, {});
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  async function expectEchoStillWorks() {
    const answer = await sendActivity(server.url, { text: 'still there?' });
    expect(answer.status).toBe(200);
    expect(answer.body.activities.map((a: { text: string }) => a.text)).toEqual(['echo: still there?']);
  }

  it('returns the echo in the response body with expectReplies, and runs one turn', async () => {
    const answer = await sendActivity(server.url, { text: 'hello', conversation: { id: 'conversation-hello' } });
    expect(answer.status).toBe(200);
    expect(answer.body.activities).toHaveLength(1);
    expect(answer.body.activities[0]).toMatchObject({
      type: 'message',
      text: 'echo: hello',
      conversation: { id: 'conversation-hello' },
    });
    expect(server.output()).toContain('turn message conversation-hello');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['invalid JSON', '{"type": "message",'],
    ['an empty type', '{"type": ""}'],
    ['nothing', ''],
  ])('refuses %s with a 400 and keeps serving', async (_, body) => {
    const answer = await postRaw(server.url, body);
    expect(answer.status).toBe(400);
    expect(typeof answer.body).toBe('object');
    await expectEchoStillWorks();
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const answer = await postRaw(server.url, 'type=message', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(400);
    await expectEchoStillWorks();
  });

  it('refuses a 5 MB body with a 413 and keeps serving', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(5 * 1024 * 1024) });
    const answer = await postRaw(server.url, huge);
    expect(answer.status).toBe(413);
    await expectEchoStillWorks();
  });
});

describe('echo server shutdown', () => {
  it('on SIGTERM, finishes the turn in flight, refuses new connections, and exits 0', async () => {
    const server = await startServerProcess(ECHO_SERVER, {});
    try {
      const slow = sendActivity(server.url, {
        text: 'slow',
        value: { delayMs: 1500 },
        conversation: { id: 'conversation-slow' },
      });
      await waitFor(() => server.output().includes('turn message conversation-slow'));
      const exitCode = server.stop('SIGTERM');
      await waitFor(() => server.output().includes('SIGTERM: shutting down'));
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.body.activities[0].text).toBe('echo: slow');
      expect(await exitCode).toBe(0);
    } finally {
      await server.stop('SIGKILL');
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
