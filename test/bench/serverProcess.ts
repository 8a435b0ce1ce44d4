// The server under test in its own process, so its event loop and memory are measured apart from the
// load driver's: `node --import tsx --import serverProbe.ts <entry>`, with an IPC channel to the probe.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerStats } from './serverProbe.ts';
import { freePort, isHealthy } from '../support/httpBot.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./serverProbe.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;

/**
 * Node's options as `npm start` gives them (V8's heap ceiling, tsx), read from package.json so the
 * server measured is launched as it is run; the echo baseline gets the same.
 */
export function startFlags(): string[] {
  const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;
  const [node, ...rest] = scripts.start.split(/\s+/);
  if (node !== 'node' || rest.at(-1) !== 'src/index.ts') throw new Error(`npm start is not "node <options> src/index.ts": ${scripts.start}`);
  return rest.slice(0, -1);
}

export interface BenchServer {
  url: string;
  /** From spawning to the first answer of GET /healthz. */
  startMs: number;
  /** Starts a measured phase: the event-loop histogram and peak heap start again. */
  reset(): Promise<void>;
  stats(): Promise<ServerStats>;
  /** SIGTERM (a graceful stop), then the exit code. */
  stop(): Promise<number | null>;
  stderr(): string;
}

export async function startBenchServer(entry: string, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const started = performance.now();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('Microsoft')));
  // e.g. BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under load (after npm start's options: they win);
  // BENCH_SERVER_STDOUT=<prefix> keeps each server's output in <prefix>.<entry>.<port> (e.g. with --trace-opt --trace-deopt).
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const stdout = process.env.BENCH_SERVER_STDOUT;
  const child = spawn(process.execPath, [...startFlags(), ...flags, '--import', PROBE, entry], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env, PORT: String(port) },
    stdio: ['ignore', stdout ? openSync(`${stdout}.${entry.replace(/\W/g, '_')}.${port}`, 'w') : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = once(child, 'exit').then(([code]) => (exitCode = code as number | null));

  const ask = async <T>(message: string, kind: string): Promise<T> => {
    const answer = new Promise<T>((resolve) => {
      const listen = (reply: { kind: string; stats?: T }) => {
        if (reply.kind !== kind) return;
        child.off('message', listen);
        resolve(reply.stats as T);
      };
      child.on('message', listen);
    });
    child.send(message);
    return answer;
  };

  const url = `http://127.0.0.1:${port}`;
  while (!(await isHealthy(url))) {
    if (exitCode !== undefined) throw new Error(`${entry} exited (${exitCode}) before answering /healthz:\n${stderr}`);
    if (performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not answer /healthz within ${START_TIMEOUT_MS} ms:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    startMs: performance.now() - started,
    reset: () => ask<void>('reset', 'reset'),
    stats: () => ask<ServerStats>('stats', 'stats'),
    stop: async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(timer);
      }
      return exitCode ?? null;
    },
    stderr: () => stderr,
  };
}
