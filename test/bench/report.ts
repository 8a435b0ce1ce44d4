// Figures from the raw turn times, the goals of issue 6, and the printed report.
import { cpus, loadavg, totalmem } from 'node:os';
import type { LoadResult } from './loadDriver.ts';
import type { ServerStats } from './serverProbe.ts';
import { startFlags, type BenchServer } from './serverProcess.ts';
import type { TurnWork } from './turnWork.ts';
import type { UnderstandingFigures } from './understanding.ts';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface RunFigures {
  name: string;
  practice?: { companies: number; colleagues: number; grants: number; storedConversations: number };
  conversations: number;
  startMs: number;
  elapsedMs: number;
  turnsPerSecond: number;
  /** Navigation turns done per second of the run (the confirming turns' time counts against it). */
  navigationTurnsPerSecond: number;
  /** The server's CPU time per turn (user + system). */
  cpuMsPerTurn: number;
  /** The load driver's own CPU per turn: it runs on the same machine. */
  driverCpuMsPerTurn: number;
  latencyMs: { navigation: Percentiles; confirming?: Percentiles };
  server: ServerStats;
  /** Bytes on disk: the store as generated, then after the run (snapshot plus journal, if any). */
  storeBytes?: { atStart: number; afterRun: number; afterStop: number; files: Record<string, number> };
  /** The conversation store's file after the run (every conversation's flow snapshot). */
  conversationBytes?: { atStart: number; afterRun: number; files: Record<string, number> };
  flowsDone?: number;
  /** The same flows run in the benchmark's process, no HTTP or Bot Framework: the assistant's own work. */
  ownWork?: TurnWork;
  /** Typed requests read by the sentence parser in the benchmark's process, each timed alone. */
  understanding?: UnderstandingFigures;
  /** The same server under a light load afterwards: turns barely queue behind one another. */
  light?: { conversations: number; turnsPerSecond: number; latencyMs: { navigation: Percentiles; confirming: Percentiles }; maxStallMs: number };
  failures: string[];
  exitCode: number | null;
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

/** The machine the benchmark ran on, and the servers' Node options. */
export function machineFigures() {
  return {
    cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version, platform: `${process.platform} ${process.arch}`, serverOptions: startFlags().join(' '),
    /** Other work on the machine while the benchmark ran shows here: throughput is measured in wall time. */
    loadAverageAtEnd: Math.round(loadavg()[0] * 100) / 100,
  };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentiles, in milliseconds. */
export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]));
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/** A run's figures from its turns' times and the server's own measures (`confirming`: the run has confirming turns). */
export function figures(name: string, load: LoadResult, server: Pick<BenchServer, 'startMs'>, stats: ServerStats, confirming: boolean): Omit<RunFigures, 'exitCode'> {
  const turns = load.times.navigation.length + load.times.confirming.length;
  return {
    name,
    conversations: 0,
    startMs: server.startMs,
    elapsedMs: load.elapsedMs,
    turnsPerSecond: turns / (load.elapsedMs / 1000),
    navigationTurnsPerSecond: load.times.navigation.length / (load.elapsedMs / 1000),
    cpuMsPerTurn: stats.cpuMs / turns,
    driverCpuMsPerTurn: load.driverCpuMs / turns,
    latencyMs: {
      navigation: percentiles(load.times.navigation),
      ...(confirming ? { confirming: percentiles(load.times.confirming) } : {}),
    },
    server: stats,
    failures: load.failures,
  };
}

/** `echo` was measured beside the large practice, `echoWithSmall` beside the small one. */
export function ratios(echo: RunFigures, small: RunFigures, large: RunFigures, echoWithSmall = echo) {
  const p95 = (run: RunFigures, kind: 'navigation' | 'confirming') => run.latencyMs[kind]?.p95 ?? 0;
  return {
    smallThroughputVsEcho: round(small.turnsPerSecond / echoWithSmall.turnsPerSecond, 3),
    largeThroughputVsEcho: round(large.turnsPerSecond / echo.turnsPerSecond, 3),
    largeNavigationThroughputVsEcho: round(large.navigationTurnsPerSecond / echo.turnsPerSecond, 3),
    largeVsSmallNavigationP95: round(p95(large, 'navigation') / p95(small, 'navigation'), 2),
    largeVsSmallConfirmingP95: round(p95(large, 'confirming') / p95(small, 'confirming'), 2),
    /** Echo's CPU per turn over the assistant's: the throughput ratio a machine to itself would give. */
    largeCpuPerTurnVsEcho: round(echo.cpuMsPerTurn / large.cpuMsPerTurn, 3),
  };
}

export function goals(small: RunFigures, large: RunFigures, r: ReturnType<typeof ratios>): Goal[] {
  const confirming = (run: RunFigures) => run.latencyMs.confirming?.p95 ?? Infinity;
  const understanding = large.understanding?.p95 ?? Infinity;
  return [
    { goal: 'navigation turns ≥ 50% of echo throughput (large)', measured: `${round(r.largeNavigationThroughputVsEcho * 100)}%`, met: r.largeNavigationThroughputVsEcho >= 0.5 },
    { goal: 'navigation p95 large ≤ 2× small', measured: `${r.largeVsSmallNavigationP95}×`, met: r.largeVsSmallNavigationP95 <= 2 },
    { goal: 'confirming p95 large ≤ 2× small', measured: `${r.largeVsSmallConfirmingP95}×`, met: r.largeVsSmallConfirmingP95 <= 2 },
    { goal: 'no event-loop stall over 50 ms (large run)', measured: `${large.server.maxStallMs} ms`, met: large.server.maxStallMs <= 50 },
    { goal: 'confirming p95 < 100 ms (small and large)', measured: `${confirming(small)} / ${confirming(large)} ms`, met: confirming(small) < 100 && confirming(large) < 100 },
    { goal: 'peak memory < 300 MB (large)', measured: `${large.server.peakRssMb} MB`, met: large.server.peakRssMb < 300 },
    { goal: 'understanding a sentence p95 < 5 ms (large)', measured: `${understanding} ms`, met: understanding < 5 },
  ];
}

const mb = (bytes: number) => `${round(bytes / 1024 / 1024, 2)} MB`;
const pad = (text: string | number, width: number) => String(text).padStart(width);

function latencyLine(label: string, p: Percentiles | undefined): string {
  if (!p) return '';
  return `  ${label.padEnd(22)} p50 ${pad(p.p50, 7)} ms   p95 ${pad(p.p95, 7)} ms   p99 ${pad(p.p99, 7)} ms   (${p.count} turns)\n`;
}

export function formatRun(run: RunFigures): string {
  const practice = run.practice
    ? ` — ${run.practice.companies.toLocaleString('en-GB')} companies, ${run.practice.colleagues} colleagues, ${run.practice.grants.toLocaleString('en-GB')} grants, ${run.practice.storedConversations.toLocaleString('en-GB')} stored conversations`
    : '';
  let text = `${run.name}${practice}\n`;
  text += `  conversations          ${run.conversations}${run.flowsDone !== undefined ? `, ${run.flowsDone} add-user flows completed` : ''}, run ${round(run.elapsedMs / 1000, 2)} s, server start ${round(run.startMs / 1000, 2)} s\n`;
  text += `  throughput             ${round(run.turnsPerSecond)} turns/s`;
  text += run.latencyMs.confirming ? ` (navigation ${round(run.navigationTurnsPerSecond)} turns/s)\n` : '\n';
  const turns = run.latencyMs.navigation.count + (run.latencyMs.confirming?.count ?? 0);
  text += `  server CPU             ${round(run.cpuMsPerTurn, 2)} ms per turn, system ${round(run.server.systemCpuMs / turns, 2)} ms of it (load driver: ${round(run.driverCpuMsPerTurn, 2)} ms per turn)\n`;
  const { gc, eventLoopCpuMs, cpuMs } = run.server;
  if (eventLoopCpuMs !== undefined) {
    text += `  CPU by thread          event loop ${round(eventLoopCpuMs / turns, 2)} ms per turn, other threads ${round((cpuMs - eventLoopCpuMs) / turns, 2)} ms (V8's collector and compiler helpers, file flushes)\n`;
  }
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  text += `  garbage collection     ${count(gc.scavenges, 'scavenge')} (${gc.scavengeMs} ms of pauses), ${count(gc.fullCollections, 'full collection')} (${gc.fullMs} ms)\n`;
  text += latencyLine(run.latencyMs.confirming ? 'navigation turns' : 'turns', run.latencyMs.navigation);
  text += latencyLine('confirming turns', run.latencyMs.confirming);
  text += `  event loop             largest stall ${run.server.maxStallMs} ms, p99 delay ${run.server.p99StallMs} ms\n`;
  text += `  memory                 peak RSS ${run.server.peakRssMb} MB (whole process life; ${run.server.peakRssInRunMb} MB during the run), peak heap in run ${run.server.peakHeapMb} MB\n`;
  if (run.storeBytes) {
    const files = Object.entries(run.storeBytes.files).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ');
    text += `  store on disk          at start ${mb(run.storeBytes.atStart)}, after the run ${mb(run.storeBytes.afterRun)} (${files}), after stop ${mb(run.storeBytes.afterStop)}\n`;
    if (run.conversationBytes !== undefined) {
      const { atStart, afterRun, files } = run.conversationBytes;
      const names = Object.entries(files).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ');
      text += `  conversations on disk  at start ${mb(atStart)}, after the run ${mb(afterRun)} (${names})\n`;
    }
  }
  if (run.light) {
    const { light } = run;
    text += `  at light load          ${light.conversations} conversations: ${round(light.turnsPerSecond)} turns/s; p95 navigation ${light.latencyMs.navigation.p95} ms, confirming ${light.latencyMs.confirming.p95} ms; largest stall ${light.maxStallMs} ms\n`;
  }
  if (run.ownWork) {
    const { ownWork } = run;
    text += `  own work, in process   ${round(ownWork.cpuMsPerTurn, 2)} ms CPU per turn (system ${round(ownWork.systemMsPerTurn, 2)} ms): the turn handler and the card, one conversation at a time, no HTTP or Bot Framework (${ownWork.turns} turns)\n`;
  }
  if (run.understanding) {
    const u = run.understanding;
    text += `  understanding          p50 ${pad(u.p50, 7)} ms   p95 ${pad(u.p95, 7)} ms   p99 ${pad(u.p99, 7)} ms   max ${u.max} ms   (${u.count} typed requests, in process; company found in ${u.companiesFound} of ${u.companySentences})\n`;
    text += `                         CPU p50 ${pad(u.cpuP50, 7)} ms   CPU p95 ${pad(u.cpuP95, 7)} ms\n`;
  }
  if (run.failures.length > 0) text += `  FAILURES (${run.failures.length}): ${run.failures.slice(0, 3).join('; ')}\n`;
  if (run.exitCode !== 0) text += `  server exit code on SIGTERM: ${run.exitCode}\n`;
  return text;
}

export function formatGoals(r: ReturnType<typeof ratios>, list: Goal[]): string {
  let text = 'Ratios\n';
  text += `  assistant / echo throughput   small ${r.smallThroughputVsEcho}, large ${r.largeThroughputVsEcho} (navigation turns, large: ${r.largeNavigationThroughputVsEcho})\n`;
  text += `  large p95 / small p95         navigation ${r.largeVsSmallNavigationP95}, confirming ${r.largeVsSmallConfirmingP95}\n`;
  text += `  echo CPU / assistant CPU per turn (large)   ${r.largeCpuPerTurnVsEcho}\n`;
  return text + formatGoalList(list);
}

/** The goals, met or NOT MET, with what was measured. */
export function formatGoalList(list: Goal[], width = 52): string {
  let text = 'Goals\n';
  for (const g of list) text += `  ${g.met ? 'met    ' : 'NOT MET'}  ${g.goal.padEnd(width)} ${g.measured}\n`;
  return text;
}
