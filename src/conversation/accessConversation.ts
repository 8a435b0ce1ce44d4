import type { TFunction } from 'i18next';
import type { AccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowEvent, Notice } from '../../flows/accessFlow.types.ts';
import { CLIENT_MANAGEMENT, type RefusalReason, type TeamRoster } from '../../flows/ports.ts';
import { describeNotice, describeStep, helpFor, isStepId } from '../presentation/describeStep.ts';
import { languageOfTranslator } from '../presentation/i18n.ts';
import { refusedFileLine } from '../presentation/importLines.ts';
import type { StepLookups } from '../presentation/describeStep.ts';
import type { Block, Prompt, Tone } from '../presentation/prompt.ts';
import type { Speaker } from '../domain/speaker.ts';
import { expireIdle, FlowSession, type ConversationRecord, type FlowState, type Shown } from './flowSession.ts';
import { interpretCard, payloadSummary, sameJson, stampFor } from './interpretCard.ts';
import type { CardStamp } from './interpretCard.ts';
import { interpretText } from './interpretText.ts';
import { interpretFile, type FileLookups, type FileSent } from './interpretFile.ts';
import { understand, type UnderstandLookups } from './understand.ts';
import type { Interpretation } from './interpretation.ts';

/** Where conversation records live: the turn reads one and writes it back. */
export interface RecordStore {
  read(keys: string[]): Promise<Record<string, unknown>>;
  write(changes: Record<string, unknown>): Promise<void>;
}

/** A record store that can sweep records idle since before a date (the conversation Storage does). */
export interface IdleSweeper {
  sweepIdle<T extends object>(olderThan: Date, replace: (item: T) => T | undefined): Promise<number>;
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

/** One person's conversation with the assistant: messages and clicks in, a step to show out. */
export class AccessConversation {
  constructor(private readonly deps: ConversationDeps) {}

  /**
   * One turn, as XState's own examples persist an actor: restore the stored snapshot, send the turn's
   * events, store the new snapshot with the step as shown (what the next answer is read against).
   */
  async handle(request: TurnRequest): Promise<TurnReply> {
    const { speaker } = request;
    const stored = (await this.deps.records.read([request.key]))[request.key] as ConversationRecord | undefined;
    const now = this.deps.now();
    const expired = !!stored && (!!stored.expired || now.getTime() - Date.parse(stored.lastActive) > this.deps.idleMs);
    const record = expired ? undefined : stored;
    const session = new FlowSession(this.deps.flow, { practiceId: speaker.practiceId, actorId: speaker.colleagueId }, record);
    try {
      return await this.turn(request, session, record, expired, now);
    } finally {
      session.close();
    }
  }

  private async turn(request: TurnRequest, session: FlowSession, record: ConversationRecord | undefined, expired: boolean, now: Date): Promise<TurnReply> {
    const { speaker, t } = request;
    const before = session.state;
    const seq = session.fresh ? 0 : record?.seq ?? 0;
    // What the person answers is read against the step as it was shown to them (stored with the flow);
    // drawn again when the record holds none for this step (a flow that started over, an older record).
    const language = languageOfTranslator(t);
    const shown = !session.fresh && record?.shown?.step === before.step && record.shown.language === language ? record.shown : undefined;
    const asked: Shown = shown ?? shownOf(before.step, language, this.describe(before, t, speaker));

    const meaning: Interpretation | { kind: 'welcome' } = request.welcome
      ? { kind: 'welcome' }
      : request.file
        ? await interpretFile(request.file, speaker, this.deps.lookups)
        : request.value !== undefined
          ? interpretCard(request.value, { seq, step: before.step, person: speaker.personKey }, asked)
          : interpretText(request.text ?? '', before.step, asked, before.context.mode,
            (text) => understand(text, speaker.practiceId, this.deps.lookups, { now, onlyRequests: true }), request.locale);

    const remarks: Block[] = [];
    if (expired) remarks.push(note(t('conversation.expired'), 'warning'));
    else if (session.fresh) remarks.push(note(t('conversation.restarted'), 'warning'));
    if (meaning.kind === 'forged') await this.deps.recordRefusal(speaker, { payload: payloadSummary(request.value) }, 'forged-payload');

    // A new request typed in the middle of another: said in one line, so nothing seems lost by accident.
    if (meaning.kind === 'events' && ['REQUEST', 'BATCH', 'IMPORT_TEAM', 'FILE'].includes(meaning.events[0]?.type) && !record?.expired && !UNDER_WAY_NOT.has(before.step) && !session.fresh) {
      remarks.push(note(t('conversation.leftUnfinished'), 'default'));
    }

    if (meaning.kind !== 'events') {
      if (meaning.kind !== 'welcome') remarks.push(...this.remarksFor(meaning, before.step, t));
      const outcome = await session.send(undefined, now);
      const verdict = meaning.kind === 'stale' || meaning.kind === 'wrong-person' ? meaning.kind : 'same';
      const reply = this.reply(outcome.state, outcome.record.seq, remarks, t, speaker, verdict);
      // Nothing moved: the record is written only when it was missing, expired or unusable, or the step
      // as shown was not in it (a welcome on a new conversation, an older record).
      if (session.fresh || expired || !record || !shown) await this.keep(request.key, { ...outcome.record, shown: shownOf(outcome.state.step, language, reply.prompt) }, false);
      return reply;
    }

    const outcome = await session.send(meaning.events, now, request.teamRoster);
    remarks.push(...outcome.notices.map((n: Notice) => describeNotice(n, t)));
    await this.auditRefusals(speaker, outcome.state, outcome.notices, outcome.moved);
    const reply = this.reply(outcome.state, outcome.record.seq, remarks, t, speaker, outcome.moved ? 'moved' : 'same');
    await this.keep(request.key, { ...outcome.record, shown: shownOf(outcome.state.step, language, reply.prompt) }, outcome.state.step === 'done');
    if (!outcome.moved) return reply;
    return { ...reply, answered: { title: asked.title, answer: chosenLabel(asked, meaning.events[meaning.events.length - 1]) } };
  }

  /**
   * Stores where the flow now stands. Once a change is in the practice's store, failing to note the flow's
   * progress must not turn "added" into an apology: the person is told what was done, the failure is
   * logged, and a repeated confirmation from the older step is recognised as already applied.
   */
  private async keep(key: string, record: ConversationRecord, changeMade: boolean): Promise<void> {
    try {
      await this.deps.records.write({ [key]: record });
    } catch (error) {
      if (!changeMade) throw error;
      this.deps.log(`the change was saved, but not the conversation ${key}`, error);
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
    return store.sweepIdle(new Date(now.getTime() - this.deps.idleMs), (item: ConversationRecord) => expireIdle(item, now));
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

  private reply(state: FlowState, seq: number, remarks: Block[], t: TFunction, speaker: Speaker, verdict: TurnReply['verdict']): TurnReply {
    const prompt = this.describe(state, t, speaker);
    return { prompt: { ...prompt, body: [...remarks, ...prompt.body] }, stamp: stampFor(seq, state.step, speaker.personKey), verdict };
  }

}

function note(text: string, tone: Tone): Block {
  return { kind: 'text', text, tone };
}

/** What an answer is read against: the step's question as shown, without its text. */
function shownOf(step: string, language: string | undefined, prompt: Prompt): Shown {
  return { step, language, title: prompt.title, choices: prompt.choices, actions: prompt.actions, ...(prompt.toggles && { toggles: prompt.toggles }), ...(prompt.input && { input: prompt.input }) };
}

function chosenLabel(prompt: Shown, event: FlowEvent): string | undefined {
  if (event.type === 'TEXT') return event.text;
  const all = [...prompt.choices, ...prompt.actions];
  const aside = all.find((c) => c.aside && sameJson(c.aside.event, event))?.aside;
  // A step stored before asides were named has only their label.
  return all.find((c) => sameJson(c.event, event))?.label ?? aside?.name ?? aside?.label;
}
