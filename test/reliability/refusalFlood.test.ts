// A Read Only colleague floods the assistant with forged clicks of 200 KB each, ten at a time, over
// HTTP (the attack that once took the process past 600 MB: the audit kept a slice of every payload,
// and a V8 slice keeps its whole parent alive). The server stays up and under 300 MB at its peak;
// the audit keeps a few entries one by one and counts the rest in a summary, with nothing of the
// payloads but their size; nothing else in the store changes.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, StoreData } from '../../src/domain/schema.ts';
import { sendActivity, startServerProcess, type ServerProcess } from '../support/httpBot.ts';
import { storeOnDisk } from '../support/storeOnDisk.ts';
import { tempFile } from '../store/helpers.ts';

const CLICKS = 2_500;
const AT_ONCE = 10;
const PAYLOAD_BYTES = 200 * 1024;

/** The process's peak resident memory (VmHWM), in MB. */
async function peakMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** A click no card offered: no stamp, and every field a sender controls filled to 200 KB. */
function forgedClick(i: number) {
  const filler = `${i}-`.padEnd(PAYLOAD_BYTES / 4, 'x');
  return { event: { type: filler }, companyId: filler, colleagueId: filler, note: filler };
}

describe('a flood of forged 200 KB clicks from a Read Only colleague', { timeout: 240_000 }, () => {
  let server: ServerProcess;
  let dataFile: string;
  let before: StoreData;

  beforeAll(async () => {
    dataFile = await tempFile('store.json');
    server = await startServerProcess('src/index.ts', {
      DATA_FILE: dataFile,
      CONVERSATIONS_FILE: await tempFile('conversations.json'),
      // The heap's ceiling `npm start` sets (package.json): V8 collects to it rather than to the machine's size.
      NODE_OPTIONS: '--max-old-space-size=512',
    });
    before = await storeOnDisk(dataFile);
  });
  afterAll(async () => {
    await server.stop('SIGKILL');
  });

  let minutes = 0;

  it('stays up and under 300 MB at its peak, and answers each click politely', async () => {
    const started = Date.now();
    let sent = 0;
    const statuses = new Map<number, number>();
    let polite = 0;
    const sender = async () => {
      while (sent < CLICKS) {
        const i = sent++;
        const answer = await sendActivity(server.url, {
          channelId: 'emulator', from: { id: 'demo-readonly', name: 'Thomas Petit' }, conversation: { id: 'flood' }, text: undefined, value: forgedClick(i),
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (JSON.stringify(answer.body).includes("wasn't one I offered")) polite++;
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, sender));
    minutes = Math.ceil((Date.now() - started) / 60_000);

    expect(Object.fromEntries(statuses)).toEqual({ 200: CLICKS });
    expect(polite).toBe(CLICKS);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const peak = await peakMb(server.pid);
    console.log(`peak memory after ${CLICKS} forged ${PAYLOAD_BYTES / 1024} KB clicks: ${peak.toFixed(0)} MB`);
    expect(peak).toBeLessThan(300);
  });

  it('audits a few one by one and counts the rest, keeping nothing of the payloads but their size', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    const after = await storeOnDisk(dataFile);
    const added: AuditEntry[] = after.practices.flatMap((p, i) => p.audit.slice(before.practices[i].audit.length));
    expect(added.every((e) => e.actorId === 'demo-readonly' && e.outcome === 'refused' && e.reason === 'forged-payload')).toBe(true);
    const counted = added.reduce((sum, e) => sum + ((e.after as { repeated?: { count: number } }).repeated?.count ?? 1), 0);
    expect(counted).toBe(CLICKS);
    // Five one by one and one summary a minute (the flood's length depends on the machine's speed).
    expect(added.length).toBeLessThanOrEqual(6 * (minutes + 1));
    for (const entry of added) expect(JSON.stringify(entry).length).toBeLessThan(1_000);
    // Nothing but the audit changed.
    const withoutAudit = (store: StoreData) => store.practices.map(({ audit: _audit, ...rest }) => rest);
    expect(withoutAudit(after)).toEqual(withoutAudit(before));
  });
});
