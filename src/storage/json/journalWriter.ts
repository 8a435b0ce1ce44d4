// A journal's file operations: one JSON line per committed change, flushed to disk before the change counts
// as made, and the snapshot beside it written whole. A crash in the middle of an append leaves a last line
// without its newline; that line was never acknowledged, so reading ignores it and the next append cuts it off.
import fs from 'node:fs';
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';

/**
 * Reads a journal of JSON lines (missing: empty): `check` says what is wrong with a line, if anything,
 * and a whole line that is not JSON or fails the check refuses the file, naming the line. A last line
 * without its newline was torn by a crash and never acknowledged: it is left out.
 */
export async function readJournalLines(
  file: string,
  label: string,
  check: (value: unknown) => string | undefined,
): Promise<{ lines: unknown[]; validBytes: number; tornBytes: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], validBytes: 0, tornBytes: 0 };
    throw new Error(`${label} ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const validBytes = bytes.lastIndexOf(0x0a) + 1;
  const texts = bytes.subarray(0, validBytes).toString('utf8').split('\n').slice(0, -1);
  const lines = texts.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${label} ${file}, line ${i + 1}, is not valid JSON (${(error as Error).message}); the files were left as they are`, { cause: error });
    }
    const problem = check(value);
    if (problem) throw new Error(`${label} ${file}, line ${i + 1}: ${problem}; the files were left as they are`);
    return value;
  });
  return { lines, validBytes, tornBytes: bytes.length - validBytes };
}

/** Runs a write to `file`; a failure names the file and says why in plain words (a full disk: ENOSPC). */
export async function writing<T>(file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw writeFailure(file, error);
  }
}

function writeFailure(file: string, error: unknown): Error {
  return new Error(`could not write ${file}: ${inPlainWords(error)}`, { cause: error });
}

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write". */
function inPlainWords(error: unknown): string {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  if (!code || !syscall || !message?.startsWith(`${code}: `)) return String((error as Error)?.message ?? error);
  return `${message.slice(code.length + 2).split(`, ${syscall}`)[0]} (${code})`;
}

/** A snapshot is written this many characters at a time: its memory stays small however large the data. */
const WRITE_CHUNK_CHARS = 256 * 1024;

/**
 * Writes a file whole from its pieces (a temporary file beside it, renamed over it), a chunk at a time rather
 * than from one string the size of the file; flushes it and its folder; returns its size in bytes.
 */
export async function writeWhole(file: string, pieces: Iterable<string>): Promise<number> {
  const temporary = join(dirname(file), `.${basename(file)}.tmp`);
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    const writeAll = async (text: string) => {
      const buffer = Buffer.from(text);
      for (let written = 0; written < buffer.length;) written += (await handle.write(buffer, written)).bytesWritten;
      bytes += buffer.length;
    };
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < WRITE_CHUNK_CHARS) continue;
      await writeAll(chunk);
      chunk = '';
    }
    await writeAll(chunk);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await renameRetried(temporary, file);
  await syncDirectory(dirname(file));
  return bytes;
}

/** Windows can refuse a rename for a moment while something reads the file: try it ten times, as lowdb's writer does. */
async function renameRetried(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Flushes a directory, so a file created or renamed in it survives a power cut (where the OS allows it). */
export async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms and file systems cannot open or flush a directory; the data itself was flushed.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

const fd = {
  open: promisify(fs.open),
  write: (handle: number, buffer: Buffer, offset: number, length: number) =>
    new Promise<number>((resolve, reject) => fs.write(handle, buffer, offset, length, null, (error, written) => (error ? reject(error) : resolve(written)))),
  datasync: promisify(fs.fdatasync),
  truncate: promisify(fs.ftruncate),
  close: promisify(fs.close),
};

/** How long the journal stays open after its last write: a busy assistant writes to an open file. */
const IDLE_CLOSE_MS = 1_000;

/**
 * Appends lines and empties the file, one operation at a time; every one resolves once flushed. The
 * file stays open while writes keep coming (a write is then two steps: write, flush) and is closed a
 * second after the last one, so nothing is left open when the assistant (or a test) is done with it.
 */
export class JournalWriter {
  #size: number;
  #fd: number | undefined;
  #idle: NodeJS.Timeout | undefined;
  /** Appends (or clears) under way. */
  #using = 0;
  /** A failed append whose line could not be cut off again: appending more would glue onto it. */
  #broken: Error | undefined;

  private constructor(private readonly file: string, size: number) {
    this.#size = size;
  }

  /** Ready to append, a torn last line first cut off. */
  static async open(file: string, validBytes: number): Promise<JournalWriter> {
    return writing(file, async () => {
      const writer = new JournalWriter(file, validBytes);
      const handle = await writer.#open();
      if (fs.fstatSync(handle).size !== validBytes) await fd.truncate(handle, validBytes);
      await fd.datasync(handle);
      await syncDirectory(dirname(file));
      writer.#release();
      return writer;
    });
  }

  get size(): number {
    return this.#size;
  }

  /** Writes the lines (each ending with a newline) and flushes them. On failure the journal is as it was before. */
  async append(lines: Buffer): Promise<void> {
    if (this.#broken) throw this.#broken;
    const handle = await writing(this.file, () => this.#open());
    try {
      for (let written = 0; written < lines.length;) written += await fd.write(handle, lines, written, lines.length - written);
      await fd.datasync(handle);
      this.#size += lines.length;
    } catch (error) {
      try {
        await fd.truncate(handle, this.#size);
        await fd.datasync(handle);
      } catch {
        this.#broken = new Error(`Journal ${this.file} could not be repaired after a failed write; restart the assistant`, { cause: error });
      }
      throw writeFailure(this.file, error);
    } finally {
      this.#release();
    }
  }

  /** Empties the journal once its changes are in the snapshot. */
  async clear(): Promise<void> {
    if (this.#broken) throw this.#broken;
    const handle = await writing(this.file, () => this.#open());
    try {
      await writing(this.file, async () => {
        await fd.truncate(handle, 0);
        await fd.datasync(handle);
      });
      this.#size = 0;
    } finally {
      this.#release();
    }
  }

  async #open(): Promise<number> {
    this.#using += 1;
    try {
      this.#fd ??= await fd.open(this.file, 'a');
    } catch (error) {
      this.#using -= 1;
      throw error;
    }
    return this.#fd;
  }

  /** Closes the file once no write has come for a while (one timer, pushed back by each write). */
  #release(): void {
    this.#using -= 1;
    if (this.#idle) {
      this.#idle.refresh();
      return;
    }
    this.#idle = setTimeout(() => {
      // A write under way (a slow disk) keeps the file open.
      if (this.#using > 0) return this.#idle?.refresh();
      this.#idle = undefined;
      const open = this.#fd;
      this.#fd = undefined;
      if (open !== undefined) fs.close(open, () => undefined);
    }, IDLE_CLOSE_MS).unref();
  }
}
