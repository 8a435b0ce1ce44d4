// Look-ups by key for one practice held in memory, so a turn costs the same with 100 grants or 100,000.
// Built on a practice's first look-up; every change afterwards goes through PracticeChange, which keeps
// the index in step (test/store/practiceIndex.test.ts compares it with a fresh build after changes).
import type { Colleague, Company, Grant, Practice } from './schema.ts';

export interface PracticeIndex {
  companies: Map<string, Company>;
  colleagues: Map<string, Colleague>;
  /** A colleague's place in the practice's list: who-has-access lists follow it. */
  colleagueOrder: Map<string, number>;
  colleaguesByEmail: Map<string, Colleague>;
  /** A company's grants: a handful each, so a grant is found by looking through its company's. */
  grantsByCompany: Map<string, Grant[]>;
}

const indexes = new WeakMap<Practice, PracticeIndex>();

export function emailKey(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** First one wins, as a search of the list in order would find it. */
function setFirst<T>(map: Map<string, T>, key: string, value: T): void {
  if (!map.has(key)) map.set(key, value);
}

function build(practice: Practice): PracticeIndex {
  const index: PracticeIndex = {
    companies: new Map(), colleagues: new Map(), colleagueOrder: new Map(), colleaguesByEmail: new Map(),
    grantsByCompany: new Map(),
  };
  for (const company of practice.companies) setFirst(index.companies, company.id, company);
  for (const colleague of practice.colleagues) addColleague(index, colleague);
  for (const grant of practice.grants) addGrant(index, grant);
  return index;
}

function addColleague(index: PracticeIndex, colleague: Colleague): void {
  if (!index.colleagues.has(colleague.id)) {
    index.colleagues.set(colleague.id, colleague);
    index.colleagueOrder.set(colleague.id, index.colleagueOrder.size);
  }
  setFirst(index.colleaguesByEmail, emailKey(colleague.email), colleague);
}

function addGrant(index: PracticeIndex, grant: Grant): void {
  const ofCompany = index.grantsByCompany.get(grant.companyId);
  if (ofCompany) ofCompany.push(grant);
  else index.grantsByCompany.set(grant.companyId, [grant]);
}

export function indexOf(practice: Practice): PracticeIndex {
  let index = indexes.get(practice);
  if (!index) {
    index = build(practice);
    indexes.set(practice, index);
  }
  return index;
}

/** The grant a colleague holds for a product on a company. */
export function grantIn(index: PracticeIndex, companyId: string, colleagueId: string, product: string): Grant | undefined {
  return index.grantsByCompany.get(companyId)?.find((grant) => grant.colleagueId === colleagueId && grant.product === product);
}

/** A fresh index, for checking the maintained one. */
export function rebuiltIndexOf(practice: Practice): PracticeIndex {
  return build(practice);
}

/** Called by PracticeChange after an item joins one of the practice's lists. */
export function indexAdded(practice: Practice, list: string, item: object): void {
  const index = indexes.get(practice);
  if (!index) return;
  if (list === 'grants') addGrant(index, item as Grant);
  else if (list === 'colleagues') addColleague(index, item as Colleague);
  else if (list === 'companies') setFirst(index.companies, (item as Company).id, item as Company);
}

/** Called by PracticeChange after an item leaves one of the practice's lists (colleagues and companies only ever leave on undo). */
export function indexRemoved(practice: Practice, list: string, item: object): void {
  const index = indexes.get(practice);
  if (!index) return;
  if (list === 'grants') {
    const grant = item as Grant;
    const ofCompany = index.grantsByCompany.get(grant.companyId) ?? [];
    const at = ofCompany.indexOf(grant);
    if (at < 0) return;
    ofCompany.splice(at, 1);
    if (ofCompany.length === 0) index.grantsByCompany.delete(grant.companyId);
  } else if (list === 'colleagues') {
    // Only the colleague added last is ever taken back (an invitation undone), so the order stays dense.
    const colleague = item as Colleague;
    if (index.colleagues.get(colleague.id) !== colleague) return;
    index.colleagues.delete(colleague.id);
    index.colleagueOrder.delete(colleague.id);
    if (index.colleaguesByEmail.get(emailKey(colleague.email)) === colleague) index.colleaguesByEmail.delete(emailKey(colleague.email));
  } else if (list === 'companies') {
    const company = item as Company;
    if (index.companies.get(company.id) === company) index.companies.delete(company.id);
  }
}

/** After a practice's lists were replaced whole (by one read again from the engine): its index is built anew at the next look-up. */
export function forgetIndex(practice: Practice): void {
  indexes.delete(practice);
}
