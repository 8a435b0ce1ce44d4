import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';

// Fake credentials: the adapter must refuse unsigned and badly signed requests on its own,
// before any turn runs (the echo bot logs "turn <type> <conversation>" for every turn).
describe('echo server with an app registration', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess('test/support/echoServer.ts', {
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });

  it('refuses an unsigned request with a 401 and runs no turn', async () => {
    const answer = await sendActivity(server.url, { text: 'hi', conversation: { id: 'conversation-unsigned' } });
    expect(answer.status).toBe(401);
    expect(server.output()).not.toContain('conversation-unsigned');
  });

  it('refuses a junk bearer token with a 401 and runs no turn', async () => {
    const answer = await sendActivity(
      server.url,
      { text: 'hi', conversation: { id: 'conversation-junk-token' } },
      { Authorization: 'Bearer junk' },
    );
    expect(answer.status).toBe(401);
    expect(server.output()).not.toContain('conversation-junk-token');
  });

  it('still answers /healthz without credentials', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('runs no turn at all', () => {
    expect(server.output()).not.toMatch(/^turn /m);
  });
});
