import { createActor, waitFor } from 'xstate';
import type { AccessFlow } from '../../flows/accessFlow.machine.ts';
import { FLOW_VERSION } from '../../flows/accessFlow.types.ts';
import type { FlowContext, FlowEvent, FlowInput, Notice } from '../../flows/accessFlow.types.ts';
import type { AskedStep } from '../presentation/prompt.ts';
import type { TeamRoster } from '../../flows/ports.ts';

/** What is kept of one person's conversation between turns. */
export interface ConversationRecord {
  flowVersion: number;
  snapshot: unknown;
  /** Bumped on every turn that moves the flow: a card stamped with an older number is stale. */
  seq: number;
  lastActive: string;
  /** Left by housekeeping in place of a flow idle too long, so the next message can say so. */
  expired?: true;
  /** The step as last shown: an answer (a number, a label, a click) is read against it, not against the step drawn anew. */
  shown?: Shown;
}

/** A step's question as shown to the person, without its text. */
export type Shown = AskedStep & { step: string; language?: string };

/** How long a note that a flow expired is kept, after the flow's own idle time. */
const EXPIRY_NOTE_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Housekeeping for one idle record: a flow idle too long becomes a small expiry note; a note kept
 * long enough is dropped (undefined).
 */
export function expireIdle(record: ConversationRecord, now: Date): ConversationRecord | undefined {
  if (!record.expired) return { flowVersion: record.flowVersion, snapshot: null, seq: record.seq, lastActive: record.lastActive, expired: true };
  return now.getTime() - Date.parse(record.lastActive) > EXPIRY_NOTE_MS ? undefined : record;
}

export interface FlowState {
  step: string;
  context: FlowContext;
}

export interface TurnOutcome {
  record: ConversationRecord;
  state: FlowState;
  notices: Notice[];
  /** True when the event moved the flow (state or context changed). */
  moved: boolean;
}

/** The resting step: the active leaf state, e.g. `role.builder.name`. */
export function stepOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value as Record<string, unknown>)[0];
  return `${key}.${stepOf(child)}`;
}

/**
 * One person's flow for one turn: restored from its record → the turn's events sent (each waiting for
 * any write it starts) → the record to persist. A flow saved by an older machine, or for someone else,
 * is not resumed: `fresh` says so. `close` lets the actor go.
 */
export class FlowSession {
  #fresh: boolean;
  private readonly actor;
  private notices: Notice[] = [];

  constructor(flow: AccessFlow, readonly input: FlowInput, private readonly record: ConversationRecord | undefined) {
    const usable = !!record && record.flowVersion === FLOW_VERSION && !!record.snapshot;
    let actor = createActor(flow, usable ? { snapshot: record!.snapshot as never, input } : { input });
    const { context } = actor.getSnapshot();
    const belongs = context.practiceId === input.practiceId && context.actorId === input.actorId;
    if (!belongs) actor = createActor(flow, { input });
    this.actor = actor;
    this.#fresh = !!record && !(usable && belongs);
    this.actor.on('notice', (notice) => this.notices.push(notice as Notice));
    // An error in the flow ends the turn (send() rethrows it); observed here so it is not also
    // rethrown later, outside the turn, as an uncaught exception.
    this.actor.subscribe({ error: () => undefined });
    this.actor.start();
  }

  /** True when a stored flow could not be resumed and this one started over. */
  get fresh(): boolean {
    return this.#fresh;
  }

  get state(): FlowState {
    const snapshot = this.actor.getSnapshot();
    return { step: stepOf(snapshot.value), context: snapshot.context };
  }

  /** Lets go of the flow. */
  close(): void {
    this.actor.stop();
  }

  /**
   * Sends the events in order (each waits for any write the previous one started). A state tagged
   * `asksTeam` waits for the team's members, which only the chat's edge can ask Teams for: `teamRoster`
   * is asked then (none given: there is no team here), and its answer sent on.
   */
  async send(events: FlowEvent[] | undefined, now: Date, teamRoster?: () => Promise<TeamRoster>): Promise<TurnOutcome> {
    this.notices = [];
    const before = this.actor.getSnapshot();
    let settled = before;
    for (const event of events ?? []) {
      this.actor.send(event);
      settled = this.actor.getSnapshot();
      if (settled.hasTag('busy')) settled = await waitFor(this.actor, (s) => !s.hasTag('busy'), { timeout: 30_000 });
      if (settled.hasTag('asksTeam')) {
        this.actor.send({ type: 'TEAM_ROSTER', roster: teamRoster ? await teamRoster() : { status: 'personal' } });
        settled = this.actor.getSnapshot();
      }
    }
    if (settled.status === 'error') throw settled.error;
    const moved = this.#fresh || settled.value !== before.value || settled.context !== before.context;
    const snapshot = this.actor.getPersistedSnapshot();
    return {
      record: {
        flowVersion: FLOW_VERSION,
        snapshot,
        seq: (this.#fresh ? 0 : this.record?.seq ?? 0) + (moved ? 1 : 0),
        lastActive: now.toISOString(),
      },
      state: { step: stepOf(settled.value), context: settled.context },
      notices: this.notices,
      moved,
    };
  }
}
