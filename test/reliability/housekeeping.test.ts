// Flows left alone longer than the idle time are removed; the next message starts afresh and says so.
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';
import { openConversations, openStore } from '../support/openStore.ts';
import { tempFile } from '../store/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
const speaker = { practiceId: 'demo', colleagueId: 'demo-admin', personKey: 'demo-admin' };

async function setUp() {
  let now = new Date('2026-03-02T09:00:00Z');
  const conversations = await openConversations(await tempFile('conversations.json'));
  const { conversation } = createAssistant({
    practices: await openStore(await tempFile('store.json')),
    conversations,
    localMode: true,
    idleDays: 7,
    now: () => now,
  });
  const say = (key: string, text: string, locale = 'en-GB') =>
    conversation.handle({ key, speaker, t: translatorFor(locale), text });
  const texts = (reply: Awaited<ReturnType<typeof say>>) => reply.prompt.body.map((b) => ('text' in b ? b.text : '')).join('\n');
  return { conversation, conversations, say, texts, later: (days: number) => (now = new Date(now.getTime() + days * DAY)) };
}

describe('housekeeping of idle conversations', () => {
  it('removes a flow idle longer than the set time; the next message starts afresh with a word about it', async () => {
    const { conversation, conversations, say, texts, later } = await setUp();
    await say('old', 'add a user');
    await say('old', 'Dupont Frères');
    later(3);
    await say('recent', 'add a user');
    later(5); // 'old' idle 8 days, 'recent' 5

    expect(await conversation.housekeeping(conversations)).toBe(1);
    const stored = (await conversations.read(['old', 'recent'])) as Record<string, any>;
    expect(stored.old).toMatchObject({ expired: true, snapshot: null });
    expect(stored.recent.snapshot).not.toBeNull();

    const reply = await say('old', 'help', 'fr-FR');
    expect(texts(reply)).toContain("Nous ne nous étions pas parlé depuis un moment");
    expect(reply.stamp.step).toBe('idle');
    expect(((await conversations.read(['old'])) as Record<string, any>).old.expired).toBeUndefined();
  });

  it('drops the expiry note itself after a long while, and leaves active flows alone', async () => {
    const { conversation, conversations, say, later } = await setUp();
    await say('old', 'add a user');
    later(8);
    await conversation.housekeeping(conversations);
    later(30);
    expect(await conversation.housekeeping(conversations)).toBe(0); // a recent enough note stays as it is
    later(70);
    expect(await conversation.housekeeping(conversations)).toBe(1);
    expect(await conversations.read(['old'])).toEqual({});
  });
});
