// A spreadsheet export as rows of text: the bytes' encoding and the separator are found, not asked for,
// because people send what Excel or LibreOffice wrote (UTF-8 with or without BOM, Windows-1252, UTF-16;
// commas, or semicolons where the decimal mark is a comma, as in French; tabs for "Unicode text").

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type Separator = ',' | ';' | '\t';

export interface CsvRow {
  /** The line of the file the row starts on (1-based): what a text editor shows. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  encoding: Encoding;
  separator: Separator;
  /** The first row that is not blank. */
  header: CsvRow;
  /** The rows after the header, blank ones left out. */
  rows: CsvRow[];
}

export type CsvProblem =
  | { reason: 'not-csv' }
  | { reason: 'empty' }
  | { reason: 'unclosed-quote'; line: number };

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; problem: CsvProblem };

const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

/** Windows-1252's 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); undefined bytes stay as they are. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node 20's TextDecoder reads 'windows-1252' as Latin-1, losing € ’ œ and the rest of 0x80–0x9F. */
function fromWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80]);
}

/** Bytes to text, with the encoding they were written in. */
function decode(bytes: Uint8Array): { text: string; encoding: Encoding } | undefined {
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (starts(0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (starts(0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // A NUL byte is no text export: a workbook (.xlsx is a zip), an image, UTF-16 without its mark.
  if (bytes.includes(0)) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: what Excel for Windows writes for "CSV (separated by…)" in Western Europe.
    return { text: fromWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** The separator used most in the first line outside quotes; a comma when there is none (one column). */
function separatorOf(text: string): Separator {
  const counts = new Map<Separator, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Separator)) counts.set(char as Separator, counts.get(char as Separator)! + 1);
  }
  return SEPARATORS.reduce((best, s) => (counts.get(s)! > counts.get(best)! ? s : best), ',');
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** RFC 4180, leniently: a quote is special only at a field's start, and text after a closing quote is kept. */
function parse(text: string, separator: Separator, firstLine: number): { rows: CsvRow[] } | { unclosedAt: number } {
  const rows: CsvRow[] = [];
  const sep = separator.charCodeAt(0);
  let line = firstLine;
  let rowLine = line;
  let fields: string[] = [];
  let i = 0;
  const endRow = () => {
    if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
    fields = [];
  };
  // One field per turn: runs of plain text are sliced whole rather than built a character at a time.
  while (i <= text.length) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      for (i = from; ; i += 1) {
        if (i >= text.length) return { unclosedAt: rowLine };
        const code = text.charCodeAt(i);
        if (code === QUOTE) {
          field += text.slice(from, i);
          if (text.charCodeAt(i + 1) !== QUOTE) break;
          field += '"';
          from = i + 2;
          i += 1;
        } else if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) line += 1;
      }
      i += 1;
    }
    const from = i;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === sep || code === LF || code === CR) break;
      i += 1;
    }
    fields.push(field + text.slice(from, i));
    const code = text.charCodeAt(i);
    if (code === sep) {
      i += 1;
      continue;
    }
    endRow();
    if (i >= text.length) break;
    i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line += 1;
    rowLine = line;
    if (i === text.length) break;
  }
  return { rows };
}

/** The rows of a CSV export; the header is the first row that is not blank. */
export function readCsv(bytes: Uint8Array): CsvResult {
  const decoded = decode(bytes);
  if (!decoded) return { ok: false, problem: { reason: 'not-csv' } };
  let { text } = decoded;
  let firstLine = 1;
  let separator: Separator | undefined;
  // Excel's own hint, "sep=;" on the first line, names the separator and is no row.
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint && SEPARATORS.includes(hint[1] as Separator)) {
    separator = hint[1] as Separator;
    text = text.slice(hint[0].length);
    firstLine = 2;
  }
  separator ??= separatorOf(text.replace(/^[\r\n]+/, ''));
  const parsed = parse(text, separator, firstLine);
  if ('unclosedAt' in parsed) return { ok: false, problem: { reason: 'unclosed-quote', line: parsed.unclosedAt } };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, problem: { reason: 'empty' } };
  return { ok: true, table: { encoding: decoded.encoding, separator, header, rows } };
}
