// A person's refused attempts: the first few a minute audited one by one, the rest counted and audited
// as one entry when the minute ends (or at a stop), per reason; other people keep their own count.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefusalAudit } from '../../src/conversation/refusalAudit.ts';

const thomas = { practiceId: 'demo', colleagueId: 'demo-readonly', personKey: 'thomas' };
const sophie = { practiceId: 'demo', colleagueId: 'demo-standard', personKey: 'sophie' };

function recorder() {
  const entries: Array<{ who: string; what: object; reason: string }> = [];
  let clock = Date.parse('2026-12-07T10:00:00Z');
  const audit = new RefusalAudit(async (speaker, what, reason) => void entries.push({ who: speaker.colleagueId, what, reason }), {
    perWindow: 3,
    windowMs: 60_000,
    now: () => clock,
  });
  return { entries, audit, advance: (ms: number) => (clock += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('auditing refused attempts', () => {
  it('audits the first few a minute one by one, and counts the rest into one entry per reason when the minute ends', async () => {
    const { entries, audit, advance } = recorder();
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await audit.refuse(thomas, { payload: i }, 'forged-payload'));
    outcomes.push(await audit.refuse(thomas, { step: 'start' }, 'not-allowed'));
    expect(outcomes).toEqual([...Array(3).fill('audited'), ...Array(8).fill('limited')]);
    expect(entries.map((e) => e.what)).toEqual([{ payload: 0 }, { payload: 1 }, { payload: 2 }]);

    advance(61_000);
    expect(await audit.refuse(thomas, { payload: 'next minute' }, 'forged-payload')).toBe('audited');
    expect(entries.slice(3)).toEqual([
      { who: 'demo-readonly', what: { repeated: { count: 7, from: '2026-12-07T10:00:00.000Z', to: '2026-12-07T10:00:00.000Z' } }, reason: 'forged-payload' },
      { who: 'demo-readonly', what: { repeated: { count: 1, from: '2026-12-07T10:00:00.000Z', to: '2026-12-07T10:00:00.000Z' } }, reason: 'not-allowed' },
      { who: 'demo-readonly', what: { payload: 'next minute' }, reason: 'forged-payload' },
    ]);
  });

  it('keeps each person to their own count', async () => {
    const { entries, audit } = recorder();
    for (let i = 0; i < 5; i++) await audit.refuse(thomas, {}, 'forged-payload');
    expect(await audit.refuse(sophie, {}, 'forged-payload')).toBe('audited');
    expect(entries.filter((e) => e.who === 'demo-standard')).toHaveLength(1);
  });

  it('writes the summary when the minute ends even if nothing more comes, and at a stop', async () => {
    vi.useFakeTimers();
    const { entries, audit } = recorder();
    for (let i = 0; i < 5; i++) await audit.refuse(thomas, {}, 'forged-payload');
    expect(entries).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(entries.at(-1)?.what).toMatchObject({ repeated: { count: 2 } });

    for (let i = 0; i < 4; i++) await audit.refuse(sophie, {}, 'forged-payload');
    await audit.flush();
    expect(entries.at(-1)).toMatchObject({ who: 'demo-standard', what: { repeated: { count: 1 } } });
    await audit.flush();
    expect(entries.filter((e) => 'repeated' in e.what)).toHaveLength(2);
  });
});
