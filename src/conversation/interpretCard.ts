import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import { toggleEvent, toggleInputId, type AskedStep } from '../presentation/prompt.ts';
import { visibleText } from '../text/visibleText.ts';
import type { Interpretation } from './interpretation.ts';
import { detached } from '../text/detached.ts';
import { lengthOf, limitAt } from './interpretText.ts';

/** What every card action carries, so a click can be checked against where the flow is now. */
export interface CardStamp {
  v: 1;
  seq: number;
  step: string;
  /** The person the card was shown to (their Entra object id, or channel id). */
  for: string;
}

type Payload = Partial<CardStamp> & { event?: unknown; textInput?: unknown; toggleSet?: unknown; text?: unknown } & Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The type of the event a card click's payload names, unchecked (whether it was offered is interpretCard's to say). */
export function payloadEventType(value: unknown): string | undefined {
  const event = isObject(value) && Object.hasOwn(value, 'event') ? value.event : undefined;
  return isObject(event) && Object.hasOwn(event, 'type') && typeof event.type === 'string' ? event.type : undefined;
}

/** What the audit keeps of a refused payload: what it is and the event type it named (cut short), never its contents. */
export function payloadSummary(value: unknown): { kind: string; fields?: number; event?: string } {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const fields = isObject(value) ? Object.keys(value).length : undefined;
  const event = payloadEventType(value);
  return { kind, ...(fields !== undefined && { fields }), ...(event !== undefined && { event: detached(event, 40) }) };
}

/**
 * A card click is untrusted input: it must come from the current step's card, shown to this
 * person, and send exactly one of the things that card offered.
 */
export function interpretCard(
  value: unknown,
  current: { seq: number; step: string; person: string },
  prompt: AskedStep,
): Interpretation {
  if (!isObject(value) || value.v !== 1) return { kind: 'forged' };
  const payload = value as Payload;
  if (typeof payload.for === 'string' && payload.for !== current.person) return { kind: 'wrong-person' };
  if (payload.seq !== current.seq || payload.step !== current.step) return { kind: 'stale' };

  if (payload.textInput === true) {
    if (!prompt.input) return { kind: 'forged' };
    if (typeof payload.text !== 'string') return { kind: 'not-understood' };
    const typed = payload.text.trim();
    if (!typed) return { kind: 'not-understood' };
    if (lengthOf(typed) > limitAt(prompt)) return { kind: 'too-long', limit: limitAt(prompt) };
    // As typed text: only what shows goes on to the flow.
    const text = visibleText(typed);
    return text ? { kind: 'events', events: [{ type: 'TEXT', text }] } : { kind: 'invisible' };
  }
  if (payload.toggleSet === true) {
    const set = prompt.toggles;
    if (!set) return { kind: 'forged' };
    const offered = set.groups.flatMap((g) => g.items.map((i) => i.value));
    const on = offered.filter((value) => payload[toggleInputId(set, value)] === 'true' || payload[toggleInputId(set, value)] === true);
    // The submit button, or an action the switches ride with (paging), says what comes once they are taken.
    const carried = prompt.actions.filter((a) => set.carriedBy?.includes(a.event.type)).map((a) => a.event);
    const after = [set.then, ...carried].find((event) => event && sameJson(payload.event, event));
    return { kind: 'events', events: after ? [toggleEvent(set, on), after] : [toggleEvent(set, on)] };
  }
  for (const choice of [prompt.choices, prompt.actions]) {
    for (const offered of choice) {
      if (sameJson(payload.event, offered.event)) return { kind: 'events', events: [offered.event] };
      if (offered.aside && sameJson(payload.event, offered.aside.event)) return { kind: 'events', events: [offered.aside.event] };
    }
  }
  return { kind: 'forged' };
}

/** The same JSON value, whatever the order of keys; anything odd (too deep, not JSON) is not the same. */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i], depth + 1));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key], depth + 1));
  }
  return (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' || a === null) && a === b;
}

export function stampFor(seq: number, step: string, person: string): CardStamp {
  return { v: 1, seq, step, for: person };
}

export type { FlowEvent };
