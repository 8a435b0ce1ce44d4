// src/timeSlices.ts: work let in one piece at a time, in order, a slice of the event loop at a time.
import { describe, expect, it } from 'vitest';
import { timeSlices } from '../../src/timeSlices.ts';
import { busy } from '../support/busy.ts';

describe('time slices', () => {
  it('lets work in in arrival order, each piece in its own callback', async () => {
    const slices = timeSlices();
    const ran: number[] = [];
    await new Promise<void>((done) => {
      for (let i = 0; i < 20; i += 1) slices.letIn(() => {
        ran.push(i);
        // Each piece's own promises settle before the next piece starts.
        void Promise.resolve().then(() => ran.push(100 + i));
        if (i === 19) setImmediate(done);
      });
    });
    expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => [i, 100 + i]).flat());
  });

  it('lets the event loop run between slices: a timer due during a burst is not kept waiting for all of it', async () => {
    const slices = timeSlices(4);
    const order: string[] = [];
    const finished = new Promise<void>((done) => {
      for (let i = 0; i < 100; i += 1) slices.letIn(() => {
        busy(1);
        order.push(`piece ${i}`);
        // Set once the burst is under way (set before it, the timer could come first by itself).
        if (i === 0) setTimeout(() => order.push('timer'), 0);
        if (i === 99) done();
      });
    });
    await finished;
    // With nothing sliced the timer would come after all 100 pieces (100 ms of work).
    expect(order.indexOf('timer')).toBeGreaterThan(0);
    expect(order.indexOf('timer')).toBeLessThan(50);
  });

  it('lets work going on after a wait (next) ahead of new work', async () => {
    const slices = timeSlices();
    const order: string[] = [];
    await new Promise<void>((done) => {
      slices.letIn(() => {
        order.push('first turn starts');
        for (let i = 0; i < 5; i += 1) slices.letIn(() => order.push(`new ${i}`));
        void slices.next().then(() => order.push('first turn goes on'));
      });
      slices.letIn(() => setTimeout(done, 5));
    });
    expect(order.slice(0, 2)).toEqual(['first turn starts', 'first turn goes on']);
    expect(order).toHaveLength(7);
  });

  it('lets work marked ahead in before other new work, after work going on', async () => {
    const slices = timeSlices();
    const order: string[] = [];
    await new Promise<void>((done) => {
      slices.letIn(() => {
        order.push('first turn starts');
        for (let i = 0; i < 3; i += 1) slices.letIn(() => order.push(`new ${i}`));
        slices.letIn(() => order.push('confirm'), true);
        void slices.next().then(() => order.push('first turn goes on'));
        slices.letIn(() => order.push('save'), true);
      });
      slices.letIn(() => setTimeout(done, 5));
    });
    expect(order).toEqual(['first turn starts', 'first turn goes on', 'confirm', 'save', 'new 0', 'new 1', 'new 2']);
  });
});
