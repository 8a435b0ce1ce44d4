import type { BatchSpec, FlowRequest } from '../../flows/accessFlow.types.ts';
import { LANGUAGES, type LanguageCode, type Person } from '../../flows/ports.ts';
import type { Interpretation } from './interpretation.ts';
import { viewEvents } from './interpretView.ts';
import type { Understanding } from './understanding.ts';

/** What the flow does itself; the other requests are understood, and answered that they cannot be done yet. */
const FLOW_INTENTS = new Set(['add', 'edit', 'remove', 'list', 'personAccess', 'history', 'invitations', 'importTeam']);

/** The conversation's locale as a preferred language: itself when offered, else its language's first. */
export function languageOfLocale(locale: string | undefined): LanguageCode {
  const exact = LANGUAGES.find((code) => code.toLowerCase() === (locale ?? '').toLowerCase());
  return exact ?? ((locale ?? '').toLowerCase().startsWith('fr') ? 'fr-FR' : 'en-GB');
}

/** Whether a sentence names anyone or anything, beyond the action. */
export function namesAnything(u: Understanding): boolean {
  return !!(u.person || u.email || u.roleId || u.product || u.language || u.companies.length || u.ambiguous);
}

/** Several changes at once, when the sentence asks for them: one confirmation for the whole set. */
function batchSpec(u: Understanding): BatchSpec | 'incomplete' | undefined {
  const person: Person | undefined = u.person ? { kind: 'colleague', colleagueId: u.person } : u.email ? { kind: 'invitee', email: u.email } : undefined;
  switch (u.intent) {
    case 'undo':
      return { kind: 'undo' };
    case 'copy':
      return u.from && person ? { kind: 'copy', from: u.from, person } : 'incomplete';
    case 'removeAll':
      return u.person ? { kind: 'removeAll', colleagueId: u.person } : 'incomplete';
    default: {
      const matches = u.ambiguous?.field === 'company' ? u.ambiguous.candidates : [];
      if (u.companies.length + (matches.length ? 1 : 0) < 2 || (u.intent && u.intent !== 'add' && u.intent !== 'edit')) return undefined;
      if (!person || !u.roleId || !u.product) return 'incomplete';
      return { kind: 'several', companyIds: u.companies, companyMatches: matches, person, product: u.product, roleId: u.roleId, ...(u.language && { language: u.language }) };
    }
  }
}

/** A typed request as the flow takes it: one REQUEST filling everything it names, or a BATCH of several changes. */
export function requestEvents(u: Understanding, locale: string | undefined): Interpretation {
  const conversationLanguage = languageOfLocale(locale);
  // "Import my colleagues": whatever else the sentence names, the team's members are listed to pick from.
  if (u.intent === 'importTeam') return { kind: 'events', events: [{ type: 'IMPORT_TEAM', conversationLanguage }] };
  const batch = batchSpec(u);
  if (batch === 'incomplete') return { kind: 'incomplete' };
  if (batch) return { kind: 'events', events: [{ type: 'BATCH', spec: batch, conversationLanguage }] };
  if (u.intent === 'personAccess' || u.intent === 'history' || u.intent === 'invitations') return viewEvents(u);
  if ((u.intent && !FLOW_INTENTS.has(u.intent)) || u.companies.length > 1) return { kind: 'unsupported' };
  const request: FlowRequest = { mode: (u.intent as FlowRequest['mode']) ?? null, conversationLanguage };
  if (u.companies.length === 1) request.companyId = u.companies[0];
  if (u.ambiguous?.field === 'company') request.companyMatches = u.ambiguous.candidates;
  if (u.person) request.person = { kind: 'colleague', colleagueId: u.person };
  else if (u.email) request.person = { kind: 'invitee', email: u.email };
  if (u.ambiguous?.field === 'person') request.personMatches = u.ambiguous.candidates;
  if (u.product) request.product = u.product;
  if (u.roleId) request.roleId = u.roleId;
  if (u.language) request.language = u.language;
  return { kind: 'events', events: [{ type: 'REQUEST', request }] };
}
