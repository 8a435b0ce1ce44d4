// What a killed write can leave behind: a half-written temporary file (a snapshot is written whole
// beside the real one, then renamed over it), and a journal line cut short. Neither stops a start,
// and neither changes what the store holds.
import { appendFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendActivity, startServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { tempFile } from '../store/helpers.ts';

describe('leftovers of a killed write', () => {
  it('starts over a half-written temporary file and a torn journal line, with every confirmed change kept', async () => {
    const env = { DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: await tempFile('conversations.json') };
    const say = (url: string, conversation: string, text: string) =>
      sendActivity(url, { channelId: 'emulator', conversation: { id: conversation }, from: { id: 'demo-owner' }, text });

    let server = await startServerProcess('src/index.ts', env);
    for (const text of ['add a user', 'Dupont Frères', 'kept@example.com', 'yes', 'AutoEntry', 'Files basic', 'English (United Kingdom)', 'yes']) {
      await say(server.url, 'before', text);
    }
    await server.stop('SIGKILL');

    // A write killed half way: the temporary snapshot, and the journal's last line without its end.
    await writeFile(join(dirname(env.DATA_FILE), `.${basename(env.DATA_FILE)}.tmp`), '{"schemaVersion":1,"practices":[{"id":"de');
    await writeFile(join(dirname(env.CONVERSATIONS_FILE), `.${basename(env.CONVERSATIONS_FILE)}.tmp`), '{"flow/em');
    await appendFile(`${env.DATA_FILE}.journal`, '{"practiceId":"demo","ops":[{"op":"put","list":"grants","item":{"id":"half');

    server = await startServerProcess('src/index.ts', env);
    const store = await storeOnDisk(env.DATA_FILE);
    const kept = store.practices[0].colleagues.find((c) => c.email === 'kept@example.com');
    expect(kept).toBeDefined();
    expect(store.practices[0].grants.filter((g) => g.colleagueId === kept!.id && g.product === 'autoentry')).toHaveLength(1);
    expect(JSON.stringify(store)).not.toContain('"half');

    // And it goes on working: a new change is made and kept.
    const replies: string[] = [];
    for (const text of ['add a user', 'Dupont Frères', 'after@example.com', 'yes', 'AutoEntry', 'Files basic', 'English (United Kingdom)', 'yes']) {
      const answer = await say(server.url, 'after', text);
      replies.push(...(answer.body as { activities: Array<{ text?: string }> }).activities.map((a) => a.text ?? ''));
    }
    expect(replies.at(-1)).toBe('Done');
    expect(await server.stop()).toBe(0);
    const after = await storeOnDisk(env.DATA_FILE);
    expect(after.practices[0].colleagues.some((c) => c.email === 'after@example.com')).toBe(true);
  }, 60_000);
});
