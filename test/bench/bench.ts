// npm run bench [-- --quick] [-- --json] [-- --conversations=50] [-- --flows=8] [-- --engine=postgres]
// (--engine=postgres: the PostgreSQL engine's goals, issue 21, measured by postgresBench.ts.)
// Measures, in one run on one machine: the echo baseline, then the assistant (built by src/index.ts) on a
// generated small and large practice, each in its own server process on a temporary store, under the
// same closed-loop load (every conversation sends its next turn as soon as the previous one is answered).
// The echo is measured in rounds taken in turn with each practice's (echo, assistant, assistant, echo…),
// so both meet the machine in the same state: on a shared machine, speed drifts by a third within a minute.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePractice, LARGE, QUICK_LARGE, SMALL, storedConversations } from './generatePractice.ts';
import { addUserPlans, conversationPlans } from './flowPlans.ts';
import { joined, runAssistantLoad, runEchoLoad, type ConversationPlan, type LoadResult } from './loadDriver.ts';
import { figures, formatGoals, formatRun, goals, machineFigures, percentiles, ratios, type RunFigures } from './report.ts';
import { measureTurnWork } from './turnWork.ts';
import { measureUnderstanding } from './understanding.ts';
import { startBenchServer, startFlags, type BenchServer } from './serverProcess.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  const value = found ? Number(found.split('=')[1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number from 1`);
  return value;
};
const quick = args.includes('--quick');
const json = args.includes('--json');
const conversations = option('conversations', quick ? 10 : 50);
const flows = option('flows', quick ? 2 : 8);
const engine = args.find((arg) => arg.startsWith('--engine='))?.slice('--engine='.length) ?? 'json';
if (engine !== 'json' && engine !== 'postgres') throw new Error('--engine must be json (the default) or postgres');
const sizes = { small: SMALL, large: quick ? QUICK_LARGE : LARGE };
/**
 * The echo's adapter: botbuilder's CloudAdapter as shipped (the baseline of the goals), or with
 * BENCH_ECHO_ADAPTER=lean with the assistant's reused outbound clients (src/bot/reusedClients.ts), for comparison.
 */
const echoAdapter = process.env.BENCH_ECHO_ADAPTER === 'lean' ? 'lean' : 'stock';
const ECHO_STACK = echoAdapter === 'lean' ? "CloudAdapter with the assistant's reused outbound clients, on restify" : 'CloudAdapter on restify';
/** The echo's turns per conversation for each of the assistant's flows (about as many turns as a flow). */
const ECHO_TURNS_PER_FLOW = 9;
// Warm-up before each measured run, so V8 has compiled the hot code (its compiler works on other
// threads, which the run would otherwise be charged for): the assistant runs WARM_UP_FLOWS flows of
// its own, then rehearses the run's flows, leaving each at the confirm step (so they add nothing and
// their company–colleague pairs stay free for the run); the echo as many turns.
const WARM_UP_FLOWS = quick ? 1 : 3;
const ECHO_WARM_UP_TURNS_EACH = ECHO_TURNS_PER_FLOW * (WARM_UP_FLOWS + flows);
/** Rounds each practice's run is cut into, the echo's taken in turn with them. */
const ROUNDS = Math.min(4, flows);
/** Flows the in-process measure of the assistant's own work runs before it counts. */
const IN_PROCESS_WARM_UP_FLOWS = quick ? 2 : 50;
/** A second, light load on the same server: what a turn costs when turns do not queue behind each other. */
const LIGHT_CONVERSATIONS = quick ? 2 : 5;
/** Typed requests timed one by one through the sentence parser (understanding.ts), after as many calls' warm-up. */
const SENTENCES = quick ? 100 : 500;
const SENTENCE_WARM_UP = quick ? 100 : 200;

const log = (line: string) => {
  if (!json) console.error(line);
};

/** Sizes of the files whose names start with `prefix` (the store's, or the conversations'). */
async function bytesIn(dir: string, prefix: string): Promise<Record<string, number>> {
  const files: Record<string, number> = {};
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix)) files[name] = (await stat(join(dir, name))).size;
  }
  return files;
}
const sum = (files: Record<string, number>) => Object.values(files).reduce((a, b) => a + b, 0);

/** The echo server, up for the whole benchmark and warmed up; measured in rounds beside each practice. */
async function startEcho(): Promise<BenchServer> {
  const server = await startBenchServer('test/support/echoServer.ts', { ECHO_TURN_LOG: 'off', ECHO_ADAPTER: echoAdapter });
  await runEchoLoad(server.url, conversations, ECHO_WARM_UP_TURNS_EACH);
  return server;
}

/**
 * The practice's flows and the echo's turns in ROUNDS rounds taken in turn (echo first in even rounds,
 * the assistant first in odd ones); each conversation goes on with its next flows in the next round.
 */
async function inRounds(server: BenchServer, echo: BenchServer, plans: ConversationPlan[], label: string) {
  await Promise.all([server.reset(), echo.reset()]);
  const assistantLoads: LoadResult[] = [];
  const echoLoads: LoadResult[] = [];
  const share = (round: number) => Math.round((round * flows) / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    const part = plans.map((plan) => ({ ...plan, flows: plan.flows.slice(share(round), share(round + 1)) }));
    const runEcho = async () => echoLoads.push(await runEchoLoad(echo.url, conversations, ECHO_TURNS_PER_FLOW * (share(round + 1) - share(round))));
    const runAssistant = async () => assistantLoads.push(await runAssistantLoad(server.url, part, label));
    for (const run of round % 2 === 0 ? [runEcho, runAssistant] : [runAssistant, runEcho]) await run();
  }
  const [stats, echoStats] = await Promise.all([server.stats(), echo.stats()]);
  return { load: joined(assistantLoads), stats, echo: figures(`Echo baseline (${ECHO_STACK}, no state), in rounds beside the ${label} practice's`, joined(echoLoads), echo, echoStats, false) };
}

async function measureAssistant(label: 'small' | 'large', echoServer: BenchServer): Promise<{ run: RunFigures; echo: RunFigures }> {
  const size = sizes[label];
  const dir = await mkdtemp(join(tmpdir(), `access-bench-${label}-`));
  try {
    const data = generatePractice(size);
    const practice = data.practices[0];
    const dataFile = join(dir, 'store.json');
    await writeFile(dataFile, JSON.stringify(data));
    const pairs = addUserPlans(data, (conversations + LIGHT_CONVERSATIONS) * flows + conversations * WARM_UP_FLOWS);
    const counts = {
      companies: practice.companies.length, colleagues: practice.colleagues.length, grants: practice.grants.length,
      storedConversations: size.storedConversations ?? 0,
    };
    log(`${label}: ${counts.companies} companies, ${counts.colleagues} colleagues, ${counts.grants} grants, ${counts.storedConversations} stored conversations; ${conversations} conversations × ${flows} add-user flows…`);
    const atStart = (await stat(dataFile)).size;
    const conversationsFile = 'conversations.json';
    await writeFile(join(dir, conversationsFile), JSON.stringify(storedConversations(data, size.storedConversations ?? 0)));
    const conversationsAtStart = (await stat(join(dir, conversationsFile))).size;
    const server = await startBenchServer('src/index.ts', { DATA_FILE: dataFile, CONVERSATIONS_FILE: join(dir, conversationsFile) });
    try {
      const warmUp = conversationPlans(pairs.slice(-conversations * WARM_UP_FLOWS), size, conversations, WARM_UP_FLOWS);
      const measuredPlans = conversationPlans(pairs, size, conversations, flows);
      const warm = await runAssistantLoad(server.url, warmUp, `${label}-warm-up`);
      // The run's own flows once through, left at the confirm step: every path the run takes has been compiled.
      const rehearsal = await runAssistantLoad(server.url, measuredPlans, `${label}-rehearsal`, 'cancel');
      const { load, stats, echo } = await inRounds(server, echoServer, measuredPlans, label);
      await server.reset();
      const lightPairs = pairs.slice(conversations * flows);
      const lightLoad = await runAssistantLoad(server.url, conversationPlans(lightPairs, size, LIGHT_CONVERSATIONS, flows), `${label}-light`);
      const lightStats = await server.stats();
      const files = await bytesIn(dir, 'store.json');
      const conversationFiles = await bytesIn(dir, conversationsFile);
      const exitCode = await server.stop();
      const afterStop = sum(await bytesIn(dir, 'store.json'));
      // The same flows once more, in this process, on a fresh copy of the practice: the assistant's own work.
      log(`${label}: the assistant's own work, in process…`);
      const ownWork = await measureTurnWork(data, pairs.slice(0, conversations * flows), size.admins, IN_PROCESS_WARM_UP_FLOWS);
      log(`${label}: understanding ${SENTENCES} typed requests, in process…`);
      const understanding = await measureUnderstanding(data, practice.id, SENTENCES, { warmUp: SENTENCE_WARM_UP });
      const title = label === 'small' ? 'Assistant, small practice' : `Assistant, large practice${quick ? ' (quick: a tenth of the size)' : ''}`;
      const run: RunFigures = {
        ...figures(title, load, server, stats, true),
        practice: counts,
        conversations,
        storeBytes: { atStart, afterRun: sum(files), afterStop, files },
        conversationBytes: { atStart: conversationsAtStart, afterRun: sum(conversationFiles), files: conversationFiles },
        flowsDone: load.flowsDone,
        ownWork,
        understanding,
        light: {
          conversations: LIGHT_CONVERSATIONS,
          turnsPerSecond: (lightLoad.times.navigation.length + lightLoad.times.confirming.length) / (lightLoad.elapsedMs / 1000),
          latencyMs: { navigation: percentiles(lightLoad.times.navigation), confirming: percentiles(lightLoad.times.confirming) },
          maxStallMs: lightStats.maxStallMs,
        },
        failures: [...[...warm.failures, ...rehearsal.failures].map((f) => `warm-up: ${f}`), ...load.failures, ...lightLoad.failures.map((f) => `light load: ${f}`)],
        exitCode,
      };
      return { run, echo: { ...echo, conversations, exitCode: 0 } };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The echo and both practices on the JSON store; the exit code: 1 when a flow or a server failed. */
async function benchJsonStore(): Promise<number> {
  const started = Date.now();
  log(`echo: ${conversations} conversations, ${ECHO_TURNS_PER_FLOW} turns each for each of the assistant's flows, in ${ROUNDS} rounds beside each practice's…`);
  const echoServer = await startEcho();
  let measured: { small: Awaited<ReturnType<typeof measureAssistant>>; large: Awaited<ReturnType<typeof measureAssistant>> };
  try {
    measured = { small: await measureAssistant('small', echoServer), large: await measureAssistant('large', echoServer) };
  } finally {
    await echoServer.stop();
  }
  const echoExit = await echoServer.stop();
  const { run: small, echo: echoWithSmall } = measured.small;
  const { run: large } = measured.large;
  // The echo beside the large practice is the baseline of the goals; the small practice is compared with the echo beside it.
  const echo = { ...measured.large.echo, exitCode: echoExit };
  const r = ratios(echo, small, large, echoWithSmall);
  const goalList = goals(small, large, r);
  const machine = machineFigures();
  const totalSeconds = Math.round((Date.now() - started) / 100) / 10;

  if (json) {
    console.log(JSON.stringify({ date: new Date().toISOString(), machine, mode: quick ? 'quick' : 'full', echoAdapter, conversations, flows, echo, echoWithSmall: { ...echoWithSmall, exitCode: echoExit }, small, large, ratios: r, goals: goalList, totalSeconds }, null, 2));
  } else {
    console.log(`Access Assistant benchmark — ${new Date().toISOString()}${quick ? ' — QUICK mode (reduced; not the goals\' measure)' : ''}`);
    console.log(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average at the end ${machine.loadAverageAtEnd}`);
    console.log(`Load: ${conversations} conversations at once, closed loop over loopback HTTP (deliveryMode expectReplies); ${flows} add-user flows each`);
    console.log(`Server: node ${startFlags().join(' ')} (as npm start), in its own process`);
    console.log(`Echo: ${ECHO_STACK}${echoAdapter === 'lean' ? " (BENCH_ECHO_ADAPTER=lean: not the goals' baseline, the stock stack)" : ', as botbuilder ships it'}\n`);
    for (const run of [echoWithSmall, small, echo, large]) console.log(formatRun(run));
    console.log(formatGoals(r, goalList));
    console.log(`Total ${totalSeconds} s`);
  }
  const failed = [echo, echoWithSmall, small, large].some((run) => run.failures.length > 0 || run.exitCode !== 0);
  return failed ? 1 : 0;
}

if (engine === 'postgres') {
  const { benchPostgres } = await import('./postgresBench.ts');
  process.exitCode = await benchPostgres({ quick, json, conversations, flows, warmUpFlows: WARM_UP_FLOWS, rounds: ROUNDS, log });
} else {
  process.exitCode = await benchJsonStore();
}
