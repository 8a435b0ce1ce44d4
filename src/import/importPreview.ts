// What an import would do, before anything is written: rows that are new, rows already there, and rows
// refused with their line and a reason code (the chat and the command each put the code in words).
import { wordKey, COLUMN_WORDS, type Column } from './vocabulary.ts';
import type { CsvProblem, CsvRow, CsvTable } from './readCsv.ts';

export type ImportKind = 'companies' | 'colleagues';

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

/** Finds the columns from the header; the first required one missing is the file's problem. */
export function columnsOf(table: CsvTable, required: readonly Column[]): { cells: Cells } | { problem: FileProblem } {
  if (table.rows.length > MAX_ROWS) return { problem: { reason: 'too-many-rows', max: MAX_ROWS } };
  const found = new Map<Column, number>();
  table.header.fields.forEach((title, at) => {
    const key = wordKey(title);
    const column = (Object.keys(COLUMN_WORDS) as Column[]).find((c) => (COLUMN_WORDS[c] as readonly string[]).includes(key));
    if (column && !found.has(column)) found.set(column, at);
  });
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
