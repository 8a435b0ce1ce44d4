// The operator's command as the operator runs it: `node --import tsx src/cli/practice.ts …` in its own
// process, on the store named by DATA_FILE, with what they would type on its standard input.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT_MS = 30_000;

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command to its end; `input` is written to its standard input, which is then closed. */
export function runPractice(args: string[], env: Record<string, string>, input = ''): Promise<CommandRun> {
  return runCommand('src/cli/practice.ts', args, env, input);
}

/** `npm run db:import|db:export -- …`: src/cli/database.ts with its command first. */
export function runDatabaseCommand(args: string[], env: Record<string, string>): Promise<CommandRun> {
  return runCommand('src/cli/database.ts', args, env);
}

function runCommand(entry: string, args: string[], env: Record<string, string>, input = ''): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} ${args.join(' ')} did not finish within ${TIMEOUT_MS} ms:\n${stdout}\n${stderr}`));
    }, TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
