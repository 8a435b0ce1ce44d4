// Local mode takes anyone's word for who they are, so it listens on this computer alone unless HOST
// opens it wider, and then says so plainly at start; a blank MicrosoftAppId (an empty line in an
// environment file) stops the start instead of falling back to local mode.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { tempFile } from '../store/helpers.ts';

const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

async function start(env: Record<string, string> = {}) {
  const server = await startServerProcess('src/index.ts', { DATA_FILE: await tempFile('store.json'), ...env });
  servers.push(server);
  return server;
}

/** The local addresses a process's listening TCP sockets are bound to, as Linux lists them (/proc/<pid>/net/tcp{,6}). */
async function listeningAddresses(pid: number, port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) addresses.push(local.slice(0, -5));
    }
  }
  return addresses;
}

describe.runIf(process.platform === 'linux')('local mode', () => {
  it('listens on 127.0.0.1 alone by default, and says so', async () => {
    const server = await start();
    expect(server.output()).toContain(`listening on http://127.0.0.1:${server.port}/api/messages`);
    expect(server.output()).not.toContain('WARNING');
    // 0100007F: 127.0.0.1 as /proc/net/tcp writes it.
    expect(await listeningAddresses(server.pid, server.port)).toEqual(['0100007F']);
  });

  it('listens where HOST says, and warns in plain words that anyone who can reach it can act as anyone', async () => {
    const server = await start({ HOST: '0.0.0.0' });
    expect(await listeningAddresses(server.pid, server.port)).toEqual(['00000000']);
    expect(server.output()).toContain('WARNING: HOST=0.0.0.0 opens local mode beyond this computer');
    expect(server.output()).toContain('can act as any colleague of any practice in the store, with no sign-in');
  });

  it('refuses to start with a blank MicrosoftAppId, saying what to do', async () => {
    await expect(start({ MicrosoftAppId: '', MicrosoftAppPassword: 'secret' })).rejects.toThrow(
      "Access Assistant cannot start: MicrosoftAppId is blank: set MicrosoftAppId to the bot's app id, or remove the variable to run in local mode",
    );
  });
});
