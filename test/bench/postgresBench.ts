// npm run bench -- --engine=postgres [--quick] [--json]: the PostgreSQL engine's goals (issue 21).
// The large practice, and one five times larger, are each copied into a fresh database first (timed apart: the
// import is not the start-up), then served by src/index.ts with DATABASE_URL, each server in its own process.
// On the large practice a server on the JSON store runs the same flows in the same run, the two taking turns in
// rounds (as the JSON benchmark's echo does) so both meet the machine in the same state; then a second instance
// joins the first on the same database, the conversations are shared out between the two, and the database is
// asked whether every change was stored exactly once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseServer, importPractice, storedOnce, type DatabaseServer, type ImportFigures, type StoredOnce } from './benchDatabase.ts';
import type { Company } from '../../src/domain/schema.ts';
import { addUserPlans, conversationPlans } from './flowPlans.ts';
import { FIVE_TIMES_LARGE, generatePractice, LARGE, QUICK_FIVE_TIMES_LARGE, QUICK_LARGE, storedConversations, type PracticeSize } from './generatePractice.ts';
import { joined, runAssistantLoad, type AddUserPlan, type ConversationPlan, type LoadResult } from './loadDriver.ts';
import { figures, formatGoalList, formatRun, machineFigures, type Goal, type RunFigures } from './report.ts';
import { startBenchServer, startFlags, type BenchServer } from './serverProcess.ts';

export interface PostgresBenchOptions {
  quick: boolean;
  json: boolean;
  conversations: number;
  flows: number;
  /** Flows each conversation runs, confirmed, before a server is measured (then it rehearses the run's own). */
  warmUpFlows: number;
  /** Rounds the run on the large practice is cut into, the JSON store's and the database's taken in turn. */
  rounds: number;
  log(line: string): void;
}

/** The goals. */
const START_MS = 2_000;
const PEAK_RSS_MB = 200;
const NAVIGATION_P95_VS_JSON = 2;
const CONFIRMING_P95_MS = 100;
/**
 * Companies the flows leave out: the sentence parser reads "Grant" as the verb (grant access), so typing
 * "Grant Opticians Ltd" does not find that company (a limit of understanding, not of storage; the JSON
 * benchmark's flows happen to meet none of them).
 */
const misread = (company: Company) => /\bgrant\b/i.test(company.name);

interface Practice {
  size: PracticeSize;
  data: ReturnType<typeof generatePractice>;
  counts: NonNullable<RunFigures['practice']>;
}

/** The large practice: the JSON store and the database side by side, then two instances on the database. */
interface LargeFigures {
  imported: ImportFigures;
  json: RunFigures;
  postgres: RunFigures;
  /** The second instance's start, on a database already served by the first. */
  secondStartMs: number;
  twoInstances: RunFigures[];
  storedOnce: StoredOnce;
}

/** The practice five times larger, on the database alone; `run` is missing when its server did not start. */
interface LargerFigures {
  imported: ImportFigures;
  run?: RunFigures;
  startError?: string;
}

/** The server on the demo data alone: what any start and any instance cost, before the practice's size counts. */
interface BootFigures {
  startMs: number;
  peakRssMb: number;
}

export async function benchPostgres(o: PostgresBenchOptions): Promise<number> {
  const started = Date.now();
  const server = await databaseServer();
  let boot: BootFigures;
  let large: LargeFigures;
  let larger: LargerFigures;
  try {
    o.log(`PostgreSQL: ${server.where} (fsync ${server.fsync}); the server on an empty database first…`);
    boot = await measureBoot(server);
    large = await measureLarge(server, o);
    larger = await measureLarger(server, o);
  } finally {
    await server.close();
  }
  const goalList = postgresGoals(large, larger, o.flows);
  const machine = machineFigures();
  const totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  const runs = [large.json, large.postgres, ...large.twoInstances, ...(larger.run ? [larger.run] : [])];

  if (o.json) {
    const database = { where: server.where, fsync: server.fsync };
    console.log(JSON.stringify({ date: new Date().toISOString(), engine: 'postgres', machine, mode: o.quick ? 'quick' : 'full', database, conversations: o.conversations, flows: o.flows, warmUpFlows: o.warmUpFlows, boot, large, fiveTimesLarge: larger, goals: goalList, totalSeconds }, null, 2));
  } else {
    console.log(`Access Assistant benchmark, PostgreSQL engine — ${new Date().toISOString()}${o.quick ? ' — QUICK mode (reduced; not the goals\' measure)' : ''}`);
    console.log(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average at the end ${machine.loadAverageAtEnd}`);
    console.log(`Database: PostgreSQL on ${server.where}, fsync ${server.fsync}, on the same machine`);
    console.log(`Load: ${o.conversations} conversations at once, closed loop over loopback HTTP (deliveryMode expectReplies); ${o.flows} add-user flows each`);
    console.log(`Server: node ${startFlags().join(' ')} (as npm start), in its own process; start-up is from spawning it to /healthz answering 200\n`);
    console.log(`On an empty database (seeded with the demo practice at start): server start ${seconds(boot.startMs)}, peak RSS ${boot.peakRssMb} MB, before any practice's size counts\n`);
    console.log(formatImport('Import, large practice', large.imported));
    for (const run of [large.json, large.postgres, ...large.twoInstances]) console.log(formatRun(run));
    console.log(formatImport('Import, five times larger', larger.imported));
    console.log(larger.run ? formatRun(larger.run) : `PostgreSQL, five times larger: the server did not start\n  ${larger.startError}\n`);
    console.log(formatGoalList(goalList, 60));
    const { problems } = large.storedOnce;
    if (problems.length > 0) console.log(`NOT STORED EXACTLY ONCE (${problems.length}): ${problems.slice(0, 5).join('; ')}\n`);
    console.log(`Total ${totalSeconds} s`);
  }
  // Unmet goals are figures; a flow that failed, a server that would not start or stop, or a change not stored exactly once is a failure.
  const failed = runs.some((run) => run.failures.length > 0 || run.exitCode !== 0) || !larger.run || large.storedOnce.problems.length > 0;
  return failed ? 1 : 0;
}

function practiceOf(size: PracticeSize): Practice {
  const data = generatePractice(size);
  const { companies, colleagues, grants } = data.practices[0];
  return { size, data, counts: { companies: companies.length, colleagues: colleagues.length, grants: grants.length, storedConversations: size.storedConversations ?? 0 } };
}

/** The practice into a fresh database, with its stored conversations. */
async function imported(server: DatabaseServer, practice: Practice, label: string, o: PostgresBenchOptions) {
  const { counts } = practice;
  o.log(`${label}: ${counts.companies} companies, ${counts.colleagues} colleagues, ${counts.grants} grants, ${counts.storedConversations} stored conversations; importing…`);
  const database = await server.fresh(`bench ${label}`);
  const figures = await importPractice(database.url, practice.data, storedConversations(practice.data, counts.storedConversations));
  return { url: database.url, figures };
}

/**
 * Warm-up flows, confirmed, then the run's own flows rehearsed up to the confirm step and cancelled (as the JSON
 * benchmark does); the flows confirmed, and the failures.
 */
async function warmUp(server: BenchServer, warm: ConversationPlan[], run: ConversationPlan[], label: string): Promise<{ completed: AddUserPlan[]; failures: string[] }> {
  const loads = [await runAssistantLoad(server.url, warm, `${label}-warm-up`), await runAssistantLoad(server.url, run, label, 'cancel')];
  return { completed: loads[0].completed, failures: loads.flatMap((load) => load.failures.map((failure) => `warm-up: ${failure}`)) };
}

/** The same flows on each server, in rounds taken in turn (the first server first in even rounds, the other in odd ones). */
async function inRounds(servers: BenchServer[], plans: ConversationPlan[], label: string, o: PostgresBenchOptions): Promise<LoadResult[]> {
  await Promise.all(servers.map((server) => server.reset()));
  const loads: LoadResult[][] = servers.map(() => []);
  const share = (round: number) => Math.round((round * o.flows) / o.rounds);
  for (let round = 0; round < o.rounds; round += 1) {
    const part = plans.map((plan) => ({ ...plan, flows: plan.flows.slice(share(round), share(round + 1)) }));
    const order = servers.map((_, i) => i);
    for (const i of round % 2 === 0 ? order : order.reverse()) loads[i].push(await runAssistantLoad(servers[i].url, part, label));
  }
  return loads.map(joined);
}

async function measureBoot(database: DatabaseServer): Promise<BootFigures> {
  const { url } = await database.fresh('bench demo');
  const server = await startBenchServer('src/index.ts', { DATABASE_URL: url });
  try {
    return { startMs: server.startMs, peakRssMb: (await server.stats()).peakRssMb };
  } finally {
    await server.stop();
  }
}

async function measureLarge(database: DatabaseServer, o: PostgresBenchOptions): Promise<LargeFigures> {
  const practice = practiceOf(o.quick ? QUICK_LARGE : LARGE);
  const { size, data } = practice;
  const n = o.conversations;
  const warmCount = n * o.warmUpFlows;
  const runCount = n * o.flows;
  // Pairs for: the warm-up (the same on both stores), the run (the same on both), the second instance's warm-up, the two instances' run.
  const pairs = addUserPlans(data, 2 * warmCount + 2 * runCount, misread);
  const slice = (from: number, count: number) => pairs.slice(from, from + count);
  const warm = conversationPlans(slice(0, warmCount), size, n, o.warmUpFlows);
  const run = conversationPlans(slice(warmCount, runCount), size, n, o.flows);
  const secondWarm = conversationPlans(slice(warmCount + runCount, warmCount), size, n, o.warmUpFlows);
  const shared = conversationPlans(slice(2 * warmCount + runCount, runCount), size, n, o.flows);

  const { url, figures: importFigures } = await imported(database, practice, 'large', o);
  const dir = await mkdtemp(join(tmpdir(), 'access-bench-pg-'));
  const servers: BenchServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startBenchServer('src/index.ts', env);
    servers.push(server);
    return server;
  };
  try {
    const dataFile = join(dir, 'store.json');
    const conversationsFile = join(dir, 'conversations.json');
    await writeFile(dataFile, JSON.stringify(data));
    await writeFile(conversationsFile, JSON.stringify(storedConversations(data, practice.counts.storedConversations)));
    o.log(`large: the JSON store and the database side by side, ${n} conversations × ${o.flows} add-user flows in ${o.rounds} rounds…`);
    const onJson = await start({ DATA_FILE: dataFile, CONVERSATIONS_FILE: conversationsFile });
    const jsonWarmUp = await warmUp(onJson, warm, run, 'large');
    const first = await start({ DATABASE_URL: url });
    const firstWarmUp = await warmUp(first, warm, run, 'large');
    const [jsonLoad, postgresLoad] = await inRounds([onJson, first], run, 'large', o);
    const [jsonStats, postgresStats] = await Promise.all([onJson.stats(), first.stats()]);
    const jsonExit = await onJson.stop();

    o.log(`large: a second instance on the same database, the conversations shared out between the two…`);
    const second = await start({ DATABASE_URL: url });
    const half = (plans: ConversationPlan[], which: number) => plans.filter((_, i) => i % 2 === which);
    const secondWarmUp = await warmUp(second, secondWarm, half(shared, 1), 'two-instances-b');
    const rehearsal = await runAssistantLoad(first.url, half(shared, 0), 'two-instances-a', 'cancel');
    await Promise.all([first.reset(), second.reset()]);
    const sharedLoads = await Promise.all([runAssistantLoad(first.url, half(shared, 0), 'two-instances-a'), runAssistantLoad(second.url, half(shared, 1), 'two-instances-b')]);
    const sharedStats = await Promise.all([first.stats(), second.stats()]);
    const exitCodes = [await first.stop(), await second.stop()];
    const confirmed = [firstWarmUp, postgresLoad, secondWarmUp, ...sharedLoads].flatMap((load) => load.completed);
    const once = await storedOnce(url, data.practices[0].id, confirmed);

    const title = (what: string) => `${what}, large practice${o.quick ? ' (quick: a tenth of the size)' : ''}`;
    const runFigures = (name: string, load: LoadResult, server: BenchServer, stats: RunFigures['server'], failures: string[], exitCode: number | null, conversations = n): RunFigures => ({
      ...figures(name, load, server, stats, true),
      practice: practice.counts, conversations, flowsDone: load.flowsDone, failures: [...failures, ...load.failures], exitCode,
    });
    return {
      imported: importFigures,
      json: runFigures(title('JSON store'), jsonLoad, onJson, jsonStats, jsonWarmUp.failures, jsonExit),
      postgres: runFigures(title('PostgreSQL, one instance'), postgresLoad, first, postgresStats, firstWarmUp.failures, exitCodes[0]),
      secondStartMs: second.startMs,
      twoInstances: [
        runFigures(title('PostgreSQL, two instances on one database: the first'), sharedLoads[0], first, sharedStats[0], rehearsal.failures.map((failure) => `warm-up: ${failure}`), exitCodes[0], half(shared, 0).length),
        runFigures(title('PostgreSQL, two instances on one database: the second'), sharedLoads[1], second, sharedStats[1], secondWarmUp.failures, exitCodes[1], half(shared, 1).length),
      ],
      storedOnce: once,
    };
  } finally {
    for (const server of servers) await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureLarger(database: DatabaseServer, o: PostgresBenchOptions): Promise<LargerFigures> {
  const practice = practiceOf(o.quick ? QUICK_FIVE_TIMES_LARGE : FIVE_TIMES_LARGE);
  const n = o.conversations;
  const pairs = addUserPlans(practice.data, n * (o.warmUpFlows + o.flows), misread);
  const warm = conversationPlans(pairs.slice(0, n * o.warmUpFlows), practice.size, n, o.warmUpFlows);
  const run = conversationPlans(pairs.slice(n * o.warmUpFlows), practice.size, n, o.flows);
  const { url, figures: importFigures } = await imported(database, practice, 'five times larger', o);
  let server: BenchServer;
  try {
    server = await startBenchServer('src/index.ts', { DATABASE_URL: url });
  } catch (error) {
    const lines = (error as Error).message.trim().split('\n');
    return { imported: importFigures, startError: [lines[0], ...lines.slice(1).slice(-3)].join(' … ') };
  }
  try {
    o.log(`five times larger: ${n} conversations × ${o.flows} add-user flows…`);
    const warmedUp = await warmUp(server, warm, run, 'larger');
    await server.reset();
    const load = await runAssistantLoad(server.url, run, 'larger');
    const stats = await server.stats();
    const exitCode = await server.stop();
    const name = `PostgreSQL, five times larger${o.quick ? ' (quick: a tenth of the size)' : ''}`;
    return {
      imported: importFigures,
      run: { ...figures(name, load, server, stats, true), practice: practice.counts, conversations: n, flowsDone: load.flowsDone, failures: [...warmedUp.failures, ...load.failures], exitCode },
    };
  } finally {
    await server.stop();
  }
}

const seconds = (ms: number) => `${Math.round(ms / 10) / 100} s`;

function postgresGoals(large: LargeFigures, larger: LargerFigures, flows: number): Goal[] {
  const largeStarts = [large.postgres.startMs, large.secondStartMs];
  // The probe's peak is the process's whole life: read last, after the two instances' run.
  const largePeaks = large.twoInstances.map((run) => run.server.peakRssMb);
  const largerStart = larger.run ? seconds(larger.run.startMs) : 'did not start';
  const largerPeak = larger.run ? `${larger.run.server.peakRssMb} MB` : 'did not start';
  const navigation = { json: large.json.latencyMs.navigation.p95, postgres: large.postgres.latencyMs.navigation.p95 };
  const ratio = Math.round((navigation.postgres / navigation.json) * 100) / 100;
  const confirming = large.postgres.latencyMs.confirming?.p95 ?? Infinity;
  const { confirmed, exactlyOnce, problems } = large.storedOnce;
  const twoInstancesDone = large.twoInstances.every((run) => run.failures.length === 0 && run.flowsDone === run.conversations * flows);
  return [
    { goal: `start-up to healthy < ${START_MS / 1000} s (large: first instance, second)`, measured: largeStarts.map(seconds).join(', '), met: largeStarts.every((ms) => ms < START_MS) },
    { goal: `start-up to healthy < ${START_MS / 1000} s (five times larger)`, measured: largerStart, met: (larger.run?.startMs ?? Infinity) < START_MS },
    { goal: `peak memory < ${PEAK_RSS_MB} MB (large: first instance, second)`, measured: largePeaks.map((mb) => `${mb} MB`).join(', '), met: largePeaks.every((mb) => mb < PEAK_RSS_MB) },
    { goal: `peak memory < ${PEAK_RSS_MB} MB (five times larger)`, measured: largerPeak, met: (larger.run?.server.peakRssMb ?? Infinity) < PEAK_RSS_MB },
    { goal: `navigation p95 ≤ ${NAVIGATION_P95_VS_JSON}× the JSON store's (large)`, measured: `${ratio}× (${navigation.postgres} ms against ${navigation.json} ms)`, met: ratio <= NAVIGATION_P95_VS_JSON },
    { goal: `confirming p95 < ${CONFIRMING_P95_MS} ms (large, PostgreSQL)`, measured: `${confirming} ms`, met: confirming < CONFIRMING_P95_MS },
    {
      goal: 'two instances, one database: each change stored once',
      measured: `${exactlyOnce} of ${confirmed} confirmed flows: one grant and one audit entry each${twoInstancesDone ? '' : '; flows failed'}`,
      met: problems.length === 0 && twoInstancesDone,
    },
  ];
}

function formatImport(title: string, figures: ImportFigures): string {
  return `${title}\n  practice ${seconds(figures.practiceMs)} (migrated, then inserted as db:import does), ${figures.conversations.toLocaleString('en-GB')} stored conversations ${seconds(figures.conversationsMs)}; database ${figures.databaseMb} MB\n`;
}
