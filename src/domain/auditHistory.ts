// The chat's history of a practice: its audit entries filtered, newest first, one page at a time.
import type { HistoryFilter } from '../../flows/ports.ts';
import type { AuditEntry } from './schema.ts';

/**
 * Forged card payloads (one by one or counted in a minute's summary) are left out: they record what a
 * tampered or replayed card sent, not anything a person asked for, and their ids are whatever was sent.
 */
function shown(entry: AuditEntry): boolean {
  return entry.reason !== 'forged-payload';
}

function matches(entry: AuditEntry, filter: HistoryFilter): boolean {
  if (filter.companyId && entry.companyId !== filter.companyId) return false;
  if (filter.colleagueId && entry.colleagueId !== filter.colleagueId && entry.actorId !== filter.colleagueId) return false;
  if (filter.since && entry.at < filter.since) return false;
  return shown(entry);
}

/**
 * The matching entries, newest first: how many in all, and those of the page (not copied: the repository
 * copies only these). The audit is appended in time order, so it is read from its end.
 */
export function auditPage(audit: readonly AuditEntry[], filter: HistoryFilter, page: { offset: number; limit: number }) {
  const entries: AuditEntry[] = [];
  let total = 0;
  for (let i = audit.length - 1; i >= 0; i -= 1) {
    if (!matches(audit[i], filter)) continue;
    if (total >= page.offset && entries.length < page.limit) entries.push(audit[i]);
    total += 1;
  }
  return { total, entries };
}
