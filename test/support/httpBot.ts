import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 15_000;

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Signals the process (SIGTERM by default) and resolves with its exit code (null if killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: any;
}

/** Starts `node --import tsx <entry>` on a free port and waits until GET /healthz answers, `startTimeoutMs` at most. */
export async function startServerProcess(
  entry: string,
  env: Record<string, string> = {},
  { startTimeoutMs = START_TIMEOUT_MS }: { startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...inheritedEnv(), ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (exitCode === undefined) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!(await isHealthy(url))) {
    if (exitCode !== undefined) {
      throw new Error(`${entry} exited with code ${exitCode} before answering /healthz. stderr:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`${entry} did not answer /healthz within ${startTimeoutMs} ms. stderr:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, port, pid: child.pid!, stop, output: () => output };
}

/** POSTs an activity to /api/messages; the bot's replies come back in `body.activities`. */
export function sendActivity(
  url: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  const conversationId = `conversation-${randomUUID()}`;
  const full = {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'test',
    serviceUrl: 'http://localhost',
    conversation: { id: conversationId },
    from: { id: 'user-1', name: 'Test User' },
    recipient: { id: 'bot', name: 'Access Assistant' },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
    ...activity,
  };
  return postRaw(url, JSON.stringify(full), headers);
}

/** POSTs any text to /api/messages as JSON, for malformed and oversized bodies. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: parseIfJson(text) };
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await response.text();
    return response.ok;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The parent's environment without Bot Framework credentials, so only `env` decides the mode. */
function inheritedEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('Microsoft')));
}

function parseIfJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
