// What an import would do, before anything is written: rows that are new, rows already there, and rows
// refused with their line and a reason code (the chat and the command each put the code in words).
import type { ImportKind, ImportSummary } from '../../flows/ports.ts';
import { ownCopy } from '../text/detached.ts';
import { wordKey, COLUMN_WORDS, type Column } from './vocabulary.ts';
import type { CsvProblem, CsvRow, CsvTable } from './readCsv.ts';

export type { ImportKind };

export const ROW_REFUSALS = [
  'missing-name', 'name-too-long', 'unknown-product', 'duplicate-in-file', 'missing-email', 'bad-email', 'missing-role',
  'unknown-role', 'owner-role', 'missing-language', 'unknown-language', 'client-staff',
] as const;
export type RowRefusalReason = (typeof ROW_REFUSALS)[number];

export interface RowRefusal {
  line: number;
  reason: RowRefusalReason;
  /** The value refused (an unknown product, a malformed e-mail), when there is one to show. */
  value?: string;
  /** For a duplicate: the line where the same name or e-mail came first. */
  firstLine?: number;
}

export interface ImportPreview<T> {
  kind: ImportKind;
  /** Rows to import, in file order. */
  fresh: Array<{ line: number; item: T }>;
  /** Rows matching what the practice already holds (left as they are). */
  existing: Array<{ line: number; name: string }>;
  refused: RowRefusal[];
}

export type FileProblem = CsvProblem | { reason: 'missing-column'; column: Column } | { reason: 'too-many-rows'; max: number };

export type PreviewResult<T> = { ok: true; preview: ImportPreview<T> } | { ok: false; problem: FileProblem };

/** More than a large practice has: past it the file is most likely something else. */
export const MAX_ROWS = 50_000;
/** As long as a company's or person's name sensibly gets. */
export const MAX_NAME = 200;

/** A row's cells by column; cells of columns the file lacks read as empty. */
export type Cells = (row: CsvRow) => Record<Column, string>;

/** The columns the header names, each at the first place it is named. */
function headerColumns(table: CsvTable): Map<Column, number> {
  const found = new Map<Column, number>();
  table.header.fields.forEach((title, at) => {
    const key = wordKey(title);
    const column = (Object.keys(COLUMN_WORDS) as Column[]).find((c) => (COLUMN_WORDS[c] as readonly string[]).includes(key));
    if (column && !found.has(column)) found.set(column, at);
  });
  return found;
}

/**
 * What a file holds, as its header says: colleagues have an e-mail column; client companies a name and
 * none of a colleague's columns. Anything else (no name, or a role without an e-mail) is asked.
 */
export function kindOf(table: CsvTable): ImportKind | null {
  const found = headerColumns(table);
  if (found.has('email')) return 'colleagues';
  return found.has('name') && !found.has('role') && !found.has('language') ? 'companies' : null;
}

/** The refusals a chat card lists; it says how many more there are. */
export const REFUSALS_SHOWN = 10;
/** A refused value as a card shows it: an e-mail or a product name, never a whole paragraph. */
const VALUE_SHOWN = 80;

/**
 * A preview in counts and its first refusals, for the chat. The values are copied: a field read from a
 * file is a slice of the file's whole text, and would keep all of it alive in the conversation.
 */
export function summaryOf(preview: ImportPreview<unknown>): ImportSummary {
  const refusals = preview.refused.slice(0, REFUSALS_SHOWN).map(({ value, ...refusal }) =>
    (value === undefined ? refusal : { ...refusal, value: ownCopy(value.length > VALUE_SHOWN ? `${value.slice(0, VALUE_SHOWN - 1)}…` : value) }));
  return { kind: preview.kind, fresh: preview.fresh.length, existing: preview.existing.length, refused: preview.refused.length, refusals };
}

/** Finds the columns from the header; the first required one missing is the file's problem. */
export function columnsOf(table: CsvTable, required: readonly Column[]): { cells: Cells } | { problem: FileProblem } {
  if (table.rows.length > MAX_ROWS) return { problem: { reason: 'too-many-rows', max: MAX_ROWS } };
  const found = headerColumns(table);
  const missing = required.find((column) => !found.has(column));
  if (missing) return { problem: { reason: 'missing-column', column: missing } };
  const columns = [...found];
  return {
    cells: (row) => {
      const cells = { name: '', products: '', email: '', role: '', language: '' };
      for (const [column, at] of columns) cells[column] = row.fields[at] ?? '';
      return cells;
    },
  };
}

/** Keeps the first row of each key; later ones are refused as duplicates naming the first one's line. */
export function firstOfEach(): (key: string, line: number) => RowRefusal | undefined {
  const seen = new Map<string, number>();
  return (key, line) => {
    const firstLine = seen.get(key);
    if (firstLine !== undefined) return { line, reason: 'duplicate-in-file', firstLine };
    seen.set(key, line);
    return undefined;
  };
}
