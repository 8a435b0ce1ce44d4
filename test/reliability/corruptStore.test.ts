// A corrupt or unreadable store at start: the server refuses to start, says which file and what is
// wrong, and never overwrites it.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../store/helpers.ts';

function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not refuse to start:\n${output}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const CASES: Array<[string, string, RegExp]> = [
  ['truncated JSON', '{"schemaVersion":1,"practices":[{"id":"demo","na', /not valid JSON|JSON/i],
  ['the wrong shape', '{"schemaVersion":1,"practices":"none"}', /practices/],
  ['an empty file', '', /empty|JSON/i],
];

describe('a store that cannot be read at start', () => {
  for (const [what, content, problem] of CASES) {
    it(`refuses to start on ${what}, naming the file and the problem, and leaves the file as it was`, async () => {
      const file = await tempFile('store.json');
      await writeFile(file, content);
      const { code, output } = await start({ DATA_FILE: file, CONVERSATIONS_FILE: await tempFile('c.json') });
      expect(code).not.toBe(0);
      expect(output).toContain('Access Assistant cannot start');
      expect(output).toContain(file);
      expect(output).toMatch(problem);
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  }

  it('refuses to start when the store is not a readable file', async () => {
    const dir = await tempFile('a-directory');
    await mkdir(dir);
    const { code, output } = await start({ DATA_FILE: dir, CONVERSATIONS_FILE: await tempFile('c.json') });
    expect(code).not.toBe(0);
    expect(output).toContain(dir);
  });

  it('refuses to start on a corrupt conversations file, and leaves it as it was', async () => {
    const conversations = await tempFile('conversations.json');
    await writeFile(conversations, '[1, 2');
    const { code, output } = await start({ DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: conversations });
    expect(code).not.toBe(0);
    expect(output).toContain(conversations);
    expect(await readFile(conversations, 'utf8')).toBe('[1, 2');
  });

  it('refuses to start on a conversations journal with a line that is not a change, and leaves both files as they were', async () => {
    const conversations = await tempFile('conversations.json');
    await writeFile(conversations, '{}');
    await writeFile(`${conversations}.journal`, '{"k":"a","v":{}}\n{"k":"b"}\n');
    const { code, output } = await start({ DATA_FILE: await tempFile('store.json'), CONVERSATIONS_FILE: conversations });
    expect(code).not.toBe(0);
    expect(output).toContain(`${conversations}.journal, line 2`);
    expect(await readFile(conversations, 'utf8')).toBe('{}');
    expect(await readFile(`${conversations}.journal`, 'utf8')).toBe('{"k":"a","v":{}}\n{"k":"b"}\n');
  });
});
