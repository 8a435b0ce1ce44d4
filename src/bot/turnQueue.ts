/**
 * Runs one turn at a time per conversation key, so two quick messages never race on one flow. With `exclusive`
 * (an engine several instances share), a turn also waits for one under the same key on another instance.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly exclusive?: <T>(key: string, turn: () => Promise<T>) => Promise<T>) {}

  run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const { exclusive } = this;
    const turn = exclusive ? () => exclusive(key, step) : step;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(turn, turn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once every turn queued so far has finished. */
  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
