// One person in one conversation, talking over HTTP (deliveryMode expectReplies) to whichever server process
// each turn names: the conversation id and sender stay the same, so several instances can share one flow.
// Clicks send the button's data as the activity's value, as a channel does for Action.Submit.
import { expect } from 'vitest';
import { activityText, cardProblems, cardsIn, findButton, plainSpaces } from './conversationHarness.ts';
import { sendActivity } from './httpBot.ts';

type Json = Record<string, any>;

export interface Reply {
  status: number;
  /** Everything the replies say (text, card texts, suggested actions), with plain spaces. */
  text: string;
  activities: Json[];
}

/** Anything that listens for activities: a server process. */
export interface Instance {
  url: string;
}

export interface ChatOptions {
  conversationId: string;
  from: string;
  locale: string;
  channelId?: string;
}

export function chat({ conversationId, from, locale, channelId = 'emulator' }: ChatOptions) {
  let lastCard: Json | undefined;

  /** One turn; a non-200 answer or a request the server never answers is thrown. */
  async function send(to: Instance, activity: Json): Promise<Reply> {
    const answer = await sendActivity(to.url, { channelId, conversation: { id: conversationId }, from: { id: from }, locale, ...activity });
    if (answer.status !== 200) throw new Error(`${to.url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const activities: Json[] = answer.body.activities ?? [];
    for (const reply of activities) {
      for (const card of cardsIn(reply)) {
        expect(cardProblems(card)).toEqual([]);
        lastCard = card;
      }
    }
    return { status: answer.status, text: plainSpaces(activities.map(activityText).join('\n')), activities };
  }

  /** The data of the button titled `title` on the last card received (to send it more than once). */
  function button(title: string | RegExp, beside?: string): Json {
    if (!lastCard) throw new Error('no card yet');
    return findButton(lastCard, title, beside).data;
  }

  return {
    send,
    button,
    say: (to: Instance, text: string) => send(to, { type: 'message', text }),
    click: (to: Instance, title: string | RegExp, beside?: string) => send(to, { type: 'message', value: button(title, beside) }),
  };
}

export type Chat = ReturnType<typeof chat>;
