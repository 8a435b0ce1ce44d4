// Refused attempts (a forged card, a rule the flow enforced) go to the practice's audit log. A person's
// first few in a minute are audited one by one; past that they are counted, and the minute ends with one
// entry saying how many more there were: a flood of forged clicks costs the log a few lines a minute.
import type { RefusalReason } from '../../flows/ports.ts';
import type { Speaker } from '../domain/speaker.ts';

export type RecordRefusal = (speaker: Speaker, what: object, reason: RefusalReason) => Promise<void>;

/** audited: written one by one; limited: counted towards the minute's summary. */
export type RefusalOutcome = 'audited' | 'limited';

export interface RefusalAuditOptions {
  /** Refusals audited one by one per person in a window. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

interface Window {
  speaker: Speaker;
  start: number;
  audited: number;
  /** Refusals past the limit, by reason, with when the last came. */
  counted: Map<RefusalReason, number>;
  last: number;
  timer?: ReturnType<typeof setTimeout>;
}

export class RefusalAudit {
  /** By practice and colleague: only people the practice knows get this far, so it is as large as the practice at most. */
  private readonly windows = new Map<string, Window>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(private readonly record: RecordRefusal, options: RefusalAuditOptions = {}) {
    this.perWindow = options.perWindow ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  async refuse(speaker: Speaker, what: object, reason: RefusalReason): Promise<RefusalOutcome> {
    const key = `${speaker.practiceId}\n${speaker.colleagueId}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (window && now - window.start >= this.windowMs) {
      await this.close(key, window);
      window = undefined;
    }
    if (!window) {
      window = { speaker, start: now, audited: 0, counted: new Map(), last: now };
      this.windows.set(key, window);
    }
    window.last = now;
    if (window.audited < this.perWindow) {
      window.audited += 1;
      await this.record(speaker, what, reason);
      return 'audited';
    }
    window.counted.set(reason, (window.counted.get(reason) ?? 0) + 1);
    // The minute's summary is written when it ends, even if nothing more comes.
    const open = window;
    open.timer ??= setTimeout(() => void this.close(key, open), Math.max(0, open.start + this.windowMs - now)).unref();
    return 'limited';
  }

  /** Writes every open window's summary (at a graceful stop). */
  async flush(): Promise<void> {
    await Promise.all([...this.windows].map(([key, window]) => this.close(key, window)));
  }

  private async close(key: string, window: Window): Promise<void> {
    if (this.windows.get(key) === window) this.windows.delete(key);
    if (window.timer) clearTimeout(window.timer);
    const counted = [...window.counted];
    window.counted.clear();
    const from = new Date(window.start).toISOString();
    const to = new Date(window.last).toISOString();
    for (const [reason, count] of counted) {
      await this.record(window.speaker, { repeated: { count, from, to } }, reason).catch((error) =>
        this.log(`could not audit ${count} repeated refusal(s) of ${window.speaker.colleagueId}`, error),
      );
    }
  }
}
