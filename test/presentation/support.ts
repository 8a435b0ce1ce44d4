// Shared set-up for the presentation tests: the real repository over an in-memory copy of the demo
// data, and a live flow driven by clicking what the cards offer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createActor, waitFor } from 'xstate';
import { createAccessFlow } from '../../flows/accessFlow.machine.ts';
import type { FlowContext, FlowEvent, Notice } from '../../flows/accessFlow.types.ts';
import type { AccessPorts, CommitResult } from '../../flows/ports.ts';
import { stepOf } from '../../src/conversation/flowSession.ts';
import { AccessRepository } from '../../src/repository/accessRepository.ts';
import type { PracticeStore } from '../../src/storage/engine.ts';
import type { StoreData } from '../../src/domain/schema.ts';

export const PRACTICE = 'demo';
const DEMO = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as StoreData;

export function demoRepository(): AccessRepository {
  // In memory only: every commit is taken as written at once.
  const practices: PracticeStore = { data: structuredClone(DEMO), commit: async () => {}, addPractice: async () => {}, compact: async () => {} };
  return new AccessRepository(practices, () => new Date('2025-11-03T10:00:00Z'));
}

/** The repository with some methods replaced; the rest are the repository's own, bound to it. */
export function withOverrides(repo: AccessRepository, overrides: Partial<AccessPorts>): AccessPorts {
  return new Proxy(repo, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof AccessPorts];
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as AccessPorts;
}

export interface Reached {
  step: string;
  context: FlowContext;
  persisted: unknown;
  notices: Notice[];
}

/** Runs events on a fresh actor and returns where the flow rests. */
export async function run(ports: AccessPorts, actorId: string, events: FlowEvent[]): Promise<Reached> {
  const actor = createActor(createAccessFlow(ports), { input: { practiceId: PRACTICE, actorId } });
  const notices: Notice[] = [];
  actor.on('notice', (n) => notices.push(n as Notice));
  actor.start();
  for (const event of events) {
    actor.send(event);
    await waitFor(actor, (s) => !s.hasTag('busy'), { timeout: 5_000 });
  }
  const snapshot = actor.getSnapshot();
  const reached = { step: stepOf(snapshot.value), context: snapshot.context, persisted: actor.getPersistedSnapshot(), notices };
  actor.stop();
  return reached;
}

const REFUSALS = new Set(['not-offered', 'no-users', 'protected-owner', 'cannot-change', 'no-custom-roles', 'no-permission']);

/**
 * What the machine does with one event at a resting step, on a copy that writes nothing:
 * whether it moved (state or context) and which notices it said.
 */
export async function tryEvent(repo: AccessRepository, from: Reached, actorId: string, event: FlowEvent) {
  const never = () => new Promise<never>(() => {});
  const ports = withOverrides(repo, { commit: never as () => Promise<CommitResult>, createRole: never, importTeamMembers: never, importUpload: never });
  const actor = createActor(createAccessFlow(ports), { snapshot: from.persisted as never, input: { practiceId: PRACTICE, actorId } });
  const notices: string[] = [];
  actor.on('notice', (n) => notices.push((n as Notice).code));
  actor.start();
  const before = actor.getSnapshot();
  actor.send(event);
  const after = actor.getSnapshot();
  actor.stop();
  const moved = JSON.stringify([before.value, before.context]) !== JSON.stringify([after.value, after.context]);
  return { moved, refused: notices.filter((code) => REFUSALS.has(code)) };
}

/** The adaptivecards package, loaded the way Node can (its ESM entry needs a DOM). */
export const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js');

/** Parse and validation problems the Adaptive Cards SDK reports for a card, read as schema 1.5. */
export function cardProblems(json: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}
