// The assistant's own work per turn, measured in the benchmark's process with no HTTP and no Bot
// Framework adapter: the turn handler (read the record, step the flow, search, store) and the reply
// drawn as the channel gets it (Adaptive Card, serialised), one conversation at a time. Next to the echo
// server's CPU per turn, it says how a turn's cost divides between the stack and the assistant.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, ConversationAccount } from 'botbuilder';
import { createAssistant } from '../../src/assistant.ts';
import { identify } from '../../src/bot/identify.ts';
import { promptActivity } from '../../src/bot/replies.ts';
import { conversationKey } from '../../src/conversation/conversationKey.ts';
import { translatorFor } from '../../src/presentation/i18n.ts';
import { openConversations, openStore } from '../support/openStore.ts';
import type { StoreData } from '../../src/domain/schema.ts';
import { MAX_TURNS_PER_FLOW, nextMove, shownStep, type AddUserPlan } from './loadDriver.ts';

export interface TurnWork {
  turns: number;
  /** CPU per turn, user + system (the system part is mostly flushing the journals). */
  cpuMsPerTurn: number;
  systemMsPerTurn: number;
}

const CHANNEL = 'emulator';

/** Runs the flows one after another on a fresh copy of the practice; the first `warmUp` are not counted. */
export async function measureTurnWork(data: StoreData, flows: AddUserPlan[], admins: number, warmUp: number): Promise<TurnWork> {
  const dir = await mkdtemp(join(tmpdir(), 'access-bench-turns-'));
  try {
    const db = await openStore(join(dir, 'store.json'), data);
    const records = await openConversations(join(dir, 'conversations.json'));
    const { conversation, repository } = createAssistant({ practices: db, conversations: records, localMode: true, idleDays: 7, log: () => undefined });
    let turns = 0;
    const run = async (plan: AddUserPlan, n: number) => {
      const from = `demo-admin-${(n % admins) + 1}`;
      const activity: Partial<Activity> = {
        channelId: CHANNEL, from: { id: from, name: from }, conversation: { id: `turns-${n}` } as ConversationAccount, locale: plan.language,
      };
      const identity = identify(activity, repository, true);
      if (!('speaker' in identity)) throw new Error(`${from} is not in the practice`);
      const { speaker } = identity;
      const key = conversationKey(CHANNEL, `turns-${n}`, speaker);
      const t = translatorFor(plan.language);
      let move: { text?: string; value?: unknown } | undefined = { text: plan.companyName };
      for (let turn = 0; move && turn < MAX_TURNS_PER_FLOW; turn += 1) {
        const reply = await conversation.handle({ key, speaker, t, ...move });
        const sent = promptActivity(reply.prompt, reply.stamp, CHANNEL);
        JSON.stringify({ activities: [sent] });
        turns += 1;
        const { step, offered } = shownStep([sent]);
        if (step === 'done') return;
        move = nextMove(step, offered, plan);
      }
      throw new Error(`in-process flow for ${plan.companyName} did not reach "done"`);
    };
    for (let n = 0; n < warmUp; n += 1) await run(flows[n], n);
    turns = 0;
    const cpu = process.cpuUsage();
    for (let n = warmUp; n < flows.length; n += 1) await run(flows[n], n);
    const used = process.cpuUsage(cpu);
    await records.flush();
    return { turns, cpuMsPerTurn: (used.user + used.system) / 1000 / turns, systemMsPerTurn: used.system / 1000 / turns };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
