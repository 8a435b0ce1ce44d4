import type { ViewRequest } from '../../flows/accessFlow.types.ts';
import type { Interpretation } from './interpretation.ts';
import type { Understanding } from './understanding.ts';

// "What access does Sophie have?", "What changed at Dupont this week?", "Pending invitations": the views, as the flow takes them.

/** A view the sentence asks for, as one VIEW event; unsupported when it names no one it could show. */
export function viewEvents(u: Understanding): Interpretation {
  // "Pending invitations": the practice's, whoever the sentence names.
  if (u.intent === 'invitations') return { kind: 'events', events: [{ type: 'VIEW', view: { kind: 'invitations' } }] };
  const view: ViewRequest = { kind: u.intent === 'history' ? 'history' : 'personAccess' };
  if (u.person) view.colleagueId = u.person;
  else if (u.ambiguous?.field === 'person') view.personMatches = u.ambiguous.candidates;
  if (view.kind === 'personAccess') {
    // Whose access: a colleague must be named (an e-mail of someone not in the practice has none).
    if (!view.colleagueId && !view.personMatches) return { kind: 'unsupported' };
  } else {
    if (u.companies.length > 1) return { kind: 'unsupported' };
    if (u.companies.length === 1) view.companyId = u.companies[0];
    else if (u.ambiguous?.field === 'company') view.companyMatches = u.ambiguous.candidates;
    if (u.since) view.since = u.since;
  }
  return { kind: 'events', events: [{ type: 'VIEW', view }] };
}
