// A small driver for conversation tests: the assistant built as the server builds it (createAssistant),
// over a temporary store, behind botbuilder's TestAdapter. Tests talk to it as a channel does —
// activities in through adapter.processActivity, activities out from the adapter's queue — and
// click buttons by their titles on the cards the bot actually sent. Every card received is checked
// with the Adaptive Cards SDK (schema 1.5 at most, no parse or validation problem), and no two of its
// actions may have the same name (a screen reader could not tell them apart).
import { createRequire } from 'node:module';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { createAssistant } from '../../src/assistant.ts';
import type { FileLimits } from '../../src/bot/fileDownload.ts';
import { openTestStorage } from './testStorage.ts';
import { conversationRecords } from '../../src/conversation/conversationRecords.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { sharedActionNames } from '../presentation/teamsLook.ts';

type Json = Record<string, any>;

/** The adaptivecards package, loaded the way Node can (its ESM entry needs a DOM). */
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MAX_VERSION = 1.5;
/** Buttons: Action.Submit everywhere, Action.Execute (universal actions) in Teams. */
const BUTTONS = new Set(['Action.Submit', 'Action.Execute']);
const buttonsOf = (node: unknown): Json[] => [...nodesOf(node, 'Action.Submit'), ...nodesOf(node, 'Action.Execute')];
const BOT_ID = 'access-assistant';

export interface SayOptions {
  /**
   * The sender: a channel id (in local mode, a demo colleague id such as 'demo-standard'), or the
   * whole account as Teams sends it (with an Entra `aadObjectId`).
   */
  from?: string | { id: string; name?: string; aadObjectId?: string };
  locale?: string;
  channelId?: string;
}

export interface ClickOptions extends SayOptions {
  /** Switches to set before clicking, by permission code ('purchases.view') or input id ('perm:purchases.view'). */
  toggles?: Record<string, boolean>;
  /** What to type in the card's text box before clicking. */
  text?: string;
  /** For a button drawn beside another (Show role beside each role): the title of the button it sits beside. */
  beside?: string;
}

export interface HarnessOptions {
  /** Default locale of the person talking (each call may override it). */
  locale?: string;
  /** Default sender id; in local mode an unknown id acts as the demo Business Owner. */
  from?: string;
  channelId?: string;
  conversationId?: string;
  now?: () => Date;
  idleDays?: number;
  /**
   * Catch errors thrown later from timers the bot set during a turn (an error escaping the turn
   * would otherwise be an uncaught exception) and keep them in `escaped`, for tests about failures.
   */
  catchEscapedErrors?: boolean;
  /** The store to start from instead of a copy of the demo practice. */
  seed?: StoreData;
  /** Files sent to import: the largest taken and how long fetching one may take (the assistant's defaults otherwise). */
  files?: FileLimits;
}

/** A card found in a reply, with the activity it came in. */
export interface ReceivedCard {
  card: Json;
  activity: Partial<Activity>;
  /** A card sent as a message, or one that answered an invoke (replacing the clicked card in place). */
  via: 'message' | 'invoke';
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Problems the Adaptive Cards SDK reports for a card read as schema 1.5, plus a version above 1.5. */
export function cardProblems(json: Json): string[] {
  const problems: string[] = [];
  const version = Number.parseFloat(String(json.version));
  if (!(version > 0) || version > MAX_VERSION) problems.push(`version ${json.version} is not 1.5 or lower`);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** Every node of a card (body, nested containers, columns, action sets, selectActions…) of one type. */
export function nodesOf(node: unknown, type: string, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((child) => nodesOf(child, type, out));
  else if (node && typeof node === 'object') {
    if ((node as Json).type === type) out.push(node as Json);
    Object.values(node).forEach((child) => nodesOf(child, type, out));
  }
  return out;
}

/** All the text a card shows (text blocks, facts, button and switch titles), one string per piece. */
export function cardTexts(card: Json): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (n.type === 'TextBlock' && typeof n.text === 'string') texts.push(n.text);
    if (n.type === 'FactSet') for (const fact of n.facts ?? []) texts.push(`${fact.title}: ${fact.value}`);
    if ((BUTTONS.has(n.type) || n.type === 'Input.Toggle') && typeof n.title === 'string') texts.push(n.title);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return texts;
}

/**
 * The one button (Action.Submit, or Action.Execute in Teams) titled `title` (exactly, or matching the pattern) anywhere in a card: action
 * sets, columns, containers' selectActions. With `beside`, only within the row holding that button
 * (e.g. *Show role* beside a role). Fails, listing what the card offers, when there is not exactly one.
 */
export function findButton(card: Json, title: string | RegExp, beside?: string): Json {
  let scope: unknown = card;
  if (beside !== undefined) {
    const rows = nodesOf(card, 'ColumnSet').filter((row) => buttonsOf(row).some((a) => a.title === beside));
    if (rows.length !== 1) throw new Error(`expected one row with a button "${beside}", found ${rows.length}`);
    scope = rows[0];
  }
  const matches = buttonsOf(scope).filter((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  const offered = () => buttonsOf(card).map((a) => JSON.stringify(a.title)).join(', ');
  if (matches.length === 0) throw new Error(`no button "${title}" on the card; it offers: ${offered()}`);
  if (matches.length > 1) throw new Error(`"${title}" names ${matches.length} buttons (say which with \`beside\`); the card offers: ${offered()}`);
  return matches[0];
}

export const cardsIn = (activity: Partial<Activity>): Json[] =>
  (activity.attachments ?? []).filter((a) => a.contentType === ADAPTIVE_CARD).map((a) => a.content as Json);

/** The body of an invoke response (an Adaptive Card action's answer): a card that replaces the clicked one, or a message. */
export function invokeAnswer(activity: Partial<Activity>): { status: number; type?: string; card?: Json; message?: string } | undefined {
  if (activity.type !== 'invokeResponse') return undefined;
  const { status, body } = (activity.value ?? {}) as { status: number; body?: Json };
  const type = body?.type as string | undefined;
  return {
    status,
    type,
    card: type === ADAPTIVE_CARD ? (body!.value as Json) : undefined,
    message: type === 'application/vnd.microsoft.activity.message' ? String(body!.value) : undefined,
  };
}

/** What an activity says: its text, the text of its cards, and its suggested actions (or an invoke's answer). */
export function activityText(activity: Partial<Activity>): string {
  const parts = [activity.text ?? ''];
  for (const card of cardsIn(activity)) parts.push(...cardTexts(card));
  for (const action of activity.suggestedActions?.actions ?? []) parts.push(String(action.title));
  const answer = invokeAnswer(activity);
  if (answer?.card) parts.push(...cardTexts(answer.card));
  if (answer?.message) parts.push(answer.message);
  return parts.filter(Boolean).join('\n');
}

/**
 * Builds the assistant over fresh temporary files (a copy of the demo practice, or `seed`) and returns a
 * driver. `say` and `click` resolve with the activities the bot sent for that turn.
 */
export async function createHarness(options: HarnessOptions = {}) {
  const storage = await openTestStorage(options.seed);
  const { storeFile, conversationsFile } = storage;
  const db = storage.practices;
  const conversations = conversationRecords(storage.conversations);
  const errors: Array<{ message: string; error?: unknown }> = [];
  const escaped: unknown[] = [];
  const assistant = createAssistant({
    practices: db,
    conversations,
    localMode: true,
    idleDays: options.idleDays ?? 7,
    now: options.now,
    log: (message, error) => errors.push({ message, error }),
    files: options.files,
    exclusive: storage.exclusive,
  });
  const { bot } = assistant;
  const adapter = new TestAdapter(async (context: TurnContext) => bot.run(context));
  const defaults = {
    locale: options.locale ?? 'en-GB',
    from: options.from ?? 'demo-owner',
    channelId: options.channelId ?? 'test',
    conversationId: options.conversationId ?? 'conversation-1',
  };

  /** Everything the bot sent, in order, and where each turn's replies start. */
  const sent: Array<Partial<Activity>> = [];
  const cards: ReceivedCard[] = [];
  let turnStart = 0;
  /** Values the test set on the last card's inputs, by input id. */
  let inputs: Record<string, string> = {};

  function activityFor(activity: Partial<Activity>, opts: SayOptions): Partial<Activity> {
    const from = opts.from ?? defaults.from;
    return {
      type: 'message',
      channelId: opts.channelId ?? defaults.channelId,
      locale: opts.locale ?? defaults.locale,
      from: typeof from === 'string' ? { id: from, name: from } : { name: from.id, ...from },
      recipient: { id: BOT_ID, name: 'Access Assistant' },
      conversation: { id: defaults.conversationId } as Activity['conversation'],
      serviceUrl: 'https://test.invalid',
      ...activity,
    };
  }

  /** Runs the activities through the adapter (at once when several), then takes what the bot sent. */
  async function deliver(activity: Partial<Activity> | Array<Partial<Activity>>, opts: SayOptions = {}): Promise<Array<Partial<Activity>>> {
    const all = (Array.isArray(activity) ? activity : [activity]).map((a) => activityFor(a, opts));
    const realSetTimeout = globalThis.setTimeout;
    if (options.catchEscapedErrors) {
      // Timers set during the turn run wrapped: what they throw is kept instead of crashing the run.
      globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
        realSetTimeout(
          (...a: unknown[]) => {
            try {
              handler(...a);
            } catch (error) {
              escaped.push(error);
            }
          },
          ms,
          ...args,
        )) as typeof setTimeout;
    }
    try {
      await Promise.all(all.map((a) => adapter.processActivity(a)));
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    // Let any timer the turn set for "right away" fire before the turn counts as over.
    if (options.catchEscapedErrors) await new Promise((resolve) => realSetTimeout(resolve, 10));
    const replies = adapter.activeQueue.splice(0);
    turnStart = sent.length;
    for (const reply of replies) {
      sent.push(reply);
      const replaced = invokeAnswer(reply)?.card;
      const found = [
        ...cardsIn(reply).map((card) => ({ card, via: 'message' as const })),
        ...(replaced ? [{ card: replaced, via: 'invoke' as const }] : []),
      ];
      for (const { card, via } of found) {
        const problems = cardProblems(card);
        if (problems.length) {
          throw new Error(`the bot sent a card the Adaptive Cards SDK rejects:\n${problems.join('\n')}\n${JSON.stringify(card)}`);
        }
        const shared = sharedActionNames(card);
        if (shared.length) {
          throw new Error(`the bot sent a card on which several actions are named ${shared.map((name) => JSON.stringify(name)).join(', ')}:\n${JSON.stringify(card)}`);
        }
        cards.push({ card, activity: reply, via });
      }
    }
    if (replies.some((reply) => cardsIn(reply).length > 0)) inputs = {};
    return replies;
  }

  /** Cards sent as messages, the ones a person can still click (invoke answers replace a clicked card). */
  const messageCards = () => cards.filter((c) => c.via === 'message');

  function lastCardOrFail(): Json {
    const last = messageCards().at(-1);
    if (!last) throw new Error('the bot has not sent a card yet');
    return last.card;
  }

  /** The values a channel would send with the action: every input of the card, as set or as drawn. */
  function inputValues(card: Json, set: Record<string, string>): Record<string, string> {
    const values: Record<string, string> = {};
    for (const toggle of nodesOf(card, 'Input.Toggle')) values[toggle.id] = String(toggle.value ?? toggle.valueOff ?? 'false');
    for (const box of nodesOf(card, 'Input.Text')) values[box.id] = String(box.value ?? '');
    for (const [id, value] of Object.entries(set)) {
      if (!(id in values)) throw new Error(`the card has no input "${id}"; it has: ${Object.keys(values).join(', ')}`);
      values[id] = value;
    }
    return values;
  }

  function setInputs(card: Json, opts: ClickOptions): Record<string, string> {
    const set = { ...inputs };
    for (const [code, on] of Object.entries(opts.toggles ?? {})) {
      const id = code.startsWith('perm:') ? code : `perm:${code}`;
      const toggle = nodesOf(card, 'Input.Toggle').find((t) => t.id === id);
      set[id] = on ? String(toggle?.valueOn ?? 'true') : String(toggle?.valueOff ?? 'false');
    }
    if (opts.text !== undefined) set.text = opts.text;
    return inputValues(card, set);
  }

  function clickActivity(card: Json, title: string | RegExp, opts: ClickOptions): Partial<Activity> {
    const action = findButton(card, title, opts.beside);
    // As a channel sends it: the action's data with the card's input values merged in; Action.Submit
    // comes as a message, Action.Execute as an adaptiveCard/action invoke.
    const data = { ...(action.data ?? {}), ...setInputs(card, opts) };
    if (action.type === 'Action.Execute') {
      return { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: action.verb, data } } };
    }
    return { type: 'message', value: data };
  }

  const clickOn = (card: Json, title: string | RegExp, opts: ClickOptions = {}) => deliver(clickActivity(card, title, opts), opts);

  const harness = {
    ...assistant,
    adapter,
    storeFile,
    conversationsFile,
    conversations,
    /** The collection the conversation records are kept in. */
    conversationDocuments: storage.conversations,
    /** What the bot logged as failed turns. */
    errors,
    /** Errors thrown from timers set during a turn (with `catchEscapedErrors`). */
    escaped,

    /** The person types a message. */
    say: (text: string, opts: SayOptions = {}) => deliver({ type: 'message', text }, opts),

    /** Clicks the button titled `title` on the last card the bot sent (with any switches or text set first). */
    click: (title: string | RegExp, opts: ClickOptions = {}) => clickOn(lastCardOrFail(), title, opts),

    /** Clicks a button on an older card: `cardsBack` 1 is the card before the last one. */
    clickOld: (cardsBack: number, title: string | RegExp, opts: ClickOptions = {}) => {
      const old = messageCards().at(-1 - cardsBack);
      if (!old) throw new Error(`there is no card ${cardsBack} back`);
      return clickOn(old.card, title, opts);
    },

    /** A double click: the same button's activity sent `times` times at once, as an impatient person does. */
    clickAtOnce: (title: string | RegExp, times = 2, opts: ClickOptions = {}) => {
      const activity = clickActivity(lastCardOrFail(), title, opts);
      return deliver(Array.from({ length: times }, () => structuredClone(activity)), opts);
    },

    /** Sets a switch on the last card (sent with the next click). */
    toggle(code: string, on: boolean) {
      const id = code.startsWith('perm:') ? code : `perm:${code}`;
      inputs[id] = on ? 'true' : 'false';
    },

    /** Types into the last card's text box (sent with the next click). */
    type(text: string) {
      inputs.text = text;
    },

    /** The data of a button on the last card, e.g. to send it as an Action.Execute. */
    buttonData: (title: string | RegExp, beside?: string) => structuredClone(findButton(lastCardOrFail(), title, beside).data) as Json,

    /** Sends any activity (conversationUpdate, invoke…) with the harness's defaults filled in. */
    send: (activity: Partial<Activity>, opts: SayOptions = {}) => deliver(activity, opts),

    /** Teams' Action.Execute on a card: an adaptiveCard/action invoke carrying the action's data. */
    invoke: (data: unknown, opts: SayOptions = {}) =>
      deliver(
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'x', data } },
        },
        opts,
      ),

    /** The bot added to a conversation (what a channel sends when the bot is installed). */
    addBot: (opts: SayOptions = {}) =>
      deliver(
        {
          type: 'conversationUpdate',
          membersAdded: [{ id: BOT_ID, name: 'Access Assistant' }],
        },
        opts,
      ),

    lastCard: lastCardOrFail,
    /** The last card's text, all of it, one piece per line. */
    lastCardText: () => cardTexts(lastCardOrFail()).join('\n'),
    /** Every card the bot sent as a message, oldest first. */
    allCards: () => messageCards().map((c) => c.card),
    /** Every card received, invoke answers included, with how it came. */
    receivedCards: () => [...cards],
    /** Every activity the bot sent. */
    sent: () => [...sent],
    /** The activities of the last turn. */
    lastTurn: () => sent.slice(turnStart),
    /** What the last turn said, cards and suggested actions included (no-break spaces as plain spaces). */
    lastText: () => plainSpaces(sent.slice(turnStart).map(activityText).join('\n')),
    /** The titles of every button on the last card. */
    buttons: () => buttonsOf(lastCardOrFail()).map((a) => String(a.title)),

    /** The store file as it is on disk. */
    /** What a restart would read: the store file with its journal replayed. */
    storeOnDisk: () => storage.storeOnDisk(),
    /** Writes the summaries of refusals counted past the per-minute limit (src/conversation/refusalAudit.ts), as a stop does. */
    flushRefusals: () => assistant.refusals.flush(),
    /** The conversations file as it is on disk. */
    /** The conversations file with its journal replayed, as the next start would read them. */
    conversationsOnDisk: async () => (await storage.conversationsOnDisk()) as Record<string, Json>,
    /** The demo practice as the repository holds it now (a copy). */
    practice: () => structuredClone(db.data.practices.find((p) => p.id === 'demo')!),
  };
  return harness;
}

// ---- transcripts: [what the person does, what the bot says] ----

export type UserAct =
  | string
  | { click: string | RegExp; beside?: string; toggles?: Record<string, boolean>; text?: string; from?: string }
  | { clickOld: number; title: string | RegExp }
  | { invoke: unknown };

/** What the bot must say: a substring (or pattern) of the turn's text, or several of them. */
export type BotSays = string | RegExp | Array<string | RegExp>;

export type Transcript = Array<[UserAct, BotSays]>;

/** The help page's scenario in English up to its summary: Camille, Boulangerie Dupont, AutoEntry, Documents standard. */
export const TO_SUMMARY: Transcript = [
  ['add a user', 'Which client company?'],
  ['boulangerie dupont', 'Who should have access'],
  ['camille', 'Which product?'],
  [{ click: 'AutoEntry' }, 'Which role?'],
  [{ click: 'Documents standard' }, 'Preferred language'],
  [{ click: 'Français (France)' }, 'Ready to add?'],
];

function describeAct(act: UserAct): string {
  if (typeof act === 'string') return `says "${act}"`;
  if ('click' in act) return `clicks "${act.click}"${act.beside ? ` beside "${act.beside}"` : ''}`;
  if ('clickOld' in act) return `clicks "${act.title}" on the card ${act.clickOld} back`;
  return 'invokes';
}

/** French typography puts no-break spaces before « ? : ; ! »; transcripts are written with plain spaces. */
export const plainSpaces = (text: string): string => text.replace(/[\u00A0\u202F]/g, ' ');

/** Plays a transcript, step by step, and fails at the first step whose reply does not say what it should. */
export async function play(harness: Harness, transcript: Transcript, opts: SayOptions = {}): Promise<void> {
  for (const [index, [act, expected]] of transcript.entries()) {
    if (typeof act === 'string') await harness.say(act, opts);
    else if ('click' in act) await harness.click(act.click, { ...opts, beside: act.beside, toggles: act.toggles, text: act.text, from: act.from ?? opts.from });
    else if ('clickOld' in act) await harness.clickOld(act.clickOld, act.title, opts);
    else await harness.invoke(act.invoke, opts);
    const said = plainSpaces(harness.lastText());
    for (const want of Array.isArray(expected) ? expected : [expected]) {
      const ok = typeof want === 'string' ? said.includes(plainSpaces(want)) : want.test(said);
      if (!ok) {
        throw new Error(`step ${index + 1}: the person ${describeAct(act)}; expected the bot to say ${String(want)}, but it said:\n${said}`);
      }
    }
  }
}

// ---- reading a *Show role* card ----

export interface ShownGroup {
  title: string;
  items: Array<{ label: string; allowed: boolean; colour?: string; weight?: string; subtle?: boolean; status?: string }>;
}

/** A permission's line: "✓ label" alone, or beside its status in words ("Allowed"). */
const markOf = (item: Json): Json | undefined => (item.type === 'ColumnSet' ? item.columns?.[0]?.items?.[0] : item);
const statusOf = (item: Json): string | undefined => (item.type === 'ColumnSet' ? item.columns?.[1]?.items?.[0]?.text : undefined);

/** The permission groups a card shows: a bold title, then one "✓ label" or "✗ label" line per permission. */
export function permissionGroupsOn(card: Json): ShownGroup[] {
  return nodesOf(card, 'Container')
    .filter((c) => {
      const [head, ...rest] = (c.items ?? []) as Json[];
      return head?.type === 'TextBlock' && head.weight === 'Bolder' && rest.length > 0
        && rest.every((item) => markOf(item)?.type === 'TextBlock' && /^[✓✗] /.test(markOf(item)!.text));
    })
    .map((c) => ({
      title: c.items[0].text,
      items: (c.items as Json[]).slice(1).map((item) => {
        const mark = markOf(item)!;
        return { label: mark.text.slice(2), allowed: mark.text.startsWith('✓'), colour: mark.color, weight: mark.weight, subtle: mark.isSubtle, status: statusOf(item) };
      }),
    }));
}
