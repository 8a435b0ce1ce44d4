// Files of the size a large practice sends (10,000 rows), generated here rather than kept: Windows-1252
// with semicolons as French Excel writes them, quoted names with separators and line breaks, and broken
// rows scattered through. Read and previewed against the demo practice within the issue's 2 s, with every
// refused row's line right, and what the chat keeps of a file (its summary, its table in the bounded cache).
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { kindOf, REFUSALS_SHOWN, summaryOf } from '../../src/import/importPreview.ts';
import { readCsv, type CsvTable } from '../../src/import/readCsv.ts';
import { fileIdOf, MAX_BYTES_KEPT, MAX_FILES_KEPT, UploadedFiles } from '../../src/import/uploadedFiles.ts';
import { openRepository } from '../store/helpers.ts';

const ROWS = 10_000;

/** Companies: every 7th name quoted with a semicolon and a line break (two lines), every 500th with an unknown product. */
function companiesFile(): { bytes: Buffer; brokenLines: number[]; lines: number } {
  const out = ['Nom;Produits'];
  const brokenLines: number[] = [];
  let line = 2;
  for (let i = 0; i < ROWS; i++) {
    const broken = i % 500 === 499;
    if (broken) brokenLines.push(line);
    if (i % 7 === 0) {
      out.push(`"Société n°${i}; Lefèvre\r\n& Fils";${broken ? 'Comptabilité' : 'AutoEntry, Futrli'}`);
      line += 2;
    } else {
      out.push(`Société n°${i} Müller;${broken ? 'Comptabilité' : 'AutoEntry'}`);
      line += 1;
    }
  }
  return { bytes: Buffer.from(`${out.join('\r\n')}\r\n`, 'latin1'), brokenLines, lines: line - 1 };
}

/** Colleagues: English headers, UTF-8 with BOM, commas; every 250th row without an e-mail. */
function colleaguesFile(): Buffer {
  const out = ['Name,E-mail,Client Management role,Preferred language'];
  for (let i = 0; i < ROWS; i++) {
    out.push(`"Carter, James ${i}",${i % 250 === 0 ? '' : `james.${i}@cabinet-martin.fr`},Standard,English (United Kingdom)`);
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(out.join('\n'), 'utf8')]);
}

const tableOf = (bytes: Uint8Array): CsvTable => {
  const read = readCsv(bytes);
  if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.problem)}`);
  return read.table;
};

describe('10,000 rows', () => {
  it('companies (Windows-1252, semicolons, quoted line breaks): read and previewed under 2 s, each refusal on its line', async () => {
    const { repo } = await openRepository();
    const { bytes, brokenLines } = companiesFile();
    const started = performance.now();
    const table = tableOf(bytes);
    const result = repo.previewImport('demo', 'companies', table)!;
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2_000);

    expect(table).toMatchObject({ encoding: 'windows-1252', separator: ';' });
    expect(table.rows).toHaveLength(ROWS);
    expect(kindOf(table)).toBe('companies');
    if (!result.ok) throw new Error(result.problem.reason);
    const { preview } = result;
    expect(preview.fresh).toHaveLength(ROWS - brokenLines.length);
    expect(preview.refused.map((r) => r.line)).toEqual(brokenLines);
    expect(preview.refused.every((r) => r.reason === 'unknown-product' && r.value === 'Comptabilité')).toBe(true);
    // A quoted name keeps its semicolon; its line break reads as a space.
    expect(preview.fresh[0].item).toEqual({ name: 'Société n°0; Lefèvre & Fils', products: ['client-management', 'autoentry', 'futrli'] });

    const summary = summaryOf(preview);
    expect(summary).toMatchObject({ kind: 'companies', fresh: ROWS - 20, existing: 0, refused: 20 });
    expect(summary.refusals.map((r) => r.line)).toEqual(brokenLines.slice(0, REFUSALS_SHOWN));
  });

  it('colleagues (UTF-8 with BOM, commas, quoted commas): read and previewed under 2 s', async () => {
    const { repo } = await openRepository();
    const started = performance.now();
    const table = tableOf(colleaguesFile());
    const result = repo.previewImport('demo', 'colleagues', table)!;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(kindOf(table)).toBe('colleagues');
    if (!result.ok) throw new Error(result.problem.reason);
    expect(result.preview.fresh).toHaveLength(ROWS - 40);
    expect(result.preview.refused.slice(0, 2)).toEqual([{ line: 2, reason: 'missing-email' }, { line: 252, reason: 'missing-email' }]);
    expect(result.preview.fresh[0].item).toEqual({ name: 'Carter, James 1', email: 'james.1@cabinet-martin.fr', practiceRole: 'client-management.standard', language: 'en-GB' });
  });
});

describe('what a file\'s header says it holds', () => {
  it.each([
    ['Name,Products', 'companies'],
    ['Nom;Produits', 'companies'],
    ['Raison sociale', 'companies'],
    ['Nom;E-mail;Rôle;Langue', 'colleagues'],
    ['Courriel', 'colleagues'],
    ['Name,Role', null],
    ['Nom;Langue', null],
    ['Ville;Code postal', null],
  ] as const)('%s: %s', (header, kind) => {
    expect(kindOf(tableOf(Buffer.from(`${header}\nx\n`)))).toBe(kind);
  });
});

describe('files kept between a preview and an import', () => {
  const small = (text: string) => ({ bytes: Buffer.from(`Name\n${text}\n`), table: tableOf(Buffer.from(`Name\n${text}\n`)) });

  it('by practice and digest: the same file twice is kept once, another practice never finds it', () => {
    const files = new UploadedFiles();
    const { bytes, table } = small('Atelier Brun');
    const id = files.keep('demo', bytes, table);
    expect(id).toBe(fileIdOf(bytes));
    expect(files.keep('demo', Buffer.from(bytes), table)).toBe(id);
    expect(files.get('demo', id)).toBe(table);
    expect(files.get('north', id)).toBeUndefined();
    files.drop('demo', id);
    expect(files.get('demo', id)).toBeUndefined();
  });

  it(`at most ${MAX_FILES_KEPT} files, the least recently used going first`, () => {
    const files = new UploadedFiles();
    const ids = Array.from({ length: MAX_FILES_KEPT }, (_, i) => files.keep('demo', small(`Company ${i}`).bytes, small(`Company ${i}`).table));
    expect(files.get('demo', ids[0])).toBeDefined(); // used: the second is now the oldest
    files.keep('demo', small('One more').bytes, small('One more').table);
    expect(files.get('demo', ids[0])).toBeDefined();
    expect(files.get('demo', ids[1])).toBeUndefined();
    expect(ids.slice(2).every((id) => files.get('demo', id))).toBe(true);
  });

  it(`at most ${MAX_BYTES_KEPT / 1024 / 1024} MB of files, but always the newest one`, () => {
    const files = new UploadedFiles();
    const big = (n: number) => Buffer.concat([Buffer.from(`Name\nBig ${n}\n`), Buffer.alloc(MAX_BYTES_KEPT / 3, ' ')]);
    const table = small('x').table;
    const first = files.keep('demo', big(1), table);
    const second = files.keep('demo', big(2), table);
    const third = files.keep('demo', big(3), table);
    expect([first, second, third].map((id) => !!files.get('demo', id))).toEqual([false, true, true]);
    const huge = files.keep('demo', Buffer.alloc(MAX_BYTES_KEPT + 1, ' '), table);
    expect(files.get('demo', huge)).toBe(table);
    expect(files.get('demo', third)).toBeUndefined();
  });
});
