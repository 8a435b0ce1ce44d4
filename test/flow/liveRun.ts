// Replays a path of the model on a live actor over a fresh copy of the demo store, arranging the
// real outcome of each write (a concurrent change, a lost right, a failing disk) before it starts.
import { createActor, waitFor, type AnyStateNode, type AnyTransitionDefinition, type InspectionEvent } from 'xstate';
import { createAccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowEvent, FlowInput } from '../../flows/accessFlow.types.ts';
import type { AccessRepository } from '../../src/repository/accessRepository.ts';
import { stepOf } from '../../src/conversation/flowSession.ts';
import { openRepository } from '../store/helpers.ts';
import { failNextWrite } from '../support/openStore.ts';
import { pickedMembers } from '../../flows/accessFlow.teamImport.ts';
import { readCsv } from '../../src/import/readCsv.ts';
import { MAX_FILES_KEPT } from '../../src/import/uploadedFiles.ts';
import { abstractState, conflicting, keepModelFile, sameChange, type Snapshot } from './modelEvents.ts';

export interface PathStep {
  event: FlowEvent;
  state: Snapshot;
}

const OUTCOMES = new Set([
  'COMMITTED', 'COMMIT_FAILED', 'ROLE_SAVED', 'ROLE_REJECTED', 'BATCH_COMMITTED', 'BATCH_FAILED', 'INVITATION_WRITTEN', 'INVITATION_FAILED',
  'TEAM_IMPORTED', 'TEAM_IMPORT_FAILED', 'IMPORTED', 'IMPORT_FAILED',
]);

/** A transition's identity that holds across machine instances: source, event and position. */
export function transitionKey(t: AnyTransitionDefinition): string {
  const source = t.source as AnyStateNode;
  const list = t.eventType === '' ? source.always ?? [] : source.transitions.get(t.eventType) ?? [];
  return `${source.id} | ${t.eventType || 'always'} | ${list.indexOf(t)}`;
}

export interface Coverage {
  states: Set<string>;
  transitions: Set<string>;
}

export async function runPath(input: FlowInput, steps: PathStep[], coverage: Coverage): Promise<void> {
  const { db, repo } = await openRepository();
  keepModelFile(repo);
  const flow = createAccessFlow(repo);
  const inspect = (e: InspectionEvent) => {
    if (e.type !== '@xstate.microstep') return;
    for (const t of e._transitions) {
      coverage.transitions.add(transitionKey(t));
      for (const target of t.target ?? []) coverage.states.add((target as AnyStateNode).id);
    }
    for (const node of (e.snapshot as Snapshot)._nodes) coverage.states.add(node.id);
  };
  const actor = createActor(flow, { input, inspect }).start();
  for (const node of actor.getSnapshot()._nodes) coverage.states.add(node.id);

  // The walk never writes, so once a real write has landed its view of the data is behind the
  // live one: from then on the run only gathers coverage (which the test then requires in full).
  let written = false;
  for (const [i, step] of steps.entries()) {
    if (step.event.type === 'xstate.init' as never) continue;
    if (step.event.type === 'COMMITTED' || step.event.type === 'ROLE_SAVED' || (step.event.type === 'BATCH_COMMITTED' && step.event.result.status === 'done')
      || (step.event.type === 'INVITATION_WRITTEN' && !(step.event.result.status === 'refused' && step.event.result.reason === 'not-allowed'))
      || (step.event.type === 'TEAM_IMPORTED' && step.event.result.status !== 'refused')
      // After an import (or its file pushed out of the cache), the walk's copy of the data is behind too.
      || step.event.type === 'IMPORTED') {
      written = true;
      continue;
    }
    const next = steps[i + 1]?.event;
    if (!OUTCOMES.has(step.event.type)) {
      // After a write the model may expect an outcome the live state cannot lead to: don't arrange it.
      const undo = written ? undefined : await arrange(next, actor.getSnapshot(), repo, db);
      actor.send(step.event);
      await waitFor(actor, (s) => !s.hasTag('busy'), { timeout: 5_000 });
      undo?.();
    }
    // The model rests in a busy state until it is given the write's outcome; the live actor has
    // already had it, so it is compared at the outcome's step.
    if ((next && OUTCOMES.has(next.type)) || step.state.hasTag('busy') || written) continue;
    const live = actor.getSnapshot();
    if (abstractState(live) !== abstractState(step.state)) {
      throw new Error(
        `after ${steps.slice(0, i + 1).map((s) => JSON.stringify(s.event)).join(' → ')}\n` +
          `  expected ${abstractState(step.state)}\n  live     ${abstractState(live)} (${stepOf(live.value)})`,
      );
    }
  }
  actor.stop();
}

type Db = Awaited<ReturnType<typeof openRepository>>['db'];

/** Makes the real write end as the model's next step says it does. */
async function arrange(next: FlowEvent | undefined, snapshot: Snapshot, repo: AccessRepository, db: Db): Promise<(() => void) | void> {
  if (!next || !OUTCOMES.has(next.type)) return;
  const c = snapshot.context;
  if (next.type === 'COMMITTED' && next.result.status === 'conflict') {
    // Another administrator changes the same grant first (to another role, or exactly as asked here).
    const same = JSON.stringify(next.result.current) === JSON.stringify(sameChange(snapshot));
    if (same && c.mode === 'remove') {
      await repo.commit({ ...toChangeOf(c), actorId: 'demo-admin' });
      return;
    }
    const role = same ? c.roleId! : conflicting(repo, snapshot).roleId;
    const result = await repo.commit({
      practiceId: c.practiceId, actorId: 'demo-admin', companyId: c.companyId!, person: c.person!,
      product: c.product!, mode: c.current ? 'edit' : 'add', roleId: role, language: same ? c.language! : 'en-GB',
      baseVersion: c.current?.version ?? null, addClientManagementBasic: false,
    });
    if (result.status !== "done") throw new Error(`could not arrange a conflict: ${JSON.stringify(result)} for ${JSON.stringify(c)}`);
  } else if (next.type === 'INVITATION_WRITTEN' && next.result.status === 'refused' && next.result.reason === 'not-pending') {
    // Another administrator cancels the invitation just before this write.
    const cancel = repo.cancelInvitation.bind(repo);
    for (const write of ['resendInvitation', 'cancelInvitation'] as const) {
      const own = repo[write].bind(repo);
      repo[write] = async (action) => {
        await cancel({ ...action, actorId: 'demo-owner' });
        return own(action);
      };
    }
    return () => {
      delete (repo as unknown as Record<string, unknown>).resendInvitation;
      delete (repo as unknown as Record<string, unknown>).cancelInvitation;
    };
  } else if (next.type === 'TEAM_IMPORTED' && next.result.status === 'changed') {
    // Another administrator adds the first of them just before.
    const [first] = pickedMembers(c.teamImport!);
    const result = await repo.importTeamMembers({ practiceId: c.practiceId, actorId: 'demo-admin', members: [{ member: first, practiceRole: 'client-management.basic', language: 'en-GB' }] });
    if (result.status !== 'done') throw new Error(`could not arrange a member added meanwhile: ${JSON.stringify(result)}`);
  } else if (next.type === 'IMPORTED' && next.result.status === 'unusable') {
    // Colleagues send other files meanwhile, pushing this one out of the bounded cache.
    for (let i = 0; i < MAX_FILES_KEPT; i++) {
      const bytes = Buffer.from(`Name\nOther company ${i}\n`);
      const read = readCsv(bytes);
      if (read.ok) repo.keepUpload(c.practiceId, bytes, read.table);
    }
  } else if ((next.type === 'COMMITTED' || next.type === 'INVITATION_WRITTEN' || next.type === 'TEAM_IMPORTED' || next.type === 'IMPORTED') && next.result.status === 'refused') {
    // The person confirming loses the right to manage users just then (and gets it back after).
    const me = db.data.practices.find((p) => p.id === c.practiceId)!.colleagues.find((m) => m.id === c.actorId)!;
    const role = me.practiceRole;
    me.practiceRole = 'client-management.standard';
    return () => {
      me.practiceRole = role;
    };
  } else if (next.type === 'BATCH_COMMITTED' && next.result.status === 'conflict') {
    // Another administrator makes the first of the planned changes first.
    const result = await repo.commitAll([{ ...c.batch!.changes[0], actorId: 'demo-admin' }]);
    if (result.status !== 'done') throw new Error(`could not arrange a batch conflict: ${JSON.stringify(result)}`);
  } else if (next.type === 'COMMIT_FAILED' || next.type === 'BATCH_FAILED' || next.type === 'INVITATION_FAILED' || next.type === 'TEAM_IMPORT_FAILED' || next.type === 'IMPORT_FAILED') {
    // The disk fails as the change is written down: the store's journal refuses it.
    failNextWrite(db);
  } else if (next.type === 'ROLE_REJECTED') {
    // A colleague creates a role of the same name first.
    await repo.createRole({ practiceId: c.practiceId, actorId: 'demo-admin', product: c.product!, name: c.draft!.name, permissions: c.draft!.permissions });
  }
}

function toChangeOf(c: Snapshot['context']) {
  return {
    practiceId: c.practiceId, actorId: c.actorId, companyId: c.companyId!, person: c.person!, product: c.product!,
    mode: c.mode!, baseVersion: c.current?.version ?? null, addClientManagementBasic: false,
  };
}

/** Every state node and transition of the machine, as keys comparable with what a run covers. */
export function everything(root: AnyStateNode): Coverage {
  const states = new Set<string>();
  const transitions = new Set<string>();
  const walk = (node: AnyStateNode) => {
    states.add(node.id);
    for (const list of node.transitions.values()) for (const t of list) transitions.add(transitionKey(t));
    for (const t of node.always ?? []) transitions.add(transitionKey(t));
    for (const child of Object.values(node.states)) walk(child as AnyStateNode);
  };
  walk(root);
  return { states, transitions };
}
