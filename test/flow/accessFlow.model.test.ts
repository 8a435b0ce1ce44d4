// Model-based tests: xstate/graph walks the access flow, and every path it finds is replayed on a
// live actor over the real repository and a temporary store file. Coverage of every state and
// every transition of the machine is required.
import { describe, expect, it } from 'vitest';
import { createTestModel } from 'xstate/graph';
import type { AnyStateNode } from 'xstate';
import { createAccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowInput } from '../../flows/accessFlow.types.ts';
import { openRepository } from '../store/helpers.ts';
import { abstractStateWith, eventsFor, type Snapshot } from './modelEvents.ts';
import { everything, runPath, type Coverage, type PathStep } from './liveRun.ts';

const OWNER: FlowInput = { practiceId: 'demo', actorId: 'demo-owner' };
const STANDARD: FlowInput = { practiceId: 'demo', actorId: 'demo-standard' };

async function modelFor(input: FlowInput) {
  // The graph is walked over one untouched copy of the demo store: walking never writes.
  const { repo } = await openRepository();
  const flow = createAccessFlow(repo);
  const key = abstractStateWith(repo);
  const given = (snapshot: Snapshot) => eventsFor(repo, snapshot);
  const model = createTestModel(flow, {
    events: (snapshot) => given(snapshot as Snapshot),
    // Only the events given: xstate/graph would add a bare `{ type }` for every other event.
    filterEvents: (snapshot, event) =>
      given(snapshot as Snapshot).some((e) => JSON.stringify(e) === JSON.stringify(event)),
    serializeState: (snapshot) => key(snapshot as Snapshot) as never,
    input,
  });
  return { flow, model, key };
}

const stepsOf = (path: { steps: Array<{ event: unknown; state: unknown }> }) => path.steps as unknown as PathStep[];

describe('the access flow, walked as a model', () => {
  it('reaches every state and takes every transition, on the real repository', async () => {
    const covered: Coverage = { states: new Set(), transitions: new Set() };
    const owner = await modelFor(OWNER);
    const all = everything(owner.flow.root as AnyStateNode);
    await cover(owner, OWNER, all, covered);
    // Someone who may not manage users (rule 1).
    await cover(await modelFor(STANDARD), STANDARD, all, covered);

    const missingStates = [...all.states].filter((s) => !covered.states.has(s));
    const missingTransitions = [...all.transitions].filter((t) => !covered.transitions.has(t));
    expect(missingStates).toEqual([]);
    expect(missingTransitions).toEqual([]);
    expect(all.transitions.size).toBeGreaterThan(100);
  }, 240_000);

  it('walks every simple path through the custom-role builder', async () => {
    const covered: Coverage = { states: new Set(), transitions: new Set() };
    const { model } = await modelFor(OWNER);
    const [builder] = model
      .getShortestPaths({ toState: (s) => (s as Snapshot).matches({ role: { builder: 'name' } }) })
      .sort((a, b) => a.steps.length - b.steps.length);
    const fromState = builder.state;
    const simple = model.getSimplePaths({
      fromState,
      toState: (s: Snapshot) => s.matches({ role: 'saving' }),
      filterEvents: (s: Snapshot) => s.matches('role'),
    } as never);
    expect(simple.length).toBeGreaterThan(3);
    for (const path of simple) await runPath(OWNER, [...stepsOf(builder), ...stepsOf(path)], covered);
    const builderStates = ['access.role.builder.name', 'access.role.builder.base', 'access.role.builder.permissions', 'access.role.builder.review', 'access.role.saving'];
    expect(builderStates.filter((s) => !covered.states.has(s))).toEqual([]);
  }, 120_000);
});

type Model = Awaited<ReturnType<typeof modelFor>>;

/**
 * Replays every shortest path, then, for each (state, event) edge that may take a transition not
 * covered yet, the shortest path to that state plus that one event.
 */
async function cover({ model, key: keyOf }: Model, input: FlowInput, all: Coverage, covered: Coverage) {
  const shortest = model.getShortestPaths();
  for (const path of shortest) await runPath(input, stepsOf(path), covered);
  // Every state's shortest path, including those that are a prefix of a longer one.
  const toState = new Map(
    model.getShortestPaths({ allowDuplicatePaths: true }).map((p) => [keyOf(p.state as Snapshot), stepsOf(p)]),
  );
  const initial = keyOf(shortest[0].steps[0].state as Snapshot);
  for (const [key, { state: source, transitions }] of Object.entries(model.getAdjacencyMap())) {
    const prefix = toState.get(key) ?? (key === initial ? [] : undefined);
    if (!prefix) throw new Error(`no path to ${key}`);
    for (const { event, state } of Object.values(transitions) as Array<{ event: { type: string }; state: unknown }>) {
      if (!mayCoverSomethingNew(source as Snapshot, event.type, all, covered)) continue;
      await runPath(input, [...prefix, { event, state } as unknown as PathStep], covered);
    }
  }
}

/** True when the event may take a transition not yet covered (on the state's nodes, or any eventless one). */
function mayCoverSomethingNew(source: Snapshot, eventType: string, all: Coverage, covered: Coverage): boolean {
  const uncovered = [...all.transitions].filter((t) => !covered.transitions.has(t));
  if (uncovered.some((t) => t.includes('| always |'))) return true;
  const nodes = new Set((source._nodes as AnyStateNode[]).map((n) => n.id));
  return uncovered.some((t) => {
    const [node, type] = t.split(' | ');
    return type === eventType && nodes.has(node);
  });
}
