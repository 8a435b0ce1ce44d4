// Spreadsheet exports as they come: encodings, separators, quoting, line numbers.
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvResult } from '../../src/import/readCsv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1252 = (text: string) => Uint8Array.from(text, (char) => ({ '€': 0x80, '’': 0x92, œ: 0x9c } as Record<string, number>)[char] ?? char.charCodeAt(0));
const utf16le = (text: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

function table(result: CsvResult) {
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.problem)}`);
  return result.table;
}

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, the BOM kept out of the first header', () => {
    const read = table(readCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Name,Products\nCafé de l\'Étoile,AutoEntry\n')])));
    expect(read.encoding).toBe('utf-8');
    expect(read.header.fields).toEqual(['Name', 'Products']);
    expect(read.rows).toEqual([{ line: 2, fields: ["Café de l'Étoile", 'AutoEntry'] }]);
  });

  it('reads UTF-8 without a BOM', () => {
    expect(table(readCsv(utf8('Nom\nHôtel\n'))).rows[0].fields).toEqual(['Hôtel']);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, and finds the semicolons', () => {
    const read = table(readCsv(cp1252('Nom;Rôle\r\nRené Lefèvre;Administrateur\r\nÉlise;5 €\r\nCafé de l’Étoile;Sœurs\r\n')));
    expect(read.encoding).toBe('windows-1252');
    expect(read.separator).toBe(';');
    expect(read.header.fields).toEqual(['Nom', 'Rôle']);
    expect(read.rows.map((row) => row.fields)).toEqual([['René Lefèvre', 'Administrateur'], ['Élise', '5 €'], ['Café de l’Étoile', 'Sœurs']]);
  });

  it('reads UTF-16 with its mark (Excel\'s "Unicode text", tab separated)', () => {
    const read = table(readCsv(utf16le('Name\tE-mail\r\nZoé\tzoe@example.fr\r\n')));
    expect(read).toMatchObject({ encoding: 'utf-16le', separator: '\t' });
    expect(read.rows[0].fields).toEqual(['Zoé', 'zoe@example.fr']);
  });

  it('takes the separator used most in the header, outside quotes', () => {
    expect(table(readCsv(utf8('"Name; the full one",Products,E-mail\nA,B,C\n'))).separator).toBe(',');
    expect(table(readCsv(utf8('"Nom, complet";Produits\nA;B\n'))).separator).toBe(';');
    expect(table(readCsv(utf8('Name\nA\n'))).separator).toBe(',');
  });

  it('follows Excel\'s "sep=" line, which is no row but still a line', () => {
    const read = table(readCsv(utf8('sep=;\nName;Products\nA, B;AutoEntry\n')));
    expect(read.separator).toBe(';');
    expect(read.header).toEqual({ line: 2, fields: ['Name', 'Products'] });
    expect(read.rows).toEqual([{ line: 3, fields: ['A, B', 'AutoEntry'] }]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, counting the lines a row starts on', () => {
    const read = table(readCsv(utf8('Name,Note\r\n"Dupont, Fils","He said ""yes"""\r\n"Two\r\nlines","and\nmore"\r\nLast,one\r\n')));
    expect(read.rows).toEqual([
      { line: 2, fields: ['Dupont, Fils', 'He said "yes"'] },
      { line: 3, fields: ['Two\r\nlines', 'and\nmore'] },
      { line: 6, fields: ['Last', 'one'] },
    ]);
  });

  it('reads old Mac line ends (CR alone) and a last row without a line end', () => {
    const read = table(readCsv(utf8('Name\rA\r"B\rC"\rD')));
    expect(read.rows).toEqual([{ line: 2, fields: ['A'] }, { line: 3, fields: ['B\rC'] }, { line: 5, fields: ['D'] }]);
  });

  it('leaves out blank rows (Excel\'s trailing ";;;") but keeps counting their lines', () => {
    const read = table(readCsv(utf8('\n\nName;Products\n;;\nA;B\n\n')));
    expect(read.header.line).toBe(3);
    expect(read.rows).toEqual([{ line: 5, fields: ['A', 'B'] }]);
  });

  it('keeps a quote inside an unquoted field as it is, and text after a closing quote', () => {
    expect(table(readCsv(utf8('Name\nLe 5" Café\n"Le" Café\n'))).rows.map((row) => row.fields[0])).toEqual(['Le 5" Café', 'Le Café']);
  });

  it('says a quote is never closed, naming the line its row starts on', () => {
    expect(readCsv(utf8('Name\nA\n"B,\nC\n'))).toEqual({ ok: false, problem: { reason: 'unclosed-quote', line: 3 } });
  });

  it('says an empty file is empty, and a workbook or other binary file is no CSV', () => {
    expect(readCsv(utf8(''))).toEqual({ ok: false, problem: { reason: 'empty' } });
    expect(readCsv(utf8('\r\n;;\r\n'))).toEqual({ ok: false, problem: { reason: 'empty' } });
    expect(readCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, problem: { reason: 'not-csv' } });
  });
});
