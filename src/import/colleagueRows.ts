// A colleagues spreadsheet read against the practice: name, e-mail, Client Management role and preferred
// language, all required. A colleague already there is matched by e-mail, case ignored: two people may
// share a name, never an address.
import type { LanguageCode } from '../../flows/ports.ts';
import { BUSINESS_OWNER } from '../domain/integrity.ts';
import { visibleText } from '../text/visibleText.ts';
import { columnsOf, firstOfEach, MAX_NAME, type ImportPreview, type PreviewResult, type RowRefusal } from './importPreview.ts';
import type { CsvTable } from './readCsv.ts';
import { languageOf, practiceRoleOf } from './vocabulary.ts';

export interface NewColleague {
  name: string;
  email: string;
  /** A Client Management role id, never the Business Owner's. */
  practiceRole: string;
  language: LanguageCode;
}

/** What the practice holds already, as colleagueKey and domainOf make them. */
export interface KnownColleagues {
  emails: ReadonlySet<string>;
  /** The client companies' own e-mail domains: their staff get access in AutoEntry itself. */
  clientDomains: ReadonlySet<string>;
}

export const colleagueKey = (email: string): string => email.trim().toLowerCase();
export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();

/** The address's domain or one it is under ("paie.dupont.fr" under "dupont.fr") is a client's. */
function isClientStaff(email: string, clientDomains: ReadonlySet<string>): boolean {
  const parts = domainOf(email).split('.');
  return parts.some((_, at) => clientDomains.has(parts.slice(at).join('.')));
}

/** An address as people write them, no longer than addresses can be (254). */
export const isEmail = (text: string): boolean => text.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

function refusalOf(name: string, email: string, role: string, language: string): Omit<RowRefusal, 'line'> | undefined {
  if (!name) return { reason: 'missing-name' };
  if (name.length > MAX_NAME) return { reason: 'name-too-long' };
  if (!email) return { reason: 'missing-email' };
  if (!isEmail(email)) return { reason: 'bad-email', value: email };
  if (!role) return { reason: 'missing-role' };
  const practiceRole = practiceRoleOf(role);
  if (!practiceRole) return { reason: 'unknown-role', value: role };
  // A practice has exactly one Business Owner, set when the practice is registered.
  if (practiceRole === BUSINESS_OWNER) return { reason: 'owner-role', value: role };
  if (!language) return { reason: 'missing-language' };
  if (!languageOf(language)) return { reason: 'unknown-language', value: language };
  return undefined;
}

export function colleagueRows(table: CsvTable, known: KnownColleagues): PreviewResult<NewColleague> {
  const columns = columnsOf(table, ['name', 'email', 'role', 'language']);
  if ('problem' in columns) return { ok: false, problem: columns.problem };
  const preview: ImportPreview<NewColleague> = { kind: 'colleagues', fresh: [], existing: [], refused: [] };
  const once = firstOfEach();
  for (const row of table.rows) {
    const cells = columns.cells(row);
    const [name, email, role, language] = [cells.name, cells.email, cells.role, cells.language].map(visibleText);
    const refusal = refusalOf(name, email, role, language);
    // A row refused for another reason still claims its address: a later row with it is a duplicate.
    const duplicate = isEmail(email) ? once(colleagueKey(email), row.line) : undefined;
    if (refusal) preview.refused.push({ line: row.line, ...refusal });
    else if (duplicate) preview.refused.push(duplicate);
    else if (known.emails.has(colleagueKey(email))) preview.existing.push({ line: row.line, name });
    else if (isClientStaff(email, known.clientDomains)) preview.refused.push({ line: row.line, reason: 'client-staff', value: email });
    else preview.fresh.push({ line: row.line, item: { name, email, practiceRole: practiceRoleOf(role)!, language: languageOf(language)! } });
  }
  return { ok: true, preview };
}
