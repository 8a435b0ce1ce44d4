import type { FlowEvent } from '../../flows/accessFlow.types.ts';

// A step as a person sees it, already in their language, independent of how it is drawn:
// the Adaptive Card renderer and the plain-text renderer both draw from this one description.

export type Tone = 'default' | 'good' | 'warning' | 'attention';

export type Block =
  | { kind: 'text'; text: string; tone?: Tone; subtle?: boolean }
  | { kind: 'facts'; facts: Array<{ title: string; value: string }> }
  /** Permissions grouped as the product's Show role screen groups them. */
  | { kind: 'groups'; groups: Array<{ title: string; items: Array<{ label: string; allowed: boolean; status?: string }> }> };

export interface Choice {
  label: string;
  /** The flow event a click sends (the bot adds the step token). */
  event: FlowEvent;
  style?: 'positive' | 'destructive';
  /**
   * A second, smaller action shown beside this one (e.g. *Show role* beside a role). Every row has one with the
   * same label, so `name` says which row it acts on (*Show role Bookkeeper*): it is what a screen reader reads.
   */
  aside?: { label: string; name: string; event: FlowEvent };
  /** A line under the label (e.g. an e-mail, the current role). */
  detail?: string;
}

/** A set of on/off switches sent together (custom-role permissions, the members of a team to import). */
export interface ToggleSet {
  /** Flow event type built from the switches: SET_PERMISSIONS gets the permissions on, SET_MEMBERS the members on. */
  eventType: 'SET_PERMISSIONS' | 'SET_MEMBERS';
  groups: Array<{ title: string; items: Array<{ value: string; label: string; on: boolean }> }>;
  submitLabel: string;
  /** Sent after the switches by the submit button (e.g. go on to the next step). */
  then?: FlowEvent;
  /** Secondary actions, by event type, that send the switches first too: paging keeps what was ticked. */
  carriedBy?: Array<FlowEvent['type']>;
}

/** A switch's input id on the card: `perm:<permission>` or `member:<object id>`. */
export function toggleInputId(set: ToggleSet, value: string): string {
  return `${set.eventType === 'SET_MEMBERS' ? 'member' : 'perm'}:${value}`;
}

/** The event a set of switches sends, with the values switched on. */
export function toggleEvent(set: ToggleSet, on: string[]): FlowEvent {
  return set.eventType === 'SET_MEMBERS' ? { type: 'SET_MEMBERS', memberIds: on } : { type: 'SET_PERMISSIONS', permissions: on };
}

export interface TextInput {
  placeholder: string;
  submitLabel: string;
  /** Longest text accepted (the card enforces it too). */
  maxLength: number;
  /** Typing is the other way to answer (search again), so it is drawn after the choices, not before. */
  secondary?: boolean;
}

export interface Prompt {
  title: string;
  body: Block[];
  /** Choices listed in order; typed answers can use their number. */
  choices: Choice[];
  /** Secondary actions drawn after the choices (change a field, back, cancel…). */
  actions: Choice[];
  toggles?: ToggleSet;
  input?: TextInput;
  /** How to answer by typing (a number, a name, "done"…), for channels that cannot show cards. */
  hint?: string;
}

/** What an answer is read against: the question's title, choices, actions, switches and text input. */
export type AskedStep = Pick<Prompt, 'title' | 'choices' | 'actions' | 'toggles' | 'input'>;
