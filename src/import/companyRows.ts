// A companies spreadsheet read against the practice: name (required) and products (optional; AutoEntry
// with Client Management when empty). A company already there is matched by name, accents and case ignored.
import { CLIENT_MANAGEMENT, PRODUCTS, type ProductCode } from '../../flows/ports.ts';
import { normalise } from '../conversation/normalise.ts';
import { visibleText } from '../text/visibleText.ts';
import { columnsOf, firstOfEach, MAX_NAME, type ImportPreview, type PreviewResult, type RowRefusal } from './importPreview.ts';
import type { CsvTable } from './readCsv.ts';
import { productOf } from './vocabulary.ts';

export interface NewCompany {
  name: string;
  /** Client Management first, the others in catalogue order. */
  products: ProductCode[];
}

/** What the practice holds already: its companies' names as companyKey makes them. */
export interface KnownCompanies {
  names: ReadonlySet<string>;
}

export const DEFAULT_PRODUCTS: readonly ProductCode[] = [CLIENT_MANAGEMENT, 'autoentry'];

export const companyKey = (name: string): string => normalise(name);

/** "AutoEntry, Futrli" or "AutoEntry; Futrli" in one cell; Client Management is always added (rule 3). */
function productsOf(cell: string): { products: ProductCode[] } | { unknown: string } {
  const words = cell.split(/[,;/|+]/).map((word) => visibleText(word)).filter(Boolean);
  if (words.length === 0) return { products: [...DEFAULT_PRODUCTS] };
  const chosen = new Set<ProductCode>([CLIENT_MANAGEMENT]);
  for (const word of words) {
    const product = productOf(word);
    if (!product) return { unknown: word };
    chosen.add(product);
  }
  return { products: PRODUCTS.filter((code) => code === CLIENT_MANAGEMENT).concat(PRODUCTS.filter((code) => code !== CLIENT_MANAGEMENT && chosen.has(code))) };
}

export function companyRows(table: CsvTable, known: KnownCompanies): PreviewResult<NewCompany> {
  const columns = columnsOf(table, ['name']);
  if ('problem' in columns) return { ok: false, problem: columns.problem };
  const preview: ImportPreview<NewCompany> = { kind: 'companies', fresh: [], existing: [], refused: [] };
  const once = firstOfEach();
  for (const row of table.rows) {
    const cells = columns.cells(row);
    const name = visibleText(cells.name);
    const refuse = (refusal: Omit<RowRefusal, 'line'>) => preview.refused.push({ line: row.line, ...refusal });
    if (!name) refuse({ reason: 'missing-name' });
    else if (name.length > MAX_NAME) refuse({ reason: 'name-too-long' });
    else {
      const key = companyKey(name);
      const duplicate = once(key, row.line);
      const products = productsOf(cells.products);
      if (duplicate) preview.refused.push(duplicate);
      else if (known.names.has(key)) preview.existing.push({ line: row.line, name });
      else if ('unknown' in products) refuse({ reason: 'unknown-product', value: products.unknown });
      else preview.fresh.push({ line: row.line, item: { name, products: products.products } });
    }
  }
  return { ok: true, preview };
}
