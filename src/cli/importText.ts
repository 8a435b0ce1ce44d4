// An import's preview and problems in words, for the operator's command (the chat draws its card from the
// same codes, with the same refusal and file-problem lines: src/presentation/importLines.ts).
import type { TFunction } from 'i18next';
import type { ImportPreview } from '../import/importPreview.ts';
import type { CsvTable } from '../import/readCsv.ts';
import { refusalLine } from '../presentation/importLines.ts';

const SEPARATOR_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function tableLine(file: string, table: CsvTable): string {
  return `${file}: ${table.encoding.toUpperCase()}, separated by ${SEPARATOR_NAMES[table.separator]}, ${plural(table.rows.length, 'row')} after the header.`;
}

/** "Companies for Cabinet Dubois: 8 new, 2 already there, 2 refused", then each refusal on its line. */
export function previewLines(t: TFunction, preview: ImportPreview<unknown>, practiceName: string): string[] {
  const what = preview.kind === 'companies' ? 'Companies' : 'Colleagues';
  const lines = [`${what} for ${practiceName}: ${preview.fresh.length} new, ${preview.existing.length} already there, ${preview.refused.length} refused.`];
  if (preview.refused.length > 0) lines.push('Refused (fix these lines and import the file again to add them):', ...preview.refused.map((refusal) => `  ${refusalLine(t, refusal)}`));
  return lines;
}

export function kindName(kind: ImportPreview<unknown>['kind'], count: number): string {
  return kind === 'companies' ? plural(count, 'company', 'companies') : plural(count, 'colleague');
}
