import type { AccessChange, AccessPorts, LanguageCode, Person } from './ports.ts';
import { CLIENT_MANAGEMENT } from './ports.ts';
import type { BatchPlan, BatchSpec, FlowContext } from './accessFlow.types.ts';

// Several changes asked for at once, planned against the practice as it is now: each change carries
// the version it was based on, so one overtaken by someone else's refuses the whole set at confirm.

const BUSINESS_OWNER_ROLE = 'client-management.business-owner';

export function planBatch(ports: AccessPorts, context: FlowContext, spec: BatchSpec, conversationLanguage: LanguageCode): BatchPlan {
  const { practiceId, actorId } = context;
  const base = { practiceId, actorId, addClientManagementBasic: true };
  const changes: AccessChange[] = [];
  const colleagueOf = (person: Person) => (person.kind === 'colleague' ? person.colleagueId : ports.colleagueByEmail(practiceId, person.email));
  const languageOf = (person: Person, held?: LanguageCode) => {
    const colleagueId = colleagueOf(person);
    return held ?? (colleagueId ? ports.colleagueLanguage(practiceId, colleagueId) : conversationLanguage);
  };
  /** Gives `roleId` to `person` at a company, as a change of what they hold there, or nothing when they hold it already. */
  const give = (person: Person, companyId: string, product: AccessChange['product'], roleId: string, language?: LanguageCode) => {
    const colleagueId = colleagueOf(person);
    const held = colleagueId ? ports.grantOf(practiceId, companyId, colleagueId, product) : undefined;
    if (colleagueId && ports.isProtectedGrant(practiceId, companyId, colleagueId, product)) return;
    const wanted = language ?? languageOf(person, held?.language);
    if (held && held.roleId === roleId && held.language === wanted) return;
    changes.push({ ...base, companyId, person, product, mode: held ? 'edit' : 'add', roleId, language: wanted, baseVersion: held?.version ?? null });
  };

  switch (spec.kind) {
    case 'several':
      for (const companyId of spec.companyIds) {
        if (ports.companyProducts(practiceId, companyId).includes(spec.product)) give(spec.person, companyId, spec.product, spec.roleId, spec.language);
      }
      break;
    case 'copy':
      // Client Management first: a product role then finds it, and needs no Basic of its own (rule 3).
      for (const grant of ports.grantsOfColleague(practiceId, spec.from).sort((a, b) => Number(b.product === CLIENT_MANAGEMENT) - Number(a.product === CLIENT_MANAGEMENT))) {
        if (grant.roleId !== BUSINESS_OWNER_ROLE) give(spec.person, grant.companyId, grant.product, grant.roleId);
      }
      break;
    case 'removeAll':
      for (const grant of ports.grantsOfColleague(practiceId, spec.colleagueId)) {
        if (ports.isProtectedGrant(practiceId, grant.companyId, spec.colleagueId, grant.product)) continue;
        changes.push({ ...base, companyId: grant.companyId, person: { kind: 'colleague', colleagueId: spec.colleagueId }, product: grant.product, mode: 'remove', baseVersion: grant.version });
      }
      break;
    case 'undo': {
      const plan = ports.undoPlan(practiceId, actorId);
      if (plan.status !== 'ready') return { spec, changes: [], problem: plan.status };
      changes.push(...plan.changes);
      break;
    }
  }
  return { spec, changes, problem: changes.length === 0 ? 'nothing-to-do' : null };
}
