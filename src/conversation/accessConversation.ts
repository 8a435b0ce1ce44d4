import type { TFunction } from 'i18next';
import type { AccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowEvent, Notice } from '../../flows/accessFlow.types.ts';
import { CLIENT_MANAGEMENT, type RefusalReason, type TeamRoster } from '../../flows/ports.ts';
import { describeNotice, describeStep, helpFor, isStepId } from '../presentation/describeStep.ts';
import { refusedFileLine } from '../presentation/importLines.ts';
import type { StepLookups } from '../presentation/describeStep.ts';
import type { Block, Prompt, Tone } from '../presentation/prompt.ts';
import type { Speaker } from '../bot/identify.ts';
import { FlowSession, recordStamp } from './flowSession.ts';
import { expireIdle, type ConversationRecord, type FlowState } from './flowSession.ts';
import { interpretCard, payloadSummary, sameJson, stampFor } from './interpretCard.ts';
import type { CardStamp } from './interpretCard.ts';
import { interpretText } from './interpretText.ts';
import { interpretFile, type FileLookups, type FileSent } from './interpretFile.ts';
import { understand, type UnderstandLookups } from './understand.ts';
import type { Interpretation } from './interpretation.ts';

/** Where conversation records live (botbuilder's Storage fits this shape). */
export interface RecordStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
  /** What identifies the item stored under a key, new on every write (its eTag), when the store can say without reading it. */
  version?(key: string): string | undefined;
}

/** A record store that can sweep records idle since before a date (the conversation Storage does). */
export interface IdleSweeper {
  sweepIdle(olderThan: Date, replace: (item: any) => any): Promise<number>;
}

export interface ConversationDeps {
  flow: AccessFlow;
  lookups: StepLookups & UnderstandLookups & FileLookups & { colleague(practiceId: string, id: string): { name: string } | undefined };
  records: RecordStore;
  /** A flow left alone longer than this is forgotten. */
  idleMs: number;
  now: () => Date;
  log(message: string, error?: unknown): void;
  /** Records a refused attempt in the practice's audit log (a forged payload, a rule the flow enforced), or counts it past a few a minute. */
  recordRefusal(speaker: Speaker, what: object, reason: RefusalReason): Promise<unknown>;
}

export interface TurnRequest {
  key: string;
  speaker: Speaker;
  t: TFunction;
  text?: string;
  /** The activity's locale: a new person's preferred language when a typed request does not say. */
  locale?: string;
  /** A card action's data (Action.Submit value or Action.Execute data). */
  value?: unknown;
  /** A file sent with the message (a spreadsheet to import, or not). */
  file?: FileSent;
  /** The assistant was just added: show where the flow stands (the welcome, when nothing is under way). */
  welcome?: boolean;
  /** Asks Teams for the members of the team or group chat (src/bot), when the flow needs them; never throws. */
  teamRoster?: () => Promise<TeamRoster>;
}

export interface TurnReply {
  /** Where the flow is now, with any remarks on top. */
  prompt: Prompt;
  stamp: CardStamp;
  /**
   * moved: the flow went on (the answered card can be replaced by `answered`); same: it stayed on
   * its step (a remark, help…); stale / wrong-person: the click was on a card no longer live for them.
   */
  verdict: 'moved' | 'same' | 'stale' | 'wrong-person';
  /** The step that was answered and the answer, to replace its card in place. */
  answered?: { title: string; answer?: string };
}

/** Steps where nothing is under way: a new request there leaves nothing unfinished. */
const UNDER_WAY_NOT = new Set(['idle', 'done', 'notAllowed', 'refused', 'clientStaff', 'conflict', 'action.list', 'company.search',
  'batch.done', 'batch.nothing', 'batch.failed', 'view.choose', 'view.personAccess', 'view.history', 'importTeam.none', 'importTeam.done', 'import.done', 'import.unusable']);

/** How many conversations' last shown steps are remembered (the most recently active ones). */
const SHOWN_REMEMBERED = 5_000;
/** How many conversations' flows are kept live between turns (the most recently active ones). */
const LIVE_REMEMBERED = 1_000;

/** A flow left live by its last turn, with the record that turn left in the store and that write's version. */
interface Live {
  session: FlowSession;
  record: ConversationRecord;
  version: string | undefined;
}

/** A step as last shown in a conversation: an answer is read against the question as it was asked. */
interface Shown {
  seq: number;
  step: string;
  t: TFunction;
  prompt: Prompt;
}

/** One person's conversation with the assistant: messages and clicks in, a step to show out. */
export class AccessConversation {
  /** By conversation key, least recently shown first. */
  private readonly shown = new Map<string, Shown>();
  /**
   * Flows left live by their last turn, by conversation key, least recently used first, each with the
   * record that turn stored: the next turn goes on from the live flow only when the store still holds
   * that record (anything else, e.g. a failed write or housekeeping, restores from the store).
   */
  private readonly live = new Map<string, Live>();

  constructor(private readonly deps: ConversationDeps) {}

  async handle(request: TurnRequest): Promise<TurnReply> {
    const { speaker } = request;
    // The record the live flow last stored, when the store still holds that very write; else read.
    const live = this.live.get(request.key);
    const version = this.deps.records.version?.(request.key);
    const stored = live && version !== undefined && live.version === version
      ? live.record
      : (await this.deps.records.read([request.key]))[request.key] as ConversationRecord | undefined;
    const now = this.deps.now();
    const expired = !!stored && (!!stored.expired || now.getTime() - Date.parse(stored.lastActive) > this.deps.idleMs);
    const record = expired ? undefined : stored;
    const session = this.resume(request.key, { practiceId: speaker.practiceId, actorId: speaker.colleagueId }, record);
    try {
      const { reply, kept } = await this.turn(request, session, record, expired, now);
      if (kept) this.keepLive(request.key, kept, session);
      else session.close();
      return reply;
    } catch (error) {
      session.close();
      throw error;
    }
  }

  /** The flow as the last turn left it when the store still holds what that turn stored; else restored from the store. */
  private resume(key: string, input: { practiceId: string; actorId: string }, record: ConversationRecord | undefined): FlowSession {
    const live = this.live.get(key);
    this.live.delete(key);
    const same = live && record && recordStamp(live.record) === recordStamp(record)
      && live.session.input.practiceId === input.practiceId && live.session.input.actorId === input.actorId;
    if (same) return live.session.continueFrom(record);
    live?.session.close();
    return new FlowSession(this.deps.flow, input, record);
  }

  private keepLive(key: string, record: ConversationRecord, session: FlowSession) {
    this.live.set(key, { session, record, version: this.deps.records.version?.(key) });
    if (this.live.size <= LIVE_REMEMBERED) return;
    const [oldest, { session: evicted }] = this.live.entries().next().value!;
    this.live.delete(oldest);
    evicted.close();
  }

  /** One turn; `kept` is the record the store holds for the conversation afterwards, when known. */
  private async turn(request: TurnRequest, session: FlowSession, record: ConversationRecord | undefined, expired: boolean, now: Date): Promise<{ reply: TurnReply; kept?: ConversationRecord }> {
    const { speaker, t } = request;
    const before = session.state;
    const seq = session.fresh ? 0 : record?.seq ?? 0;
    // What the person answers is read against the step as it was shown to them; drawn again when that
    // is not remembered (a restart, a flow that started over).
    const shown = record && !session.fresh ? this.shown.get(request.key) : undefined;
    const prompt = shown && shown.seq === seq && shown.step === before.step && shown.t === t ? shown.prompt : this.describe(before, t, speaker);

    const meaning: Interpretation | { kind: 'welcome' } = request.welcome
      ? { kind: 'welcome' }
      : request.file
        ? await interpretFile(request.file, speaker, this.deps.lookups)
        : request.value !== undefined
          ? interpretCard(request.value, { seq, step: before.step, person: speaker.personKey }, prompt)
          : interpretText(request.text ?? '', before.step, prompt, before.context.mode,
            (text) => understand(text, speaker.practiceId, this.deps.lookups, { now, onlyRequests: true }), request.locale);

    const remarks: Block[] = [];
    if (expired) remarks.push(note(t('conversation.expired'), 'warning'));
    else if (session.fresh) remarks.push(note(t('conversation.restarted'), 'warning'));
    if (meaning.kind === 'forged') await this.deps.recordRefusal(speaker, { payload: payloadSummary(request.value) }, 'forged-payload');

    // A new request typed in the middle of another: said in one line, so nothing seems lost by accident.
    if (meaning.kind === 'events' && ['REQUEST', 'BATCH', 'IMPORT_TEAM'].includes(meaning.events[0]?.type) && !record?.expired && !UNDER_WAY_NOT.has(before.step) && !session.fresh) {
      remarks.push(note(t('conversation.leftUnfinished'), 'default'));
    }

    if (meaning.kind !== 'events') {
      if (meaning.kind !== 'welcome') remarks.push(...this.remarksFor(meaning, before.step, t));
      const outcome = await session.send(undefined, now);
      const written = session.fresh || expired;
      if (written) await this.deps.records.write({ [request.key]: outcome.record });
      const verdict = meaning.kind === 'stale' || meaning.kind === 'wrong-person' ? meaning.kind : 'same';
      return { reply: this.reply(request.key, outcome.state, outcome.record.seq, remarks, t, speaker, verdict), kept: written ? outcome.record : record };
    }

    const outcome = await session.send(meaning.events, now, request.teamRoster);
    const kept = (await this.keep(request.key, outcome.record, outcome.state.step === 'done')) ? outcome.record : undefined;
    remarks.push(...outcome.notices.map((n: Notice) => describeNotice(n, t)));
    await this.auditRefusals(speaker, outcome.state, outcome.notices, outcome.moved);
    if (!outcome.moved) return { reply: this.reply(request.key, outcome.state, outcome.record.seq, remarks, t, speaker, 'same'), kept };
    const answer = chosenLabel(prompt, meaning.events[meaning.events.length - 1]);
    return { reply: { ...this.reply(request.key, outcome.state, outcome.record.seq, remarks, t, speaker, 'moved'), answered: { title: prompt.title, answer } }, kept };
  }

  /**
   * Stores where the flow now stands (false: it could not be). Once a change is in the practice's
   * store, failing to note the flow's progress must not turn "added" into an apology: the person is
   * told what was done, and a repeated confirmation from the older step is recognised as already applied.
   * So after a change, when the store takes the record in memory at once (its version moves), the
   * person is answered without waiting for the record's flush; a failed flush is logged, and the next
   * turn goes on from whatever the store then holds (its version says).
   */
  private async keep(key: string, record: ConversationRecord, changeMade: boolean): Promise<boolean> {
    const before = changeMade ? this.deps.records.version?.(key) : undefined;
    const writing = this.deps.records.write({ [key]: record });
    if (changeMade && this.deps.records.version && this.deps.records.version(key) !== before) {
      writing.catch((error) => this.deps.log(`the change was saved, but not the conversation ${key}`, error));
      return true;
    }
    try {
      await writing;
      return true;
    } catch (error) {
      if (!changeMade) throw error;
      this.deps.log(`the change was saved, but not the conversation ${key}`, error);
      return false;
    }
  }

  /** Rules 1 and 2 are enforced by the flow before any write: their refusals are audited here. */
  private async auditRefusals(speaker: Speaker, state: FlowState, notices: Notice[], moved: boolean) {
    if (moved && state.step === 'notAllowed') await this.deps.recordRefusal(speaker, { step: 'start' }, 'not-allowed');
    if (notices.some((n) => n.code === 'protected-owner')) {
      const { companyId, person, mode } = state.context;
      const colleagueId = person?.kind === 'colleague' ? person.colleagueId : undefined;
      await this.deps.recordRefusal(speaker, { mode, companyId, colleagueId, product: CLIENT_MANAGEMENT }, 'protected-owner');
    }
  }

  /** Removes flows idle longer than the set time, leaving a note so the next message says so. */
  async housekeeping(store: IdleSweeper): Promise<number> {
    const now = this.deps.now();
    return store.sweepIdle(new Date(now.getTime() - this.deps.idleMs), (item) => expireIdle(item as ConversationRecord, now));
  }

  /** Where a person's flow stands (read only), e.g. to show who has access to the company in focus. */
  async peek(key: string, speaker: Speaker) {
    const record = (await this.deps.records.read([key]))[key] as ConversationRecord | undefined;
    if (!record) return undefined;
    const session = new FlowSession(this.deps.flow, { practiceId: speaker.practiceId, actorId: speaker.colleagueId }, record);
    const state = session.fresh ? undefined : session.state;
    session.close();
    return state;
  }

  private remarksFor(meaning: Interpretation, step: string, t: TFunction): Block[] {
    switch (meaning.kind) {
      case 'help':
        return helpFor(step, t);
      case 'stale':
        return [note(t('conversation.stale'), 'warning')];
      case 'wrong-person':
        return [note(t('conversation.wrongPerson'), 'warning')];
      case 'forged':
        return [note(t('conversation.forged'), 'attention')];
      case 'unsupported':
        return [note(t('conversation.unsupported'), 'warning'), ...helpFor('idle', t)];
      case 'incomplete':
        return [note(t('conversation.incomplete'), 'warning')];
      case 'out-of-range':
        return [note(t('conversation.outOfRange', { count: meaning.count }), 'warning')];
      case 'too-long':
        return [note(t('conversation.tooLong', { limit: meaning.limit }), 'warning')];
      case 'invisible':
        return [note(t('conversation.invisible'), 'warning')];
      case 'file-problem':
        return [note(refusedFileLine(t, meaning.name, meaning.problem), 'attention')];
      default:
        return [note(t('conversation.notUnderstood'), 'warning')];
    }
  }

  private describe(state: FlowState, t: TFunction, speaker: Speaker): Prompt {
    const firstName = this.deps.lookups.colleague(speaker.practiceId, speaker.colleagueId)?.name.split(' ')[0];
    if (!isStepId(state.step)) throw new Error(`the flow rested on ${state.step}, which has no prompt`);
    return describeStep({ step: state.step, context: state.context, lookups: this.deps.lookups, t, firstName });
  }

  private reply(key: string, state: FlowState, seq: number, remarks: Block[], t: TFunction, speaker: Speaker, verdict: TurnReply['verdict']): TurnReply {
    const prompt = this.describe(state, t, speaker);
    this.shown.delete(key);
    this.shown.set(key, { seq, step: state.step, t, prompt });
    if (this.shown.size > SHOWN_REMEMBERED) this.shown.delete(this.shown.keys().next().value!);
    return { prompt: { ...prompt, body: [...remarks, ...prompt.body] }, stamp: stampFor(seq, state.step, speaker.personKey), verdict };
  }
}

function note(text: string, tone: Tone): Block {
  return { kind: 'text', text, tone };
}

function chosenLabel(prompt: Prompt, event: FlowEvent): string | undefined {
  if (event.type === 'TEXT') return event.text;
  const all = [...prompt.choices, ...prompt.actions];
  return all.find((c) => sameJson(c.event, event))?.label ?? all.find((c) => c.aside && sameJson(c.aside.event, event))?.aside?.label;
}
