// How to reach each colleague later: one reference per colleague of a practice, a personal chat's kept over a
// shared one's, written only when it changes, pruned when the colleague is gone, read back after a restart.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { reachOf, StoredReach, type Reach } from '../../src/bot/reachStore.ts';
import { JsonDocuments } from '../../src/storage/json/documentFile.ts';
import { tempFile } from '../store/helpers.ts';

const at = (conversationId: string, personal: boolean): Reach => ({
  personal,
  reference: { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: conversationId } as never, user: { id: '29:camille' } as never, bot: { id: '28:bot' } as never },
});
const journal = async (file: string) => readFile(`${file}.journal`, 'utf8').catch(() => '');

describe('StoredReach, in a JSON file of its own', () => {
  it('keeps one reference per colleague, a personal chat over a shared one, and writes only what changed', async () => {
    const file = await tempFile('reach.json');
    const store = new StoredReach(await JsonDocuments.open(file, { name: 'references' }));
    await store.remember('demo', 'demo-basic', at('19:group', false));
    expect(await store.referenceOf('demo', 'demo-basic')).toEqual(at('19:group', false));
    await store.remember('demo', 'demo-basic', at('a:camille', true));
    await store.remember('demo', 'demo-basic', at('19:other-group', false));
    expect(await store.referenceOf('demo', 'demo-basic')).toEqual(at('a:camille', true));

    const written = await journal(file);
    await store.remember('demo', 'demo-basic', at('a:camille', true));
    expect(await journal(file)).toBe(written);
    expect(await store.referenceOf('north', 'demo-basic')).toBeUndefined();
  });

  it('forgets those no longer colleagues, and reads back what it kept after a restart', async () => {
    const file = await tempFile('reach.json');
    const store = new StoredReach(await JsonDocuments.open(file, { name: 'references' }));
    await store.remember('demo', 'demo-basic', at('a:camille', true));
    await store.remember('demo', 'gone/with a slash', at('a:gone', true));
    await store.remember('north', 'north-standard', at('a:ines', true));
    expect(await store.prune((_practiceId, colleagueId) => colleagueId !== 'gone/with a slash')).toBe(1);
    await store.forget('north', 'north-standard');
    await store.flush();

    const again = new StoredReach(await JsonDocuments.open(file, { name: 'references' }));
    expect(await again.referenceOf('demo', 'demo-basic')).toEqual(at('a:camille', true));
    expect(await again.referenceOf('demo', 'gone/with a slash')).toBeUndefined();
    expect(await again.referenceOf('north', 'north-standard')).toBeUndefined();
  });
});

describe('reachOf', () => {
  const activity = (fields: object) => ({
    type: 'message', id: 'activity-1', channelId: 'msteams', serviceUrl: 'https://smba.example/', locale: 'fr-FR',
    from: { id: '29:camille', name: 'Camille Leroy', aadObjectId: 'aad-camille' }, recipient: { id: '28:bot', name: 'Access Assistant' },
    conversation: { id: 'a:camille', conversationType: 'personal', tenantId: 'tenant' }, ...fields,
  }) as never;

  it('keeps what reaches the person, not what changes from one message to the next', () => {
    expect(reachOf(activity({}))).toEqual({
      personal: true,
      reference: {
        channelId: 'msteams', serviceUrl: 'https://smba.example/',
        conversation: { id: 'a:camille', conversationType: 'personal', tenantId: 'tenant' },
        user: { id: '29:camille', aadObjectId: 'aad-camille' }, bot: { id: '28:bot', name: 'Access Assistant' },
      },
    });
  });

  it('reads a channel message as the channel, shared; and keeps nothing when replies come back in the response', () => {
    const inChannel = reachOf(activity({ conversation: { id: '19:channel@thread.tacv2;messageid=123', conversationType: 'channel', isGroup: true } }));
    expect(inChannel).toMatchObject({ personal: false, reference: { conversation: { id: '19:channel@thread.tacv2' } } });
    expect(reachOf(activity({ deliveryMode: 'expectReplies' }))).toBeUndefined();
  });
});
