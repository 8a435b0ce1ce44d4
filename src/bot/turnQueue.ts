import { KeyedQueue } from '../keyedQueue.ts';

/**
 * Runs one turn at a time per conversation key, so two quick messages never race on one flow. With `exclusive`
 * (an engine several instances share), a turn also waits for one under the same key on another instance.
 */
export class TurnQueue extends KeyedQueue {
  constructor(private readonly exclusive?: <T>(key: string, turn: () => Promise<T>) => Promise<T>) {
    super();
  }

  override run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const { exclusive } = this;
    return super.run(key, exclusive ? () => exclusive(key, step) : step);
  }
}
