// What `npm start` prints before it listens: no deprecation warning from a dependency (restify 11 loads
// spdy, whose http-deceiver touches process.binding, DEP0111).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../store/helpers.ts';

/** `npm start` until it says it is listening; its own process group, so npm, sh and node stop together. */
function startOutput(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const stop = () => process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`npm start did not listen within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Access Assistant listening on')) return;
      clearTimeout(timer);
      stop();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', async () => {
      clearTimeout(timer);
      // npm is gone; the server is still finishing (its files are in a directory removed after the tests).
      for (let tries = 0; tries < 100 && inGroup(child.pid!); tries += 1) await new Promise((done) => setTimeout(done, 100));
      resolve(output);
    });
  });
}

function inGroup(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('prints no DEP0111 deprecation warning', { timeout: 40_000 }, async () => {
    const output = await startOutput({ DATA_FILE: await tempFile('store.json') });
    expect(output).toContain('Access Assistant listening on');
    // "[DEP0111]" as Node prints it: npm's echo of the start script names the code too.
    expect(output).not.toContain('[DEP0111]');
  });
});
