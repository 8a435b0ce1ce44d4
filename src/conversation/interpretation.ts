import type { FlowEvent } from '../../flows/accessFlow.types.ts';
import type { SentFileProblem } from './interpretFile.ts';

/** What a person's message or click means for the flow, before it is sent to it. */
export type Interpretation =
  | { kind: 'events'; events: FlowEvent[] }
  | { kind: 'help' }
  /** A card from an earlier step (or clicked twice). */
  | { kind: 'stale' }
  /** A card shown to someone else in a group chat. */
  | { kind: 'wrong-person' }
  /** A card payload offering something the step never offered: forged or corrupted. */
  | { kind: 'forged' }
  | { kind: 'too-long'; limit: number }
  /** Only invisible or control characters (bidi controls, zero-width spaces…): nothing to read. */
  | { kind: 'invisible' }
  /** A request the assistant understood but cannot carry out (yet). */
  | { kind: 'unsupported' }
  /** Several changes asked for without all they need (whose access to copy, which role). */
  | { kind: 'incomplete' }
  /** A number typed that is not on the list shown. */
  | { kind: 'out-of-range'; count: number }
  /** A file sent that cannot be read: not a CSV export, too big, unreachable, or broken. */
  | { kind: 'file-problem'; name: string; problem: SentFileProblem }
  | { kind: 'not-understood' };
