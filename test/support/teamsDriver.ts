// Drives the assistant as Microsoft Teams does: msteams activities from people known by their
// Entra object id, in a tenant, in a personal or group chat; card clicks as Action.Execute invokes.
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { createAssistant } from '../../src/assistant.ts';
import { openConversations, openStore } from './openStore.ts';
import { tempFile } from '../store/helpers.ts';
import { cardProblems, cardsIn, nodesOf } from './conversationHarness.ts';

type Json = Record<string, any>;

export const TENANTS = { demo: '7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d', north: '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f' };
export const PEOPLE = {
  owner: { id: '29:claire', name: 'Claire Martin', aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a01', tenant: TENANTS.demo },
  admin: { id: '29:julien', name: 'Julien Moreau', aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a02', tenant: TENANTS.demo },
  standard: { id: '29:sophie', name: 'Sophie Bernard', aadObjectId: '0b6c1f2e-8d4a-4e1b-9a37-2c5d8e9f1a03', tenant: TENANTS.demo },
  northOwner: { id: '29:helene', name: 'Hélène Vasseur', aadObjectId: '5e1d2c3b-4a59-4867-8f90-1a2b3c4d5e01', tenant: TENANTS.north },
  northAdmin: { id: '29:marc', name: 'Marc Lefebvre', aadObjectId: '5e1d2c3b-4a59-4867-8f90-1a2b3c4d5e02', tenant: TENANTS.north },
} as const;
export type Person = { id: string; name: string; aadObjectId: string; tenant: string };

const BOT = { id: '28:access-assistant', name: 'Access Assistant' };

export async function createTeamsDriver(options: { localMode?: boolean } = {}) {
  const file = await tempFile('store.json');
  const db = await openStore(file);
  const conversations = await openConversations(await tempFile('conversations.json'));
  const assistant = createAssistant({ practices: db, conversations, localMode: options.localMode ?? false, idleDays: 7, log: () => {} });
  const adapter = new TestAdapter(async (context: TurnContext) => assistant.bot.run(context));

  function activity(person: Person, conversationId: string, extra: Partial<Activity>): Partial<Activity> {
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      locale: 'en-GB',
      from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
      recipient: BOT,
      conversation: { id: conversationId, conversationType: conversationId.startsWith('19:') ? 'groupChat' : 'personal', tenantId: person.tenant } as Activity['conversation'],
      channelData: { tenant: { id: person.tenant } },
      ...extra,
    };
  }

  async function deliver(a: Partial<Activity>): Promise<Array<Partial<Activity>>> {
    await adapter.processActivity(a);
    const replies = adapter.activeQueue.splice(0);
    for (const reply of replies) {
      const cards = [...cardsIn(reply), ...(invokeCard(reply) ? [invokeCard(reply)!] : [])];
      for (const card of cards) {
        const problems = cardProblems(card);
        if (problems.length) throw new Error(`invalid card: ${problems.join('; ')}`);
      }
    }
    return replies;
  }

  return {
    db,
    file,
    repository: assistant.repository,
    /** A message; in a group chat, `mention` adds the @mention Teams puts before the text. */
    say(person: Person, conversationId: string, text: string, opts: { mention?: boolean; locale?: string } = {}) {
      const mention = `<at>${BOT.name}</at>`;
      return deliver(
        activity(person, conversationId, {
          type: 'message',
          locale: opts.locale ?? 'en-GB',
          text: opts.mention ? `${mention} ${text}` : text,
          entities: opts.mention ? [{ type: 'mention', text: mention, mentioned: BOT }] : [],
        }),
      );
    },
    /** An Action.Execute click: Teams sends an `adaptiveCard/action` invoke with the action's data. */
    execute(person: Person, conversationId: string, data: unknown) {
      return deliver(
        activity(person, conversationId, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'flow', data } },
        }),
      );
    },
  };
}

export function invokeCard(reply: Partial<Activity>): Json | undefined {
  const body = (reply.value as Json | undefined)?.body;
  return reply.type === 'invokeResponse' && body?.type === 'application/vnd.microsoft.card.adaptive' ? body.value : undefined;
}

/** The Action.Execute button titled `title` on the last card among the replies. */
export function executeButton(replies: Array<Partial<Activity>>, title: string): Json {
  const card = replies.flatMap(cardsIn).at(-1);
  if (!card) throw new Error('no card in the replies');
  const button = nodesOf(card, 'Action.Execute').find((a) => a.title === title);
  if (!button) throw new Error(`no button "${title}"; offered: ${nodesOf(card, 'Action.Execute').map((a) => a.title).join(', ')}`);
  return button.data;
}

export function textOf(replies: Array<Partial<Activity>>): string {
  const walk = (node: unknown, out: string[]) => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, out));
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (typeof n.text === 'string') out.push(n.text);
      if (typeof n.title === 'string') out.push(n.title);
      Object.values(n).forEach((v) => walk(v, out));
    } else if (typeof node === 'string') out.push(node);
    return out;
  };
  return replies.map((r) => walk([r.text, r.attachments, r.value], []).join('\n')).join('\n');
}
