import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import type { Prompt } from '../presentation/prompt.ts';
import type { Interpretation } from './interpretation.ts';
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

/**
 * A card click is untrusted input: it must come from the current step's card, shown to this
 * person, and send exactly one of the things that card offered.
 */
export function interpretCard(
  value: unknown,
  current: { seq: number; step: string; person: string },
  prompt: Prompt,
): Interpretation {
  if (!isObject(value) || value.v !== 1) return { kind: 'forged' };
  const payload = value as Payload;
  if (typeof payload.for === 'string' && payload.for !== current.person) return { kind: 'wrong-person' };
  if (payload.seq !== current.seq || payload.step !== current.step) return { kind: 'stale' };

  if (payload.textInput === true) {
    if (!prompt.input) return { kind: 'forged' };
    if (typeof payload.text !== 'string') return { kind: 'not-understood' };
    const text = payload.text.trim();
    if (!text) return { kind: 'not-understood' };
    if (lengthOf(text) > limitAt(prompt)) return { kind: 'too-long', limit: limitAt(prompt) };
    return { kind: 'events', events: [{ type: 'TEXT', text }] };
  }
  if (payload.toggleSet === true) {
    if (!prompt.toggles) return { kind: 'forged' };
    const offered = prompt.toggles.groups.flatMap((g) => g.items.map((i) => i.value));
    const permissions = offered.filter((code) => payload[`perm:${code}`] === 'true' || payload[`perm:${code}`] === true);
    return { kind: 'events', events: [{ type: 'SET_PERMISSIONS', permissions }] };
  }
  const sent = canonical(payload.event);
  const offered = [...prompt.choices, ...prompt.actions].flatMap((c) => (c.aside ? [c.event, c.aside.event] : [c.event]));
  const match = offered.find((event) => canonical(event) === sent);
  return match ? { kind: 'events', events: [match] } : { kind: 'forged' };
}

/** Key-order-independent JSON, so `{a, b}` and `{b, a}` compare equal; anything odd compares unequal. */
function canonical(value: unknown, depth = 0): string {
  if (depth > 4) return '\u0000';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k], depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function stampFor(seq: number, step: string, person: string): CardStamp {
  return { v: 1, seq, step, for: person };
}

export type { FlowEvent };
