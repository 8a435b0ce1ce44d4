// The benchmark's add-user flows: which company and colleague each one picks, and how they are shared out
// among the conversations. The JSON and the PostgreSQL benchmarks plan them alike.
import type { Company, StoreData } from '../../src/domain/schema.ts';
import type { PracticeSize } from './generatePractice.ts';
import type { AddUserPlan, ConversationPlan } from './loadDriver.ts';

const AUTOENTRY_ROLES = ['autoentry.documents-standard', 'autoentry.documents-basic', 'autoentry.expenses-standard', 'autoentry.files-basic'];
const LANGUAGES = ['en-GB', 'fr-FR', 'en-US', 'fr-CA'];

/** Distinct company × colleague pairs with no AutoEntry role yet, spread over the practice (none with an `excluded` company). */
export function addUserPlans(data: StoreData, count: number, excluded: (company: Company) => boolean = () => false): AddUserPlan[] {
  const practice = data.practices[0];
  const held = new Set(practice.grants.filter((g) => g.product === 'autoentry').map((g) => `${g.companyId}|${g.colleagueId}`));
  const companies = practice.companies.filter((company) => company.products.includes('autoentry') && !excluded(company));
  const people = practice.colleagues.filter((colleague) => colleague.id !== 'demo-owner');
  const plans: AddUserPlan[] = [];
  // A stride prime to both lists walks the pairs without repeating one.
  for (let i = 0; plans.length < count && i < companies.length * people.length; i += 1) {
    const company = companies[(i * 7919) % companies.length];
    const colleague = people[(i * 104_729) % people.length];
    const key = `${company.id}|${colleague.id}`;
    if (held.has(key)) continue;
    held.add(key);
    const n = plans.length;
    plans.push({
      companyId: company.id, companyName: company.name, colleagueId: colleague.id, colleagueName: colleague.name,
      roleId: AUTOENTRY_ROLES[n % AUTOENTRY_ROLES.length], language: LANGUAGES[n % LANGUAGES.length],
    });
  }
  if (plans.length < count) throw new Error(`the practice has only ${plans.length} free pairs for ${count} flows`);
  return plans;
}

/** `count` conversations, each an administrator running `flowsEach` flows; flow f of conversation i is pairs[f * count + i]. */
export function conversationPlans(pairs: AddUserPlan[], size: PracticeSize, count: number, flowsEach: number): ConversationPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    actorId: `demo-admin-${(i % size.admins) + 1}`,
    flows: Array.from({ length: flowsEach }, (_, f) => pairs[f * count + i]),
  }));
}
