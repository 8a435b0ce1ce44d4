import { ActionTypes, CardFactory, MessageFactory, TextFormatTypes, type Activity } from 'botbuilder';
import { toAdaptiveCard } from '../presentation/adaptiveCard.ts';
import { toPlainText } from '../presentation/plainText.ts';
import type { Prompt } from '../presentation/prompt.ts';
import { withoutInvisibles } from '../text/visibleText.ts';
import type { CardStamp } from '../conversation/interpretCard.ts';
import { withUniversalActions } from './universalActions.ts';

/** Channels that draw Adaptive Cards; the others get the same step as text with suggested actions. */
const CARD_CHANNELS = new Set(['msteams', 'emulator', 'webchat', 'directline', 'test', 'skype', 'outlook']);

export function supportsCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has(channelId ?? '');
}

/** The step's card for this channel: universal actions in Teams, Action.Submit elsewhere. */
export function stepCard(prompt: Prompt, stamp: CardStamp, channelId: string | undefined): object {
  const card = toAdaptiveCard(prompt, { ...stamp });
  return channelId === 'msteams' ? withUniversalActions(card) : card;
}

export function promptActivity(prompt: Prompt, stamp: CardStamp, channelId: string | undefined): Partial<Activity> {
  if (supportsCards(channelId)) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(stepCard(prompt, stamp, channelId)));
    const title = withoutInvisibles(prompt.title);
    // Teams draws a message's text above its card, so there the title (the card's heading) is only the notification's summary.
    if (channelId === 'msteams') {
      activity.summary = title;
      return activity;
    }
    // A short text beside the card: what notifications and screen readers announce.
    activity.text = title;
    // Plain, not the default Markdown: a company or person named like a link stays text.
    activity.textFormat = TextFormatTypes.Plain;
    return activity;
  }
  const { text, suggestedActions } = toPlainText(prompt);
  const activity = MessageFactory.suggestedActions(
    suggestedActions.map((a) => ({ type: ActionTypes.ImBack, title: a.title, value: a.value })),
    text,
  );
  activity.textFormat = TextFormatTypes.Plain;
  return activity;
}
