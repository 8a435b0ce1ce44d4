// One person's flow across turns: kept as JSON between them, resumed where it was.
import { describe, expect, it } from 'vitest';
import { createAccessFlow } from '../../flows/accessFlow.machine.ts';
import { FLOW_VERSION, type FlowEvent } from '../../flows/accessFlow.types.ts';
import { FlowSession, type ConversationRecord } from '../../src/conversation/flowSession.ts';
import { openRepository } from '../store/helpers.ts';

const OWNER = { practiceId: 'demo', actorId: 'demo-owner' };
const NOW = new Date('2026-01-05T09:00:00Z');

async function play(flow: ReturnType<typeof createAccessFlow>, events: FlowEvent[], record?: ConversationRecord) {
  let current = record;
  let last;
  for (const event of events) {
    last = await new FlowSession(flow, OWNER, current).send([event], NOW);
    current = JSON.parse(JSON.stringify(last.record)) as ConversationRecord; // stored as JSON between turns
  }
  return { record: current!, outcome: last! };
}

describe('a conversation snapshot', () => {
  it('survives a JSON round trip mid-flow and resumes where it was, up to the stored grant', async () => {
    const { repo } = await openRepository();
    const flow = createAccessFlow(repo);
    const first = await play(flow, [
      { type: 'START', mode: 'add' },
      { type: 'TEXT', text: 'boulangerie dupont' },
      { type: 'TEXT', text: 'Camille Leroy' },
      { type: 'PICK_PRODUCT', product: 'autoentry' },
    ]);
    expect(first.outcome.state.step).toBe('role.choose');
    expect(first.record.flowVersion).toBe(FLOW_VERSION);

    // A new machine instance (as after a restart) picks the flow up from the stored JSON.
    const resumed = new FlowSession(createAccessFlow(repo), OWNER, first.record);
    expect(resumed.fresh).toBe(false);
    expect(resumed.state.step).toBe('role.choose');
    expect(resumed.state.context.companyId).toBe('co-boulangerie-dupont');

    const rest = await play(flow, [
      { type: 'SHOW_ROLE', roleId: 'autoentry.documents-standard' },
      { type: 'ACCEPT_ROLE' },
      { type: 'PICK_LANGUAGE', language: 'fr-FR' },
      { type: 'CONFIRM' },
    ], first.record);
    expect(rest.outcome.state.step).toBe('done');
    expect(repo.grantOf('demo', 'co-boulangerie-dupont', 'demo-basic', 'autoentry')).toMatchObject({
      roleId: 'autoentry.documents-standard',
      language: 'fr-FR',
    });
  });

  it('is not resumed when saved by an older version of the machine, and says so', async () => {
    const { repo } = await openRepository();
    const flow = createAccessFlow(repo);
    const { record } = await play(flow, [{ type: 'START', mode: 'add' }]);
    const session = new FlowSession(flow, OWNER, { ...record, flowVersion: FLOW_VERSION - 1 });
    expect(session.fresh).toBe(true);
    expect(session.state.step).toBe('idle');
  });

  it('is not resumed for someone else than the person it belongs to', async () => {
    const { repo } = await openRepository();
    const flow = createAccessFlow(repo);
    const { record } = await play(flow, [{ type: 'START', mode: 'add' }]);
    const session = new FlowSession(flow, { practiceId: 'demo', actorId: 'demo-admin' }, record);
    expect(session.fresh).toBe(true);
    expect(session.state.context.actorId).toBe('demo-admin');
  });

  it('counts a turn that moved the flow, so a card from before it is stale', async () => {
    const { repo } = await openRepository();
    const flow = createAccessFlow(repo);
    const { record } = await play(flow, [{ type: 'START', mode: 'add' }]);
    const moved = await new FlowSession(flow, OWNER, record).send([{ type: 'TEXT', text: 'dupon' }], NOW);
    expect(moved.record.seq).toBe(record.seq + 1);
    const refused = await new FlowSession(flow, OWNER, moved.record).send([{ type: 'PICK_COMPANY', companyId: 'co-north-1' }], NOW);
    expect(refused.moved).toBe(false);
    expect(refused.record.seq).toBe(moved.record.seq);
    expect(refused.notices).toEqual([{ type: 'notice', code: 'not-offered' }]);
  });
});
