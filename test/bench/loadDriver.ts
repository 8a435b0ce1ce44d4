// The load: conversations at once over loopback HTTP, each turn an activity with
// deliveryMode 'expectReplies', so the reply is the HTTP answer and a turn's latency is its round trip.
// A click is what a channel sends for an Action.Submit: a message whose value is the button's data.
import { Agent, request } from 'node:http';

type Json = Record<string, any>;

export type TurnKind = 'navigation' | 'confirming';

export interface TurnTimes {
  navigation: number[];
  confirming: number[];
}

/** One add-user flow: what to search for and what to pick. */
export interface AddUserPlan {
  companyId: string;
  companyName: string;
  colleagueId: string;
  colleagueName: string;
  roleId: string;
  language: string;
}

export interface ConversationPlan {
  /** The administrator the conversation is with (the activity's from.id). */
  actorId: string;
  flows: AddUserPlan[];
}

export interface LoadResult {
  times: TurnTimes;
  elapsedMs: number;
  /** CPU time the load driver itself used (it shares the machine with the server). */
  driverCpuMs: number;
  flowsDone: number;
  /** The flows that reached "done", for checking what was stored. */
  completed: AddUserPlan[];
  /** Flows that did not reach "done" (a step the plan did not expect, an error reply). */
  failures: string[];
}

const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

export function createClient(url: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/api/messages', url);
  let id = 0;
  return {
    /** POSTs one activity; resolves with the replies. */
    send(conversationId: string, fromId: string, fields: Json): Promise<Json[]> {
      const body = JSON.stringify({
        type: 'message', id: `a${++id}`, channelId: 'emulator', serviceUrl: 'http://localhost', locale: 'en-GB',
        deliveryMode: 'expectReplies', conversation: { id: conversationId }, from: { id: fromId }, recipient: { id: 'bot' },
        ...fields,
      });
      return new Promise((resolve, reject) => {
        const req = request(target, {
          method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            resolve((JSON.parse(text) as { activities?: Json[] }).activities ?? []);
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
type Client = ReturnType<typeof createClient>;

/**
 * Every Action.Submit's data in the replies' Adaptive Cards. The driver shares the machine with the
 * server it measures, so it walks the cards without making garbage of its own (no arrays per node).
 */
function buttons(activities: Json[]): Json[] {
  const found: Json[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) walk(node[i]);
      return;
    }
    const n = node as Json;
    if (n.type === 'Action.Submit' && n.data) found.push(n.data);
    for (const key in n) walk(n[key]);
  };
  for (const activity of activities) walk(activity.attachments);
  return found;
}

const withEvent = (data: Json[], test: (event: Json) => boolean) => data.find((d) => d.event && test(d.event));

/** The click on the offered button whose event passes the test (undefined when none does). */
function clickOn(data: Json[], test: (event: Json) => boolean): Json | undefined {
  const button = withEvent(data, test);
  return button && { value: button };
}

/** What to send next at each step of the add-user flow, from the buttons the step's card offers. */
export function nextMove(step: string, data: Json[], plan: AddUserPlan): Json | undefined {
  const click = (test: (event: Json) => boolean) => clickOn(data, test);
  switch (step) {
    case 'company.choose':
      return click((e) => e.type === 'PICK_COMPANY' && e.companyId === plan.companyId);
    case 'action.choose':
      return click((e) => e.type === 'PICK_ACTION' && e.action === 'add');
    case 'person.search': {
      const find = data.find((d) => d.textInput === true);
      return find && { value: { ...find, text: plan.colleagueName } };
    }
    case 'person.choose':
      return click((e) => e.type === 'PICK_PERSON' && e.colleagueId === plan.colleagueId);
    case 'product':
      return click((e) => e.type === 'PICK_PRODUCT' && e.product === 'autoentry');
    case 'role.choose':
      return click((e) => e.type === 'SHOW_ROLE' && e.roleId === plan.roleId);
    case 'role.preview':
      return click((e) => e.type === 'ACCEPT_ROLE');
    case 'language':
      return click((e) => e.type === 'PICK_LANGUAGE' && e.language === plan.language);
    case 'confirm':
      return click((e) => e.type === 'CONFIRM');
    default:
      return undefined;
  }
}

export const MAX_TURNS_PER_FLOW = 15;

/** The step the replies' card shows (its buttons are stamped with it) and the buttons' data. */
export function shownStep(activities: Json[]): { step: string; offered: Json[] } {
  const offered = buttons(activities);
  return { step: String(offered[0]?.step ?? 'none'), offered };
}

/**
 * How a flow ends: 'confirm' adds the user; 'cancel' leaves at the confirm step, adding nothing (the
 * warm-up rehearses the run's flows so, and their pairs stay free for the run).
 */
export type FlowEnding = 'confirm' | 'cancel';

/** One conversation: its flows one after another, every turn timed. */
async function converse(client: Client, conversationId: string, plan: ConversationPlan, times: TurnTimes, failures: string[], ending: FlowEnding): Promise<AddUserPlan[]> {
  const done: AddUserPlan[] = [];
  for (const flow of plan.flows) {
    let move: Json | undefined = { text: flow.companyName };
    let kind: TurnKind = 'navigation';
    /** The step the last move ends the flow on, once it is sent. */
    let last: 'done' | 'idle' | undefined;
    let outcome = 'no reply';
    for (let turn = 0; move && turn < MAX_TURNS_PER_FLOW; turn += 1) {
      const started = performance.now();
      const replies = await client.send(conversationId, plan.actorId, move);
      times[kind].push(performance.now() - started);
      const { step, offered: data } = shownStep(replies);
      if (last) {
        outcome = step === last ? 'done' : `after the last step: ${step} (${replies[0]?.text})`;
        break;
      }
      const cancelling = ending === 'cancel' && step === 'confirm';
      move = cancelling ? clickOn(data, (e) => e.type === 'CANCEL') : nextMove(step, data, flow);
      if (!move) outcome = `unexpected step ${step} (${replies[0]?.text})`;
      if (step === 'confirm') last = cancelling ? 'idle' : 'done';
      kind = step === 'confirm' && !cancelling ? 'confirming' : 'navigation';
    }
    if (outcome === 'done') done.push(flow);
    else failures.push(`${conversationId} ${flow.companyName} / ${flow.colleagueName}: ${outcome}`);
  }
  return done;
}

/** Runs every conversation at once; resolves when all have finished their flows. */
export async function runAssistantLoad(url: string, plans: ConversationPlan[], label: string, ending: FlowEnding = 'confirm'): Promise<LoadResult> {
  const client = createClient(url, plans.length);
  const times: TurnTimes = { navigation: [], confirming: [] };
  const failures: string[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const done = await Promise.all(plans.map((plan, i) => converse(client, `${label}-${i}`, plan, times, failures, ending)));
  const elapsedMs = performance.now() - started;
  const driverCpuMs = cpuMs(process.cpuUsage(cpu));
  client.close();
  return { times, elapsedMs, driverCpuMs, flowsDone: done.flat().length, completed: done.flat(), failures };
}

/** The echo baseline: the same client, conversations and concurrency, one text message per turn. */
export async function runEchoLoad(url: string, conversations: number, turnsEach: number): Promise<LoadResult> {
  const client = createClient(url, conversations);
  const times: TurnTimes = { navigation: [], confirming: [] };
  const failures: string[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: conversations }, async (_, i) => {
    for (let turn = 0; turn < turnsEach; turn += 1) {
      const sent = performance.now();
      const replies = await client.send(`echo-${i}`, `user-${i}`, { text: `hello ${turn}` });
      times.navigation.push(performance.now() - sent);
      if (replies[0]?.text !== `echo: hello ${turn}`) failures.push(`echo-${i}: ${JSON.stringify(replies[0]?.text)}`);
    }
  }));
  const elapsedMs = performance.now() - started;
  const driverCpuMs = cpuMs(process.cpuUsage(cpu));
  client.close();
  return { times, elapsedMs, driverCpuMs, flowsDone: 0, completed: [], failures };
}

/** One load made of rounds: the turns' times and the counts put together, the time and CPU summed. */
export function joined(loads: LoadResult[]): LoadResult {
  return {
    times: { navigation: loads.flatMap((l) => l.times.navigation), confirming: loads.flatMap((l) => l.times.confirming) },
    elapsedMs: loads.reduce((sum, l) => sum + l.elapsedMs, 0),
    driverCpuMs: loads.reduce((sum, l) => sum + l.driverCpuMs, 0),
    flowsDone: loads.reduce((sum, l) => sum + l.flowsDone, 0),
    completed: loads.flatMap((l) => l.completed),
    failures: loads.flatMap((l) => l.failures),
  };
}
