import type { TFunction } from 'i18next';
import type { FlowContext } from '../../flows/accessFlow.types.ts';
import { colleagueName, companyName, rolesSummary, type StepInput } from '../presentation/steps/shared.ts';
import type { StepLookups } from '../presentation/stepLookups.ts';
import { withoutInvisibles } from '../text/visibleText.ts';

export interface AccessPanel {
  company: string | null;
  people: Array<{ name: string; email: string; invited: boolean; roles: string }>;
}

/** Who has access to the company a person's flow is about, in their language (the local page's side panel). */
export function accessPanel(context: FlowContext | undefined, lookups: StepLookups, t: TFunction): AccessPanel {
  if (!context?.companyId) return { company: null, people: [] };
  const input: StepInput = { context, lookups, t };
  const people = lookups.usersWithAccess(context.practiceId, context.companyId).map(({ colleagueId }) => {
    const colleague = lookups.colleague(context.practiceId, colleagueId);
    // The page shows these as text, never Markdown or HTML; only what a stored name hides is taken out.
    return {
      name: withoutInvisibles(colleagueName(input, colleagueId)),
      email: withoutInvisibles(colleague?.email ?? ''),
      invited: colleague?.status === 'invited',
      roles: withoutInvisibles(rolesSummary(input, colleagueId)),
    };
  });
  return { company: withoutInvisibles(companyName(input)), people };
}
