import {
  ActivityTypes,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type InvokeResponse,
} from 'botbuilder';
import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import type { AccessConversation, TurnReply } from '../conversation/accessConversation.ts';
import { payloadEventType } from '../conversation/interpretCard.ts';
import { translatorFor } from '../presentation/i18n.ts';
import { outcomeCard } from '../presentation/adaptiveCard.ts';
import { conversationKey } from '../conversation/conversationKey.ts';
import { identify, type Directory } from './identify.ts';
import { removeMentionOfAssistant } from './mentions.ts';
import { promptActivity, stepCard } from './replies.ts';
import { TurnQueue } from './turnQueue.ts';

/** Clicks that write the practice's data: the person waits for "added" (or "saved"). */
const WRITING: ReadonlySet<FlowEvent['type']> = new Set(['CONFIRM', 'SAVE_ROLE', 'RETRY']);

/**
 * Whether an activity, as posted (before any check), is a click on a button that writes the practice's
 * data: a card's Action.Submit (a message's value) or a universal action (an invoke's action data). The
 * server lets these into the event loop ahead of other new activities (src/timeSlices.ts).
 */
export function writesPractice(activity: unknown): boolean {
  const { type, value } = (typeof activity === 'object' && activity !== null ? activity : {}) as { type?: unknown; value?: unknown };
  const event = payloadEventType(type === 'invoke' ? field(field(value, 'action'), 'data') : value);
  return event !== undefined && WRITING.has(event as FlowEvent['type']);
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;

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
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m: ChannelAccount | null) => m?.id === botId)) {
        await this.converse(context, { welcome: true });
      }
      await next();
    });
  }

  /**
   * A message, the assistant's busiest activity, goes straight to its turn rather than through
   * ActivityHandler's dispatch (six promise layers deep: the turn handlers, then the type's) and its
   * registry of message handlers: none is registered (no onTurn, no onMessage), this is the one place
   * messages go. Every other activity takes the usual way.
   */
  override async run(context: TurnContext): Promise<void> {
    if (context?.activity?.type === ActivityTypes.Message) return this.onMessageActivity(context);
    return super.run(context);
  }

  protected async onMessageActivity(context: TurnContext): Promise<void> {
    removeMentionOfAssistant(context.activity);
    const { text, value } = context.activity;
    await this.converse(context, { text: text ?? '', value: value ?? undefined });
  }

  /**
   * Every invoke is answered, and never with a server error: a universal action without its
   * `action` is a bad request, and an invoke this assistant does not offer is refused plainly.
   */
  protected async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    const action = (value as { action?: unknown } | undefined)?.action;
    if (name === 'adaptiveCard/action' && (typeof action !== 'object' || action === null || Array.isArray(action))) {
      return { status: 400, body: { code: 'BadRequest', message: 'An adaptiveCard/action invoke needs an action object.' } };
    }
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? { status: 400, body: { code: 'NotSupported', message: `Invoke "${name}" is not supported.` } } : response;
  }

  /**
   * Teams universal actions (Action.Execute), always answered: the answered card is replaced in
   * place by what was chosen and the next step comes as a new message, so the chat does not fill
   * with live buttons; a card that is no longer live for this person is left as it is.
   */
  protected async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { activity } = context;
    const t = translatorFor(activity.locale);
    const reply = await this.converse(context, { value: invoke.action?.data ?? null }, false);
    if (reply === 'not-set-up') return messageResponse(t('errors.notSetUp'));
    if (reply === 'failed') return messageResponse(t('errors.unexpected'));
    switch (reply.verdict) {
      case 'moved': {
        await context.sendActivity(promptActivity(reply.prompt, reply.stamp, activity.channelId));
        const { title, answer } = reply.answered!;
        return cardResponse(outcomeCard(title, answer ? [`✓ ${answer}`] : []));
      }
      case 'stale':
        await context.sendActivity(promptActivity(reply.prompt, reply.stamp, activity.channelId));
        return messageResponse(t('conversation.stale'));
      case 'wrong-person':
        return messageResponse(t('conversation.wrongPerson'));
      default:
        return cardResponse(stepCard(reply.prompt, reply.stamp, activity.channelId));
    }
  }

  private async converse(context: TurnContext, input: { text?: string; value?: unknown; welcome?: boolean }, send = true): Promise<TurnReply | 'not-set-up' | 'failed'> {
    const { activity } = context;
    const t = translatorFor(activity.locale);
    const speaker = identify(activity, this.deps.directory, this.deps.localMode);
    if (!speaker) {
      if (send) await context.sendActivity(t('errors.notSetUp'));
      return 'not-set-up';
    }
    const key = conversationKey(activity.channelId, activity.conversation?.id, speaker);
    try {
      const reply = await this.turns.run(key, () => this.deps.conversation.handle({ key, speaker, t, ...input }));
      if (send) await context.sendActivity(promptActivity(reply.prompt, reply.stamp, activity.channelId));
      return reply;
    } catch (error) {
      this.deps.log(`turn failed in conversation ${activity.conversation?.id}`, error);
      if (send) await context.sendActivity(MessageFactory.suggestedActions([t('common.startOver')], t('errors.unexpected')));
      return 'failed';
    }
  }
}

function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
}

/** Shown to the person who clicked, without changing the card. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never };
}
