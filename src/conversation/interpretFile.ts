import type { ImportKind } from '../../flows/ports.ts';
import type { Speaker } from '../domain/speaker.ts';
import { readCsv, type CsvProblem, type CsvTable } from '../import/readCsv.ts';
import { detached } from '../text/detached.ts';
import { visibleText } from '../text/visibleText.ts';
import type { Interpretation } from './interpretation.ts';

// A file sent with a message: fetched (only for someone who may manage access), read as a CSV export,
// kept behind the repository by its digest, and handed to the flow as a FILE event naming it.

/** Why a sent file cannot be read: not a CSV export, too big, its link failed, or what readCsv says. */
export type SentFileProblem =
  | { reason: 'not-csv' | 'unreachable' | 'unreadable' }
  | { reason: 'too-big'; maxMb: number }
  | CsvProblem;

export type FileBytes = { ok: true; bytes: Uint8Array } | { ok: false; problem: SentFileProblem };

/** A file as the channel sent it; `read` fetches it (null: it is no CSV export, so it is never fetched). */
export interface FileSent {
  name: string;
  read: (() => Promise<FileBytes>) | null;
}

export interface FileLookups {
  canManageUsers(practiceId: string, colleagueId: string): boolean;
  keepUpload(practiceId: string, bytes: Uint8Array, table: CsvTable): { fileId: string; kind: ImportKind | null };
}

/** A file name as shown on a card: what shows of it, no longer than names sensibly get. */
const MAX_NAME = 120;

export async function interpretFile(file: FileSent, speaker: Speaker, lookups: FileLookups): Promise<Interpretation> {
  const name = detached(visibleText(file.name), MAX_NAME) || 'file.csv';
  // Rule 1 first: a file from someone who may not manage access is never fetched, and the flow refuses it.
  if (!lookups.canManageUsers(speaker.practiceId, speaker.colleagueId)) return sent({ id: '', name, kind: null });
  if (!file.read) return { kind: 'file-problem', name, problem: { reason: 'not-csv' } };
  const fetched = await file.read();
  if (!fetched.ok) return { kind: 'file-problem', name, problem: fetched.problem };
  const read = readCsv(fetched.bytes);
  if (!read.ok) return { kind: 'file-problem', name, problem: read.problem };
  const { fileId, kind } = lookups.keepUpload(speaker.practiceId, fetched.bytes, read.table);
  return sent({ id: fileId, name, kind });
}

const sent = (file: { id: string; name: string; kind: ImportKind | null }): Interpretation => ({ kind: 'events', events: [{ type: 'FILE', file }] });
