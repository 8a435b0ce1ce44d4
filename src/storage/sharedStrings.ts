// JSON.parse makes a new string for every value longer than a few characters, so a large practice
// read from disk carries one copy of a colleague's id, a role's id or a product's code for every grant
// and audit entry that names it: 100,000 grants, about 300,000 copies of a few hundred strings. Each
// such field is pointed at one copy instead: less memory, and fewer objects for V8's collector to mark
// every time it goes through the practice.
import type { StoreData } from '../domain/schema.ts';

const GRANT_FIELDS = ['companyId', 'colleagueId', 'product', 'roleId', 'language', 'updatedBy'] as const;
const AUDIT_FIELDS = ['actorId', 'action', 'companyId', 'colleagueId', 'product', 'outcome', 'reason'] as const;

/** Makes the repeated id and code fields of every grant and audit entry share one string per value. */
export function shareRepeatedStrings(data: StoreData): void {
  const shared = new Map<string, string>();
  const share = (record: Record<string, unknown>, fields: readonly string[]) => {
    for (const field of fields) {
      const value = record[field];
      if (typeof value !== 'string') continue;
      const one = shared.get(value);
      if (one === undefined) shared.set(value, value);
      else record[field] = one;
    }
  };
  for (const practice of data.practices) {
    for (const grant of practice.grants) share(grant as unknown as Record<string, unknown>, GRANT_FIELDS);
    for (const entry of practice.audit) share(entry as unknown as Record<string, unknown>, AUDIT_FIELDS);
  }
}
