// Spreadsheets sent in the chat, kept between their preview and their import, by practice and digest.
// Why here and not in the conversation: a flow's snapshot is stored (and kept live) after every turn, and
// a table of 10,000 rows in it would be written again on each of them; the flow keeps the digest instead.
// Only in memory, and bounded: after a restart, or once enough other files came, the person is asked to
// send theirs again. A digest is the id, so the same file sent twice is kept once, and a card from an
// earlier file never names this one.
import { createHash } from 'node:crypto';
import type { CsvTable } from './readCsv.ts';

/** Files kept at most (the least recently used goes first). */
export const MAX_FILES_KEPT = 16;
/** Their size at most, as sent; their tables take about two to three times that in memory. */
export const MAX_BYTES_KEPT = 32 * 1024 * 1024;

/** The id of a file's contents: 128 bits of its SHA-256, URL-safe. */
export const fileIdOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64url').slice(0, 22);

export class UploadedFiles {
  /** By practice and file id, least recently used first. */
  readonly #files = new Map<string, { table: CsvTable; size: number }>();
  #size = 0;

  /** Keeps a file read into a table; its id is its digest. */
  keep(practiceId: string, bytes: Uint8Array, table: CsvTable): string {
    const fileId = fileIdOf(bytes);
    this.drop(practiceId, fileId);
    this.#files.set(keyOf(practiceId, fileId), { table, size: bytes.byteLength });
    this.#size += bytes.byteLength;
    for (const [key, file] of this.#files) {
      if (this.#files.size <= 1 || (this.#files.size <= MAX_FILES_KEPT && this.#size <= MAX_BYTES_KEPT)) break;
      this.#files.delete(key);
      this.#size -= file.size;
    }
    return fileId;
  }

  /** The file's table, when it is still kept for this practice. */
  get(practiceId: string, fileId: string): CsvTable | undefined {
    const key = keyOf(practiceId, fileId);
    const file = this.#files.get(key);
    if (!file) return undefined;
    this.#files.delete(key);
    this.#files.set(key, file);
    return file.table;
  }

  drop(practiceId: string, fileId: string): void {
    const key = keyOf(practiceId, fileId);
    const file = this.#files.get(key);
    if (!file) return;
    this.#files.delete(key);
    this.#size -= file.size;
  }
}

const keyOf = (practiceId: string, fileId: string) => `${practiceId}\u0000${fileId}`;
