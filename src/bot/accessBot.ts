import {
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
  type ChannelAccount,
} from 'botbuilder';
import type { TFunction } from 'i18next';
import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import type { AccessConversation, TurnReply } from '../conversation/accessConversation.ts';
import { payloadEventType, stampFor } from '../conversation/interpretCard.ts';
import { translatorFor } from '../presentation/i18n.ts';
import { outcomeCard } from '../presentation/adaptiveCard.ts';
import { colleagueWelcome, listOf } from '../presentation/colleagueWelcome.ts';
import { conversationKey } from '../conversation/conversationKey.ts';
import { identify, type Directory, type Identity, type Speaker } from './identify.ts';
import { localeOf } from './locale.ts';
import { reachOf, type ReachStore } from './reachStore.ts';
import { recogniseByEmail, type Enrolment } from './recognise.ts';
import { removeMentionOfAssistant } from './mentions.ts';
import { teamRoster } from './teamRoster.ts';
import { promptActivity, stepCard } from './replies.ts';
import type { FileSent } from '../conversation/interpretFile.ts';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './fileDownload.ts';
import { sentFileOf } from './sentFile.ts';
import { TurnQueue } from './turnQueue.ts';
import { welcomeKey, type WelcomeMemory } from './welcomeMemory.ts';

/** Clicks that write the practice's data: the person waits for "added" (or "saved"). */
const WRITING: ReadonlySet<FlowEvent['type']> = new Set(['CONFIRM', 'SAVE_ROLE', 'RETRY', 'IMPORT']);

/**
 * Whether an activity is a click on a button that writes the practice's data: a card's Action.Submit (a
 * message's value) or a universal action (an invoke's action data), read as the untrusted payload it is.
 * The server lets these into the event loop ahead of other new activities (src/timeSlices.ts).
 */
export function writesPractice(activity: unknown): boolean {
  const { type, value } = (typeof activity === 'object' && activity !== null ? activity : {}) as { type?: unknown; value?: unknown };
  const event = payloadEventType(type === 'invoke' ? field(field(value, 'action'), 'data') : value);
  return event !== undefined && WRITING.has(event as FlowEvent['type']);
}

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;

/** What the welcome reads of the practice: whether the person may manage access, and their name and language. */
export interface Welcoming {
  canManageUsers(practiceId: string, colleagueId: string): boolean;
  colleague(practiceId: string, id: string): { name: string; language: string } | undefined;
}

export interface AccessBotDeps {
  conversation: AccessConversation;
  directory: Directory & Enrolment & Welcoming;
  localMode: boolean;
  log: (message: string, error?: unknown) => void;
  /** Where colleagues' conversation references are kept, to tell them of changes to their access; none: not kept. */
  reach?: ReachStore;
  /** Which conversations have been greeted; none: every install is. */
  welcomes?: WelcomeMemory;
  /** How big a file sent to import may be, and how long fetching it may take. */
  files?: FileLimits;
  /** With an engine several instances share: a conversation's turns one at a time across them (Storage.exclusive). */
  exclusive?: <T>(key: string, turn: () => Promise<T>) => Promise<T>;
  /** With an engine several instances share: the practices brought up to what the others committed. */
  catchUp?: () => Promise<void>;
}

/** The assistant on Bot Framework: who is talking, one turn of their flow, the reply drawn for the channel. */
export class AccessBot extends TeamsActivityHandler {
  readonly turns: TurnQueue;

  constructor(private readonly deps: AccessBotDeps) {
    super();
    this.turns = new TurnQueue(deps.exclusive);
    // Teams sends both for one install (personal chat, group chat, team): the welcome is said once (welcome()).
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m: ChannelAccount) => m.id === botId)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // 'add-upgrade' is a new version of an app already there: nothing new to say.
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
  }

  protected async onMessageActivity(context: TurnContext): Promise<void> {
    removeMentionOfAssistant(context.activity);
    const { text, value } = context.activity;
    const file = sentFileOf(context.activity, this.deps.files ?? DEFAULT_FILE_LIMITS);
    await this.converse(context, { text: text ?? '', value: value ?? undefined, file });
  }

  /**
   * Teams universal actions (Action.Execute), always answered with the outcome: the answered card is
   * replaced in place by what was chosen and the next step comes as a new message, so the chat does not
   * fill with live buttons. When that message cannot be delivered, the next step replaces the card
   * instead: a change already saved is never answered as an error. A card no longer live is left as it is.
   */
  protected async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { activity } = context;
    const t = translatorFor(localeOf(activity));
    const reply = await this.converse(context, { value: invoke.action?.data ?? null }, false);
    if (reply === 'failed') return messageResponse(t('errors.unexpected'));
    if ('refusal' in reply) return messageResponse(reply.refusal);
    const nextStep = () => cardResponse(stepCard(reply.prompt, reply.stamp, activity.channelId));
    switch (reply.verdict) {
      case 'moved': {
        if (!(await this.deliver(context, promptActivity(reply.prompt, reply.stamp, activity.channelId)))) return nextStep();
        const { title, answer } = reply.answered!;
        return cardResponse(outcomeCard(title, answer ? [`✓ ${answer}`] : []));
      }
      case 'stale':
        if (!(await this.deliver(context, promptActivity(reply.prompt, reply.stamp, activity.channelId)))) return nextStep();
        return messageResponse(t('conversation.stale'));
      case 'wrong-person':
        return messageResponse(t('conversation.wrongPerson'));
      default:
        return nextStep();
    }
  }

  /**
   * Hello, once per conversation (src/bot/welcomeMemory.ts), in the installer's language, with what the
   * assistant does for them: its menu for someone who may manage access, whom to ask for someone who may not,
   * who can add them for someone the practice does not know.
   */
  private async welcome(context: TurnContext): Promise<void> {
    const { activity } = context;
    const { welcomes, directory, log } = this.deps;
    const key = welcomeKey(activity.channelId, activity.conversation?.id);
    // One after the other: the second of Teams' two activities finds the first's mark.
    await this.turns.run(key, async () => {
      if (welcomes && (await welcomes.greeted(key))) return;
      const identity = await this.identify(context);
      await welcomes?.mark(key, !('refused' in identity)).catch((error) => log(`could not note the welcome in ${key}`, error));
      if ('refused' in identity) {
        const locale = localeOf(activity);
        await this.deliver(context, refusalOf(identity, translatorFor(locale), locale));
        return;
      }
      const { speaker } = identity;
      const colleague = directory.colleague(speaker.practiceId, speaker.colleagueId);
      const locale = localeOf(activity) ?? colleague?.language;
      if (directory.canManageUsers(speaker.practiceId, speaker.colleagueId)) {
        await this.turn(context, speaker, { welcome: true }, true, locale);
        return;
      }
      this.remember(context.activity, speaker);
      const prompt = colleagueWelcome(translatorFor(locale), colleague?.name.split(' ')[0], directory.practiceManagers(speaker.practiceId), locale);
      await this.deliver(context, promptActivity(prompt, stampFor(0, 'idle', speaker.personKey), activity.channelId));
    });
  }

  private async converse(context: TurnContext, input: { text?: string; value?: unknown; file?: FileSent }, send = true): Promise<TurnReply | { refusal: string } | 'failed'> {
    const locale = localeOf(context.activity);
    const identity = await this.identify(context);
    if ('refused' in identity) {
      const refusal = refusalOf(identity, translatorFor(locale), locale);
      if (send) await this.deliver(context, refusal);
      return { refusal };
    }
    return this.turn(context, identity.speaker, input, send, locale);
  }

  /** One turn of the speaker's flow in this conversation; the step it rests on is sent unless `send` is false. */
  private async turn(context: TurnContext, speaker: Speaker, input: { text?: string; value?: unknown; welcome?: boolean; file?: FileSent }, send: boolean, locale: string | undefined): Promise<TurnReply | 'failed'> {
    const { activity } = context;
    const t = translatorFor(locale);
    this.remember(activity, speaker);
    const key = conversationKey(activity.channelId, activity.conversation?.id, speaker);
    let reply: TurnReply;
    try {
      // Teams is asked who is in the team only if the flow needs it (importing colleagues), during this turn.
      const roster = () => teamRoster(context, this.deps.log);
      reply = await this.turns.run(key, async () => {
        // Under the conversation's lock: what another instance did in this conversation's last turn is seen.
        if (this.deps.catchUp) await this.deps.catchUp();
        return this.deps.conversation.handle({ key, speaker, t, locale, teamRoster: roster, ...input });
      });
    } catch (error) {
      this.deps.log(`turn failed in conversation ${activity.conversation?.id}`, error);
      if (send) await this.deliver(context, MessageFactory.suggestedActions([t('common.startOver')], t('errors.unexpected')));
      return 'failed';
    }
    if (send) await this.deliver(context, promptActivity(reply.prompt, reply.stamp, activity.channelId));
    return reply;
  }

  /**
   * Keeps how to reach a colleague the practice knows, for telling them later of changes to their access; not
   * awaited (the turn does not wait for it) and never failing it. Not for someone acting as the local-mode default.
   */
  private remember(activity: Activity, speaker: Speaker): void {
    const { reach, directory, log } = this.deps;
    if (!reach) return;
    try {
      const ids = { aadObjectId: activity.from?.aadObjectId, fromId: activity.from?.id };
      if (directory.colleagueByIdentity(speaker.practiceId, ids) !== speaker.colleagueId) return;
      const where = reachOf(activity);
      if (!where) return;
      reach.remember(speaker.practiceId, speaker.colleagueId, where).catch((error) => log(`could not keep how to reach ${speaker.colleagueId}`, error));
    } catch (error) {
      log(`could not keep how to reach ${speaker.colleagueId}`, error);
    }
  }

  /**
   * Someone this instance does not know may have been added on another (an engine several instances share): it
   * catches up before saying so. In local mode, where a stranger stands in as the demo owner, it always does. A
   * database that does not answer leaves the practice as held here; the turn's own catch-up then fails the turn.
   */
  private async identifyCaughtUp(context: TurnContext): Promise<Identity> {
    const { directory, localMode, catchUp, log } = this.deps;
    const caughtUp = () => catchUp!().then(() => true, (error: Error) => {
      log(`could not catch up with the other instances: ${error.message}`);
      return false;
    });
    if (catchUp && localMode) await caughtUp();
    const identity = identify(context.activity, directory, localMode);
    if (catchUp && !localMode && 'refused' in identity && identity.refused === 'not-set-up' && (await caughtUp())) {
      return identify(context.activity, directory, localMode);
    }
    return identity;
  }

  /**
   * Who is talking. Someone not set up, writing from Teams within a practice's tenant, may be a colleague
   * the practice knows by e-mail: Teams is asked, and once linked they go on with their turn.
   */
  private async identify(context: TurnContext): Promise<Identity | { refused: 'not-set-up'; stranger: string[] }> {
    const { directory, localMode, log } = this.deps;
    const identity = await this.identifyCaughtUp(context);
    if (!('refused' in identity) || identity.refused !== 'not-set-up') return identity;
    try {
      const recognition = await recogniseByEmail(context, directory, log);
      if (recognition && 'stranger' in recognition) return { refused: 'not-set-up', stranger: recognition.stranger };
      return recognition ? identify(context.activity, directory, localMode) : identity;
    } catch (error) {
      log(`could not link ${context.activity.from?.aadObjectId} to a colleague`, error);
      return identity;
    }
  }

  /**
   * Sends a reply through the channel (false: it could not). A channel that cannot be reached is logged
   * and the turn stands: what it changed is saved, and the person sees where things are next time.
   */
  private async deliver(context: TurnContext, reply: Partial<Activity> | string): Promise<boolean> {
    try {
      await context.sendActivity(reply);
      return true;
    } catch (error) {
      this.deps.log(`could not deliver a reply in conversation ${context.activity.conversation?.id}: ${(error as Error)?.message ?? error}`);
      return false;
    }
  }
}

type Refused = Exclude<Identity, { speaker: unknown }> | { refused: 'not-set-up'; stranger: string[] };

const REFUSAL_MESSAGE: Record<Refused['refused'], string> = {
  'channel-not-supported': 'errors.channelNotSupported',
  'not-set-up': 'errors.notSetUp',
};

/** Why the assistant cannot serve this person, in their language: for someone the practice does not know, who can add them. */
function refusalOf(identity: Refused, t: TFunction, locale: string | undefined): string {
  return 'stranger' in identity ? t('errors.unknownPerson', { admins: listOf(identity.stranger, locale) }) : t(REFUSAL_MESSAGE[identity.refused]);
}

function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never };
}

/** Shown to the person who clicked, without changing the card. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never };
}
