// A corrupt, unreadable or unwritable store at start: the server refuses to start, says which file and
// what is wrong, and never overwrites it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  ['an empty list of practices', '{"schemaVersion":1,"practices":[]}', /practices: the list is empty.*restore .* from a backup, or remove it/],
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

// Writing to /dev/full fails with ENOSPC, even for root: the snapshot's temporary file pointed at it is a full disk.
const fullDisk = (file: string) => symlink('/dev/full', join(dirname(file), `.${basename(file)}.tmp`));

describe.skipIf(!existsSync('/dev/full'))('a restart on a full disk', () => {
  it('refuses to start when the store journal cannot be folded in, naming the store file and the cause, and leaves both files as they were', async () => {
    const file = await tempFile('store.json');
    await copyFile('data/demo.json', file);
    const journal = '{"practiceId":"demo","ops":[{"op":"delete","list":"grants","id":"gone"}]}\n';
    await writeFile(`${file}.journal`, journal);
    const before = await readFile(file, 'utf8');
    await fullDisk(file);
    const { code, output } = await start({ DATA_FILE: file, CONVERSATIONS_FILE: await tempFile('c.json') });
    expect(code).not.toBe(0);
    expect(output).toContain(`Access Assistant cannot start: could not write ${file}: no space left on device (ENOSPC)`);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(journal);
  });

  it('refuses to start when the conversations journal cannot be folded in, naming the conversations file', async () => {
    const store = await tempFile('store.json');
    await copyFile('data/demo.json', store);
    const conversations = await tempFile('conversations.json');
    await writeFile(conversations, '{}');
    // A torn last line: the start folds the journal in to cut it off.
    await writeFile(`${conversations}.journal`, '{"k":');
    await fullDisk(conversations);
    const { code, output } = await start({ DATA_FILE: store, CONVERSATIONS_FILE: conversations });
    expect(code).not.toBe(0);
    expect(output).toContain(`Access Assistant cannot start: could not write ${conversations}: no space left on device (ENOSPC)`);
    expect(await readFile(conversations, 'utf8')).toBe('{}');
  });
});
