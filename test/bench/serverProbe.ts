// Preloaded into the server under test (node --import): measures the server's own event loop and memory,
// and answers the benchmark over the IPC channel: 'reset' starts a measured phase, 'stats' ends it.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ServerStats {
  /** Largest event-loop delay seen since the last reset, in milliseconds. */
  maxStallMs: number;
  p99StallMs: number;
  /** Highest resident set size over the process's whole life (start-up included), in MB. */
  peakRssMb: number;
  /** Highest V8 heap in use, sampled every 50 ms since the last reset, in MB. */
  peakHeapMb: number;
  rssMb: number;
}

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
setInterval(sample, 50).unref();

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

process.on('message', (message: unknown) => {
  if (message === 'reset') {
    delay.reset();
    peakHeap = 0;
    sample();
    process.send?.({ kind: 'reset' });
  } else if (message === 'stats') {
    sample();
    const stats: ServerStats = {
      maxStallMs: Math.round((delay.max / 1e6) * 10) / 10,
      p99StallMs: Math.round((delay.percentile(99) / 1e6) * 10) / 10,
      // maxRSS is in kilobytes.
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      peakHeapMb: mb(peakHeap),
      rssMb: mb(process.memoryUsage().rss),
    };
    process.send?.({ kind: 'stats', stats });
  }
});
// The IPC channel must not keep a server alive that was asked to stop.
process.channel?.unref();
