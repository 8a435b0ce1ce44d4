import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
} from 'botbuilder';
import type { AccessConversation, TurnReply } from '../conversation/accessConversation.ts';
import { translatorFor } from '../presentation/i18n.ts';
import { toAdaptiveCard } from '../presentation/adaptiveCard.ts';
import { conversationKey } from '../conversation/conversationKey.ts';
import { identify, type Directory } from './identify.ts';
import { promptActivity } from './replies.ts';
import { TurnQueue } from './turnQueue.ts';

export interface AccessBotDeps {
  conversation: AccessConversation;
  directory: Directory;
  localMode: boolean;
  log: (message: string, error?: unknown) => void;
}

/** The assistant on Bot Framework: who is talking, one turn of their flow, the reply drawn for the channel. */
export class AccessBot extends TeamsActivityHandler {
  readonly turns = new TurnQueue();

  constructor(private readonly deps: AccessBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      TurnContext.removeRecipientMention(context.activity);
      const { text, value } = context.activity;
      await this.converse(context, { text: text ?? '', value: value ?? undefined });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m: ChannelAccount) => m.id === botId)) {
        await this.converse(context, { welcome: true });
      }
      await next();
    });
  }

  /** Teams universal actions (Action.Execute): always answered, with the card of where the flow is now. */
  protected async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const reply = await this.converse(context, { value: invoke.action?.data ?? null }, false);
    const t = translatorFor(context.activity.locale);
    const card = reply ? toAdaptiveCard(reply.prompt, { ...reply.stamp }) : toAdaptiveCard({ title: t('errors.notSetUp'), body: [], choices: [], actions: [] }, {});
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } as AdaptiveCardInvokeResponse;
  }

  private async converse(context: TurnContext, input: { text?: string; value?: unknown; welcome?: boolean }, send = true): Promise<TurnReply | undefined> {
    const { activity } = context;
    const t = translatorFor(activity.locale);
    const speaker = identify(activity, this.deps.directory, this.deps.localMode);
    if (!speaker) {
      if (send) await context.sendActivity(t('errors.notSetUp'));
      return undefined;
    }
    const key = conversationKey(activity.channelId, activity.conversation?.id, speaker);
    try {
      const reply = await this.turns.run(key, () => this.deps.conversation.handle({ key, speaker, t, ...input }));
      if (send) await context.sendActivity(promptActivity(reply.prompt, reply.stamp, activity.channelId));
      return reply;
    } catch (error) {
      this.deps.log(`turn failed in conversation ${activity.conversation?.id}`, error);
      await context.sendActivity(t('errors.unexpected'));
      return undefined;
    }
  }
}
