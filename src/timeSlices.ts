// Performance (docs/performance.md): buys the largest event-loop stall at 50 conversations, 120–234 ms → 24–42 ms.
// Cooperative scheduling on Node's one thread. A turn of the assistant runs without a pause from the
// moment it starts to its next real wait (a file being written), so fifty activities arriving together
// would hold the event loop for the sum of their turns, and fifty turns released by one shared write
// would do the same. Work goes through here instead: in order, a slice of time per turn of the event
// loop, each piece in its own callback; once the slice is spent, the rest waits for the loop's next
// turn, after timers, health checks and finished writes have had theirs. The order: turns going on
// after a write, then new work let in ahead (a person confirming a change, who waits for "added"),
// then other new work, each line in arrival order.

/** How long one turn of the event loop lets waiting work run before the rest waits for the next. */
export const SLICE_MS = 4;

export interface TimeSlices {
  /** Runs `enter` in its turn (its synchronous part on its own, in arrival order); `ahead`: before other new work. */
  letIn(enter: () => void, ahead?: boolean): void;
  /** Resolves in the caller's turn: after an awaited write, the rest of a turn goes on in a slice, ahead of new work. */
  next(): Promise<void>;
}

export function timeSlices(sliceMs = SLICE_MS): TimeSlices {
  // Turns going on after a write come before new ones: what is under way finishes first.
  const resuming: Array<() => void> = [];
  const waitingAhead: Array<() => void> = [];
  const waiting: Array<() => void> = [];
  /** When the current slice began; undefined: the next piece starts a new one. */
  let sliceStart: number | undefined;
  let newSliceQueued = false;
  const letNextIn = () => {
    const now = performance.now();
    sliceStart ??= now;
    if (now - sliceStart >= sliceMs) {
      // Callbacks queued now run on the loop's next turn, in order: first the one starting a new slice.
      if (!newSliceQueued) {
        newSliceQueued = true;
        setImmediate(() => {
          sliceStart = undefined;
          newSliceQueued = false;
        });
      }
      setImmediate(letNextIn);
      return;
    }
    (resuming.shift() ?? waitingAhead.shift() ?? waiting.shift())?.();
  };
  const queue = (line: Array<() => void>, enter: () => void) => {
    line.push(enter);
    // Work arriving while the loop polls runs when it next checks: a new slice, unless one is queued.
    if (!newSliceQueued) sliceStart = undefined;
    setImmediate(letNextIn);
  };
  return {
    letIn: (enter, ahead = false) => queue(ahead ? waitingAhead : waiting, enter),
    next: () => new Promise<void>((resolve) => queue(resuming, resolve)),
  };
}
