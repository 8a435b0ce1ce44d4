// Preloaded into the server under test (node --import): measures the server's own event loop and memory,
// and answers the benchmark over the IPC channel: 'reset' starts a measured phase, 'stats' ends it.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ServerStats {
  /** Largest event-loop delay seen since the last reset, in milliseconds. */
  maxStallMs: number;
  p99StallMs: number;
  /** Highest resident set size over the process's whole life (start-up included), in MB. */
  peakRssMb: number;
  /** Highest V8 heap in use, sampled every 50 ms since the last reset, in MB. */
  peakHeapMb: number;
  /** Highest resident set size sampled every 50 ms since the last reset (the run, without start-up), in MB. */
  peakRssInRunMb: number;
  rssMb: number;
  /** CPU time the server used since the last reset (user + system), in milliseconds: unlike throughput, hardly moved by other processes on the machine. */
  cpuMs: number;
  /** Of that, the time in the kernel (system calls: sockets, file writes and flushes). */
  systemCpuMs: number;
  /**
   * Of that, the event loop's thread (Linux: /proc/thread-self; elsewhere undefined). The rest is other
   * threads: V8's garbage-collector and compiler helpers, and libuv's pool (file writes and flushes).
   */
  eventLoopCpuMs?: number;
  /** Garbage collections since the last reset, and their pauses on the event loop. */
  gc: { scavenges: number; scavengeMs: number; fullCollections: number; fullMs: number };
}

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let peakHeap = 0;
let peakRss = 0;
let cpuAtReset = process.cpuUsage();
const sample = () => {
  const { heapUsed, rss } = process.memoryUsage();
  peakHeap = Math.max(peakHeap, heapUsed);
  peakRss = Math.max(peakRss, rss);
};
setInterval(sample, 50).unref();

/** The event loop thread's CPU time in milliseconds (clock ticks of 10 ms), where Linux says it. */
function eventLoopCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
let eventLoopAtReset = eventLoopCpuMs();

const gc = { scavenges: 0, scavengeMs: 0, fullCollections: 0, fullMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.scavenges += 1;
      gc.scavengeMs += entry.duration;
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.fullCollections += 1;
      gc.fullMs += entry.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// BENCH_ALLOCATIONS=<file>: every allocation of the measured phases, sampled, garbage included (for
// finding what keeps the collector busy); open the file in Chrome DevTools' Memory tab.
// BENCH_PROFILE=<file>: a CPU profile of the measured phases only (start-up and warm-up left out).
const { BENCH_ALLOCATIONS: allocationsFile, BENCH_PROFILE: profileFile } = process.env;
const inspector = allocationsFile || profileFile ? new Session() : undefined;
inspector?.connect();
const post = (method: string, params: object = {}) =>
  new Promise<unknown>((resolve, reject) => inspector!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
let phase = 0;

process.on('message', async (message: unknown) => {
  if (message === 'reset' && allocationsFile) {
    await post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  if (message === 'reset' && profileFile) {
    await post('Profiler.enable');
    await post('Profiler.start');
  }
  if (message === 'stats' && allocationsFile) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(`${allocationsFile}.${process.pid}.${phase}.heapprofile`, JSON.stringify(profile));
  }
  if (message === 'stats' && profileFile) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(`${profileFile}.${process.pid}.${phase}.cpuprofile`, JSON.stringify(profile));
  }
  // Marks the measured phases in the server's output, for traces written there (BENCH_SERVER_STDOUT).
  if (message === 'reset' || message === 'stats') console.log(`=== ${message} ${phase}`);
  if (message === 'stats') phase += 1;
  if (message === 'reset') {
    delay.reset();
    peakHeap = 0;
    peakRss = 0;
    cpuAtReset = process.cpuUsage();
    eventLoopAtReset = eventLoopCpuMs();
    Object.assign(gc, { scavenges: 0, scavengeMs: 0, fullCollections: 0, fullMs: 0 });
    sample();
    process.send?.({ kind: 'reset' });
  } else if (message === 'stats') {
    sample();
    const cpu = process.cpuUsage(cpuAtReset);
    const stats: ServerStats = {
      maxStallMs: Math.round((delay.max / 1e6) * 10) / 10,
      p99StallMs: Math.round((delay.percentile(99) / 1e6) * 10) / 10,
      // maxRSS is in kilobytes.
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      peakHeapMb: mb(peakHeap),
      peakRssInRunMb: mb(peakRss),
      rssMb: mb(process.memoryUsage().rss),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      systemCpuMs: Math.round(cpu.system / 1000),
      eventLoopCpuMs: eventLoopAtReset === undefined ? undefined : eventLoopCpuMs()! - eventLoopAtReset,
      gc: { ...gc, scavengeMs: Math.round(gc.scavengeMs), fullMs: Math.round(gc.fullMs) },
    };
    process.send?.({ kind: 'stats', stats });
  }
});
// The IPC channel must not keep a server alive that was asked to stop.
process.channel?.unref();
