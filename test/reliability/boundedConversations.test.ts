// Memory stays bounded however many conversations come: at most MAX_CONVERSATIONS are kept (those
// written longest ago are forgotten first, and their person starts afresh), a sender no practice knows
// leaves nothing stored, and a stop with nothing new to fold writes nothing.
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';
import { sendActivity, startServerProcess } from '../support/httpBot.ts';
import { tempFile } from '../store/helpers.ts';

const CAP = 50;
const CONVERSATIONS = 200;
/** The demo store's second practice: its tenant is known, but not the people below. */
const OTHER_PRACTICE_TENANT = '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f';

const texts = (answer: { body: unknown }) =>
  ((answer.body as { activities?: Array<{ text?: string; attachments?: unknown[] }> }).activities ?? [])
    .map((a) => `${a.text ?? ''}${JSON.stringify(a.attachments ?? [])}`)
    .join('\n');

/** The conversation ids stored, in the order the keys name them. */
async function storedConversations(file: string): Promise<string[]> {
  return Object.keys(await JsonDocuments.onDisk(file)).map((key) => key.split('/')[2]);
}

describe('a cap on the conversations kept', () => {
  it(`keeps the ${CAP} written last of ${CONVERSATIONS}, starts a forgotten one afresh, stops cleanly and restarts within the cap`, async () => {
    const conversationsFile = await tempFile('conversations.json');
    const env = { DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: conversationsFile, MAX_CONVERSATIONS: String(CAP) };
    const say = async (url: string, i: number, text: string) => {
      const answer = await sendActivity(url, { channelId: 'emulator', conversation: { id: `c${i}` }, from: { id: 'demo-owner' }, text });
      expect(answer.status).toBe(200);
      return texts(answer);
    };
    const recent = Array.from({ length: CAP }, (_, i) => `c${CONVERSATIONS - CAP + i}`).sort();

    let server = await startServerProcess('src/index.ts', env);
    for (let i = 0; i < CONVERSATIONS; i++) await say(server.url, i, 'add a user');
    expect((await storedConversations(conversationsFile)).sort()).toEqual(recent);

    // The oldest conversation goes on: forgotten, it starts afresh (the name picks the company) rather than failing.
    const forgotten = await say(server.url, 0, 'Dupont Frères');
    expect(forgotten).not.toMatch(/went wrong/);
    expect(forgotten.split('[')[0]).toBe('What would you like to do for Dupont Frères?');
    // A kept one goes on from its step (adding a user: the company was asked).
    expect((await say(server.url, CONVERSATIONS - 1, 'Dupont Frères')).split('[')[0]).toBe('Who should have access to Dupont Frères?');
    const kept = await storedConversations(conversationsFile);
    expect(kept).toHaveLength(CAP);
    expect(kept).toContain('c0');
    expect(kept).not.toContain(`c${CONVERSATIONS - CAP}`);

    expect(await server.stop()).toBe(0);
    expect(await readFile(`${conversationsFile}.journal`, 'utf8')).toBe('');
    expect((await storedConversations(conversationsFile)).sort()).toEqual(kept.sort());

    // A start and stop with nothing new leave the file as it is.
    const folded = await stat(conversationsFile);
    server = await startServerProcess('src/index.ts', env);
    expect(await server.stop()).toBe(0);
    expect((await stat(conversationsFile)).ino).toBe(folded.ino);

    // A restart with a lower cap keeps the most recent within it.
    server = await startServerProcess('src/index.ts', { ...env, MAX_CONVERSATIONS: '10' });
    const restarted = await storedConversations(conversationsFile);
    expect(restarted).toHaveLength(10);
    expect(restarted).toContain('c0');
    expect(restarted).toContain(`c${CONVERSATIONS - 1}`);
    expect((await say(server.url, CONVERSATIONS - 1, 'help')).split('[')[0]).toBe('Who should have access to Dupont Frères?');
    expect(await server.stop()).toBe(0);
  }, 90_000);
});

describe('a sender the practice does not know', () => {
  it('leaves nothing stored, over many conversations, from an unknown tenant or an unknown person', async () => {
    const conversationsFile = await tempFile('conversations.json');
    // A stranger in a known practice's tenant makes the assistant ask Teams who they are: no Teams here, so not for long.
    const server = await startServerProcess('src/index.ts', { DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: conversationsFile, OUTBOUND_TIMEOUT_MS: '300' });
    const before = { file: await readFile(conversationsFile, 'utf8'), journal: await readFile(`${conversationsFile}.journal`, 'utf8') };
    for (let i = 0; i < 60; i++) {
      const tenant = i % 2 ? `unknown-tenant-${i}` : OTHER_PRACTICE_TENANT;
      const answer = await sendActivity(server.url, {
        channelId: 'msteams',
        conversation: { id: `stranger-${i}`, tenantId: tenant },
        channelData: { tenant: { id: tenant } },
        from: { id: `29:stranger-${i}`, aadObjectId: `aad-stranger-${i}` },
        text: i % 3 ? 'add a user' : 'hello',
      });
      expect(answer.status).toBe(200);
      expect(texts(answer)).toMatch(/hasn't set you up/);
    }
    expect(await server.stop()).toBe(0);
    expect({ file: await readFile(conversationsFile, 'utf8'), journal: await readFile(`${conversationsFile}.journal`, 'utf8') }).toEqual(before);
  }, 60_000);
});
