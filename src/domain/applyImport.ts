// An import previewed against a practice as it stands, and applied: every new company or colleague
// added through one PracticeChange (one journal line: all or nothing), each with its audit entry.
import type { ImportKind, PreviewResult } from '../import/importPreview.ts';
import { colleagueKey, colleagueRows, type NewColleague } from '../import/colleagueRows.ts';
import { companyKey, companyRows, type NewCompany } from '../import/companyRows.ts';
import type { CsvTable } from '../import/readCsv.ts';
import { ownCopy } from '../text/detached.ts';
import { auditEntry, type Stamp } from './auditEntries.ts';
import type { PracticeChange } from './practiceChange.ts';
import { slugOf } from './practiceSetup.ts';
import type { Colleague, Company, Invitation, Practice } from './schema.ts';

export type ImportRows = NewCompany | NewColleague;

/** Rows to preview against what the practice holds now. */
export function previewOf(practice: Practice, kind: ImportKind, table: CsvTable): PreviewResult<ImportRows> {
  if (kind === 'companies') return companyRows(table, { names: new Set(practice.companies.map((company) => companyKey(company.name))) });
  return colleagueRows(table, {
    emails: new Set(practice.colleagues.map((colleague) => colleagueKey(colleague.email))),
    clientDomains: new Set(practice.companies.flatMap((company) => company.emailDomains.map((domain) => domain.trim().toLowerCase()))),
  });
}

// Names and e-mails are copied: read from a file they are slices of its whole text, which the practice
// would otherwise keep alive for as long as the server runs (a chat import's file is up to a few MB).

function addCompany(edit: PracticeChange, row: NewCompany, stamp: Stamp): void {
  const company: Company = { id: stamp.newId(`co-${slugOf(row.name, 'company')}`), name: ownCopy(row.name), products: [...row.products], emailDomains: [] };
  edit.add('companies', company);
  edit.add('audit', auditEntry(stamp, {
    action: 'company-added', companyId: company.id, before: null, after: { name: company.name, products: company.products }, outcome: 'done',
  }));
}

/** As the chat's invitation of someone new: invited until they first write, the invitation audited. */
export function addColleague(edit: PracticeChange, row: NewColleague, stamp: Stamp): Colleague {
  const colleague: Colleague = {
    id: stamp.newId('colleague'), name: ownCopy(row.name), email: ownCopy(row.email), language: row.language, status: 'invited', practiceRole: row.practiceRole,
  };
  const invitation: Invitation = {
    id: stamp.newId('invitation'), email: colleague.email, colleagueId: colleague.id, invitedBy: stamp.actorId, createdAt: stamp.at, status: 'pending',
  };
  edit.add('colleagues', colleague);
  edit.add('invitations', invitation);
  edit.add('audit', auditEntry(stamp, {
    action: 'invitation-created', colleagueId: colleague.id, before: null,
    after: { invitationId: invitation.id, email: colleague.email, name: colleague.name, practiceRole: row.practiceRole, language: row.language }, outcome: 'done',
  }));
  return colleague;
}

export function applyImport(edit: PracticeChange, kind: ImportKind, rows: ReadonlyArray<{ item: ImportRows }>, stamp: Stamp): void {
  for (const { item } of rows) {
    if (kind === 'companies') addCompany(edit, item as NewCompany, stamp);
    else addColleague(edit, item as NewColleague, stamp);
  }
}
